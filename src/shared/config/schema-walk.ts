import type { z } from 'zod';

/** A step in a config path: a map key or a list index. */
export type PathSegment = string | number;

type Shape = Record<string, z.ZodType>;

/** The parts of a zod schema definition this walk reads; zod keeps them on `_zod.def`. */
interface LooseDef {
  type: string;
  shape?: Shape;
  innerType?: z.ZodType;
  in?: z.ZodType;
  element?: z.ZodType;
  valueType?: z.ZodType;
  options?: z.ZodType[];
}

/**
 * Which branch of a union of maps a value belongs to. A branch is recognised by a key that it
 * requires and no other branch has (`regex` for `{ regex, group? }`, `field` for `{ field,
 * format }`): `one` when a single branch is recognised, `mixed` when several are (with the key
 * that recognised each), `none` when none is, the value is not a map, or a branch is not one.
 */
export type BranchChoice =
  | { kind: 'one'; index: number; branch: z.ZodType }
  | { kind: 'mixed'; keys: string[] }
  | { kind: 'none' };

/**
 * The keys an object schema accepts at `path` inside `schema`, looking through defaults,
 * optionals, pipes, lists and records, and through unions of maps by the branch that `input`
 * (the value `schema` was applied to) picks. Empty when the path leads to no object schema.
 */
export function objectKeysAt(schema: z.ZodType, path: PathSegment[], input?: unknown): string[] {
  const found = schemaAt(schema, path, input);
  if (!found) return [];
  const shape = defOf(resolve(found, valueAt(input, path))).shape;
  return shape ? Object.keys(shape) : [];
}

/**
 * The schema that checks the value at `path`, wrappers removed. Unions on the way are
 * crossed by the branch the value picks; a union at the end of the path is returned as is.
 */
export function schemaAt(
  schema: z.ZodType,
  path: PathSegment[],
  input?: unknown,
): z.ZodType | undefined {
  let current = unwrap(schema);
  let value = input;
  for (const segment of path) {
    const child = childSchema(defOf(resolve(current, value)), segment);
    if (!child) return undefined;
    current = unwrap(child);
    value = childValue(value, segment);
  }
  return current;
}

/** The branch of the union `union` that `value` belongs to; see `BranchChoice`. */
export function chooseBranch(union: z.ZodType, value: unknown): BranchChoice {
  const options = defOf(union).options ?? [];
  const shapes = options.map((option) => defOf(unwrap(option)).shape);
  if (!isPlainMap(value) || options.length === 0 || !shapes.every((shape) => shape)) {
    return { kind: 'none' };
  }

  const recognised = options.flatMap((_, index) => {
    const keys = identifyingKeys(shapes as Shape[], index);
    const key = keys.find((candidate) => Object.hasOwn(value, candidate));
    return key === undefined ? [] : [{ index, key }];
  });
  if (recognised.length === 1) {
    const { index } = recognised[0];
    return { kind: 'one', index, branch: options[index] };
  }
  if (recognised.length > 1) return { kind: 'mixed', keys: recognised.map(({ key }) => key) };
  return { kind: 'none' };
}

/** The keys that branch `index` requires and no other branch has. */
function identifyingKeys(shapes: Shape[], index: number): string[] {
  return Object.entries(shapes[index])
    .filter(([key, field]) => field._zod.optin === undefined && !sharedKey(shapes, index, key))
    .map(([key]) => key);
}

function sharedKey(shapes: Shape[], index: number, key: string): boolean {
  return shapes.some((shape, other) => other !== index && Object.hasOwn(shape, key));
}

/** The value at `path` inside `input`, or undefined where the path leaves it. */
export function valueAt(input: unknown, path: PathSegment[]): unknown {
  return path.reduce(childValue, input);
}

function childValue(value: unknown, segment: PathSegment): unknown {
  if (Array.isArray(value) && typeof segment === 'number') return value[segment];
  if (isPlainMap(value) && Object.hasOwn(value, segment)) return value[segment];
  return undefined;
}

function isPlainMap(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function defOf(schema: z.ZodType): LooseDef {
  return schema._zod.def as unknown as LooseDef;
}

/** Removes defaults, optionals and the like, and the output side of pipes. */
function unwrap(schema: z.ZodType): z.ZodType {
  let current = schema;
  for (;;) {
    const def = defOf(current);
    const inner = def.innerType ?? def.in;
    if (!inner) return current;
    current = inner;
  }
}

/** `unwrap`, and for a union of maps, the branch `value` picks when it picks one. */
function resolve(schema: z.ZodType, value: unknown): z.ZodType {
  const current = unwrap(schema);
  if (defOf(current).type !== 'union') return current;
  const choice = chooseBranch(current, value);
  return choice.kind === 'one' ? resolve(choice.branch, value) : current;
}

function childSchema(def: LooseDef, segment: PathSegment): z.ZodType | undefined {
  if (def.type === 'object') return def.shape?.[String(segment)];
  if (def.type === 'array') return def.element;
  if (def.type === 'record') return def.valueType;
  return undefined;
}
