import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { closestMatch, listWords, objectKeysAt } from './issues.ts';

describe('closestMatch', () => {
  it('finds a key that differs only in case', () => {
    expect(closestMatch('TOPK', ['windows', 'topK'])).toBe('topK');
  });

  it('allows one edit for short words and a third of the length for long ones', () => {
    expect(closestMatch('pan', ['pane'])).toBe('pane');
    expect(closestMatch('pa', ['pane'])).toBe(undefined);
    expect(closestMatch('paneCapcty', ['paneCapacity'])).toBe('paneCapacity');
  });

  it('prefers the closest candidate and gives nothing when none is close', () => {
    expect(closestMatch('windws', ['window', 'windows'])).toBe('windows');
    expect(closestMatch('zzzz', ['windows', 'pane'])).toBe(undefined);
  });
});

describe('listWords', () => {
  it('joins words the way a sentence does', () => {
    expect(listWords([], 'and')).toBe('');
    expect(listWords(['a'], 'and')).toBe('a');
    expect(listWords(['a', 'b'], 'or')).toBe('a or b');
    expect(listWords(['a', 'b', 'c'], 'and')).toBe('a, b and c');
  });
});

describe('objectKeysAt', () => {
  const schema = z.strictObject({
    list: z.array(z.strictObject({ id: z.string(), deep: z.strictObject({ x: z.number() }) })),
    byName: z.record(z.string(), z.strictObject({ weight: z.number() })).optional(),
    defaulted: z.strictObject({ y: z.number().default(1) }).prefault({}),
    piped: z.strictObject({ z: z.number() }).transform((value) => value.z),
  });

  it('follows lists, records and wrappers to the object schema at a path', () => {
    expect(objectKeysAt(schema, [])).toEqual(['list', 'byName', 'defaulted', 'piped']);
    expect(objectKeysAt(schema, ['list', 3])).toEqual(['id', 'deep']);
    expect(objectKeysAt(schema, ['list', 0, 'deep'])).toEqual(['x']);
    expect(objectKeysAt(schema, ['byName', 'anything'])).toEqual(['weight']);
    expect(objectKeysAt(schema, ['defaulted'])).toEqual(['y']);
    expect(objectKeysAt(schema, ['piped'])).toEqual(['z']);
  });

  it('gives no keys where the path leads to no object schema', () => {
    expect(objectKeysAt(schema, ['list'])).toEqual([]);
    expect(objectKeysAt(schema, ['missing', 'x'])).toEqual([]);
  });
});
