import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { chooseBranch, objectKeysAt, schemaAt, valueAt } from './schema-walk.ts';

const byField = z.strictObject({ field: z.string(), format: z.string() });
const byRegex = z.strictObject({
  regex: z.string(),
  group: z.int().default(1),
  format: z.string(),
});
const spec = z.union([byField, byRegex]);

describe('objectKeysAt', () => {
  const schema = z.strictObject({
    list: z.array(z.strictObject({ id: z.string(), deep: z.strictObject({ x: z.number() }) })),
    byName: z.record(z.string(), z.strictObject({ weight: z.number() })).optional(),
    defaulted: z.strictObject({ y: z.number().default(1) }).prefault({}),
    piped: z.strictObject({ z: z.number() }).transform((value) => value.z),
    spec: spec.optional(),
  });

  it('follows lists, records and wrappers to the object schema at a path', () => {
    expect(objectKeysAt(schema, [])).toEqual(['list', 'byName', 'defaulted', 'piped', 'spec']);
    expect(objectKeysAt(schema, ['list', 3])).toEqual(['id', 'deep']);
    expect(objectKeysAt(schema, ['list', 0, 'deep'])).toEqual(['x']);
    expect(objectKeysAt(schema, ['byName', 'anything'])).toEqual(['weight']);
    expect(objectKeysAt(schema, ['defaulted'])).toEqual(['y']);
    expect(objectKeysAt(schema, ['piped'])).toEqual(['z']);
  });

  it('follows a union of maps into the branch the input picks', () => {
    const input = { spec: { regex: 'a(b)', gruop: 2 } };
    expect(objectKeysAt(schema, ['spec'], input)).toEqual(['regex', 'group', 'format']);
    expect(objectKeysAt(schema, ['spec'], { spec: { field: 'f' } })).toEqual(['field', 'format']);
  });

  it('gives no keys where the path leads to no object schema or the union picks no branch', () => {
    expect(objectKeysAt(schema, ['list'])).toEqual([]);
    expect(objectKeysAt(schema, ['missing', 'x'])).toEqual([]);
    expect(objectKeysAt(schema, ['spec'], { spec: { format: 'x' } })).toEqual([]);
    expect(objectKeysAt(schema, ['spec'])).toEqual([]);
  });
});

describe('schemaAt', () => {
  const schema = z.strictObject({ outer: z.union([z.strictObject({ a: spec }), byField]) });

  it('returns a union at the end of the path as it is, wrappers removed', () => {
    expect(
      schemaAt(z.strictObject({ spec: spec.default({ field: 'f', format: 'x' }) }), ['spec']),
    ).toBe(spec);
  });

  it('crosses a union on the way by the branch the value picks', () => {
    expect(schemaAt(schema, ['outer', 'a'], { outer: { a: {} } })).toBe(spec);
    expect(schemaAt(schema, ['outer', 'a'], { outer: { field: 'x' } })).toBe(undefined);
  });
});

describe('chooseBranch', () => {
  it('picks the branch whose required key, which no other branch has, is present', () => {
    expect(chooseBranch(spec, { regex: 'x', format: 5 })).toEqual({
      kind: 'one',
      index: 1,
      branch: byRegex,
    });
    expect(chooseBranch(spec, { field: 'x', group: 2 })).toEqual({
      kind: 'one',
      index: 0,
      branch: byField,
    });
  });

  it('names the key of each branch picked when several are', () => {
    expect(chooseBranch(spec, { format: 'x', regex: 'r', field: 'f' })).toEqual({
      kind: 'mixed',
      keys: ['field', 'regex'],
    });
  });

  it('picks nothing by shared or optional keys, for a value that is not a map, or a union of non-maps', () => {
    expect(chooseBranch(spec, { format: 'x', group: 1 })).toEqual({ kind: 'none' });
    expect(chooseBranch(spec, ['field'])).toEqual({ kind: 'none' });
    expect(chooseBranch(spec, 'field')).toEqual({ kind: 'none' });
    expect(chooseBranch(z.union([z.string(), byField]), { field: 'x' })).toEqual({
      kind: 'none',
    });
  });

  it('does not take a key inherited from the prototype as present', () => {
    const withToString = z.union([z.strictObject({ toString: z.string() }), byField]);
    expect(chooseBranch(withToString, {})).toEqual({ kind: 'none' });
  });
});

describe('valueAt', () => {
  it('reads through maps and lists, and gives undefined where the path leaves the value', () => {
    const input = { a: [{ b: 7 }] };
    expect(valueAt(input, ['a', 0, 'b'])).toBe(7);
    expect(valueAt(input, ['a', 1, 'b'])).toBe(undefined);
    expect(valueAt(input, ['a', 'length'])).toBe(undefined);
    expect(valueAt(input, [])).toBe(input);
  });
});
