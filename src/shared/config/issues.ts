import type { z } from 'zod';
import { chooseBranch, objectKeysAt, type PathSegment, schemaAt, valueAt } from './schema-walk.ts';

export type { PathSegment } from './schema-walk.ts';

/**
 * A problem found in the config, before it is placed in the text. `path` names the value
 * (`['sources', 0, 'plugin']`); `at: 'key'` points at the key rather than its value;
 * `offset` (characters into the text) wins over the path when the YAML reader knows the spot.
 */
export interface ConfigIssue {
  path: PathSegment[];
  message: string;
  at?: 'key';
  offset?: number;
}

type RawIssue = Parameters<z.core.$ZodErrorMap>[0];

const TYPE_WORDS: Record<string, string> = {
  int: 'a whole number',
  number: 'a number',
  string: 'text',
  boolean: 'true or false',
  array: 'a list',
  object: 'a map',
  record: 'a map',
};

/**
 * Zod's error map for config, passed to `safeParse`: wording that reads after a path, as in
 * `topK must be at most 1000`. Messages a schema sets itself are kept as they are.
 */
export const describeIssue: z.core.$ZodErrorMap = (issue) => {
  switch (issue.code) {
    case 'invalid_type':
      return describeType(issue.expected, issue.input);
    case 'too_small':
      return describeBound(
        'at least',
        'greater than',
        issue.minimum,
        issue.inclusive,
        issue.origin,
      );
    case 'too_big':
      return describeBound('at most', 'less than', issue.maximum, issue.inclusive, issue.origin);
    case 'invalid_value':
      return describeChoices(issue.values.map(String), issue.input === undefined);
    case 'invalid_format':
      return issue.format === 'regex' ? `must match ${issue.pattern}` : `must be a ${issue.format}`;
    case 'not_multiple_of':
      return `must be a multiple of ${issue.divisor}`;
    case 'invalid_union':
      return describeUnion(issue);
    case 'unrecognized_keys':
      return 'is not a known key';
    default:
      return 'is not valid';
  }
};

/**
 * `must be flag or skip`; from three choices on, `must be one of iso8601, epoch-s, clf`; for a
 * value not written, `is required: flag or skip`.
 */
function describeChoices(choices: string[], missing: boolean): string {
  const listed = choices.length <= 2 ? listWords(choices, 'or') : `one of ${choices.join(', ')}`;
  return missing ? `is required: ${listed}` : `must be ${listed}`;
}

function describeType(expected: string, input: unknown): string {
  if (input === undefined) return 'is required';
  if (typeof input === 'number' && expected === 'number') return 'must be a finite number';
  return `must be ${TYPE_WORDS[expected] ?? expected}`;
}

function describeBound(
  word: string,
  strictWord: string,
  bound: number | bigint | Date,
  inclusive: boolean | undefined,
  origin: string,
): string {
  if (origin === 'array' || origin === 'set') return `must have ${word} ${bound} ${plural(bound)}`;
  if (origin === 'string' && word === 'at least' && bound === 1) return 'must not be empty';
  if (origin === 'string') return `must be ${word} ${bound} characters long`;
  if (origin === 'int' && bound === Number.MAX_SAFE_INTEGER) {
    return 'is beyond the safe integer range';
  }
  return `must be ${inclusive === false ? strictWord : word} ${bound}`;
}

function plural(count: number | bigint | Date): string {
  return Number(count) === 1 ? 'entry' : 'entries';
}

function describeUnion(issue: RawIssue & { code: 'invalid_union' }): string {
  const expected = issue.errors.flatMap((branch) =>
    branch.flatMap((inner) => (inner.code === 'invalid_type' ? [inner.expected] : [])),
  );
  if (expected.length === 0) return 'is not valid';
  return `must be ${listWords(
    expected.map((type) => TYPE_WORDS[type] ?? type),
    'or',
  )}`;
}

/** `a`, `a or b`, `a, b or c`. */
export function listWords(words: string[], conjunction: 'and' | 'or'): string {
  if (words.length <= 1) return words.join('');
  return `${words.slice(0, -1).join(', ')} ${conjunction} ${words[words.length - 1]}`;
}

type ZodIssue = z.core.$ZodIssue;

/**
 * Turns zod's issues for `input`, the value at `prefix` that `schema` was applied to, into
 * config issues. An unknown-keys issue becomes one issue per key, placed on that key, with a
 * suggestion drawn from `schema`. A union of maps that refused its value reports the issues of
 * the branch the value's keys pick (see `chooseBranch`), not one message for the whole union.
 */
export function toConfigIssues(
  error: z.ZodError,
  schema: z.ZodType,
  prefix: PathSegment[],
  input?: unknown,
): ConfigIssue[] {
  return placeIssues(error.issues, schema, prefix, input);
}

function placeIssues(
  issues: readonly ZodIssue[],
  schema: z.ZodType,
  prefix: PathSegment[],
  input: unknown,
): ConfigIssue[] {
  return issues.flatMap((issue) => {
    const path = issue.path.map((segment) =>
      typeof segment === 'number' ? segment : String(segment),
    );
    if (issue.code === 'unrecognized_keys') {
      const known = objectKeysAt(schema, path, input);
      return issue.keys.map((key) => unknownKeyIssue([...prefix, ...path, key], known));
    }
    if (issue.code === 'invalid_union') return unionIssues(issue, schema, prefix, path, input);
    return [{ path: [...prefix, ...path], message: issue.message }];
  });
}

/** The issues of the branch the value picks; failing that, one issue for the whole union. */
function unionIssues(
  issue: ZodIssue & { code: 'invalid_union' },
  schema: z.ZodType,
  prefix: PathSegment[],
  path: PathSegment[],
  input: unknown,
): ConfigIssue[] {
  const at = [...prefix, ...path];
  const union = schemaAt(schema, path, input);
  const value = valueAt(input, path);
  const choice = union ? chooseBranch(union, value) : { kind: 'none' as const };
  if (choice.kind === 'mixed') {
    return [{ path: at, message: `must have only one of ${listWords(choice.keys, 'and')}` }];
  }
  if (choice.kind === 'one' && issue.errors[choice.index]?.length) {
    return placeIssues(issue.errors[choice.index], choice.branch, at, value);
  }
  return [{ path: at, message: issue.message }];
}

/** The issue for a key that is not among `known`, suggesting the closest known key. */
export function unknownKeyIssue(path: PathSegment[], known: string[]): ConfigIssue {
  const key = String(path[path.length - 1]);
  const suggestion = closestMatch(key, known);
  let message = 'is not a known key';
  if (suggestion) message += `; did you mean ${suggestion}?`;
  else if (known.length > 0) message += `; known keys are ${listWords(known, 'and')}`;
  return { path, message, at: 'key' };
}

/**
 * The candidate closest to `word` by edit distance (ignoring case; swapping two neighbouring
 * letters is one edit), if it is close enough.
 */
export function closestMatch(word: string, candidates: string[]): string | undefined {
  const tolerance = Math.max(1, Math.floor(word.length / 3));
  let best: string | undefined;
  let bestDistance = tolerance + 1;
  for (const candidate of candidates) {
    const distance = editDistance(word.toLowerCase(), candidate.toLowerCase());
    if (distance < bestDistance) [best, bestDistance] = [candidate, distance];
  }
  return best;
}

/** Optimal string alignment distance: insertions, deletions, substitutions, swaps. */
function editDistance(a: string, b: string): number {
  let beforePrevious: number[] = [];
  let previous = Array.from({ length: b.length + 1 }, (_, index) => index);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++) {
      const substitution = previous[j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1);
      current[j] = Math.min(previous[j] + 1, current[j - 1] + 1, substitution);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) {
        current[j] = Math.min(current[j], beforePrevious[j - 2] + 1);
      }
    }
    [beforePrevious, previous] = [previous, current];
  }
  return previous[b.length];
}
