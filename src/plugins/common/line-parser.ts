import { z } from 'zod';
import type { SourceEvent } from '../../shared/event.ts';
import { parseTime, TIME_FORMATS, type TimeFormat } from './time-formats.ts';

const groupSchema = z
  .union([z.number().int().min(0), z.string().min(1)])
  .default(1)
  .describe('Capture group to read: a number (0 is the whole match) or a group name');

const regexSchema = z
  .string()
  .min(1)
  .superRefine((source, ctx) => {
    const problem = regexProblem(source);
    if (problem) ctx.addIssue({ code: 'custom', message: problem });
  })
  .describe('Regular expression (JavaScript syntax) applied to each line');

const fieldSchema = z
  .string()
  .min(1)
  .describe('Field of a JSON line; a dotted path like `req.path` reads a nested field');

const formatSchema = z
  .enum(TIME_FORMATS)
  .describe('How the time is written: iso8601, epoch-s, epoch-ms or clf');

/** Checks at config time that the capture group to read exists in the regex. */
function checkGroup(spec: { regex: string; group: number | string }, ctx: z.RefinementCtx): void {
  const problem = groupProblem(spec.regex, spec.group);
  if (problem) ctx.addIssue({ code: 'custom', message: problem, path: ['group'] });
}

const regexCapture = z
  .strictObject({ regex: regexSchema, group: groupSchema })
  .superRefine(checkGroup);

/** Where a line's key comes from: the whole line, a regex capture group, or a JSON field. */
export const keySpecSchema = z
  .union(
    [
      z.strictObject({ line: z.literal(true).describe('Use the whole line as the key') }),
      regexCapture,
      z.strictObject({ field: fieldSchema }),
    ],
    { error: 'must be { line: true }, { regex, group? } or { field }' },
  )
  .describe('What is counted: the whole line, a regex capture group, or a JSON field');

/** Where a line's event time comes from, and how it is written. */
export const timeSpecSchema = z
  .union(
    [
      z.strictObject({ field: fieldSchema, format: formatSchema }),
      z
        .strictObject({ regex: regexSchema, group: groupSchema, format: formatSchema })
        .superRefine(checkGroup),
    ],
    { error: 'must be { field, format } or { regex, group?, format }' },
  )
  .describe('Where the event time is read; without it the ingest time is used');

/** Where a line's id (what dedup compares) comes from. */
export const idSpecSchema = z
  .union([z.strictObject({ field: fieldSchema }), regexCapture], {
    error: 'must be { field } or { regex, group? }',
  })
  .describe(
    'Where the event id for dedup is read; without it, or on a line without one, dedup is off',
  );

/** The line parsing options a line-based source embeds in its own options. */
export const lineParserShape = {
  key: keySpecSchema.default({ line: true }),
  time: timeSpecSchema.optional(),
  id: idSpecSchema.optional(),
};

/** The line parsing options on their own; unknown keys are refused. */
export const lineParserSpecSchema = z.strictObject(lineParserShape);

export type KeySpec = z.output<typeof keySpecSchema>;
export type TimeSpec = z.output<typeof timeSpecSchema>;
export type IdSpec = z.output<typeof idSpecSchema>;
export type LineParserSpec = z.output<typeof lineParserSpecSchema>;

/** Why a line could not become an event, e.g. `key regex did not match`. */
export interface LineParseFailure {
  error: string;
}

/** Turns one line (without its newline) into an event or a failure that names what failed. */
export type LineParser = (line: string) => SourceEvent | LineParseFailure;

/**
 * Compiles a parser from validated options: regexes are compiled once, and a JSON line is
 * parsed at most once and a regex run at most once per line, however many parts read them.
 * Key and time, when configured, must be on every line; the id may be absent (the id regex
 * does not match, the JSON line has no such field): the event then has no id, and dedup
 * passes it through.
 *
 * @example createLineParser({ key: { field: 'user' } })('{"user":"ada"}') // { key: 'ada', ... }
 */
export function createLineParser(spec: LineParserSpec): LineParser {
  const regexes: RegExp[] = [];
  const readKey = compileReader(spec.key, 'key', regexes);
  const readTime = spec.time && compileReader(spec.time, 'time', regexes);
  const readId = spec.id && compileReader(spec.id, 'id', regexes);
  const timeFormat = spec.time?.format;

  return (line) => {
    const scratch: Scratch = { line, json: UNPARSED, matches: new Array(regexes.length) };
    const key = readKey(scratch);
    if (typeof key === 'object') return asFailure(key);
    if (key === '') return { error: 'key is empty' };
    const event: SourceEvent = { key: String(key), payload: line };

    if (readTime && timeFormat) {
      const value = readTime(scratch);
      if (typeof value === 'object') return asFailure(value);
      const ts = parseTime(value, timeFormat);
      if (ts === undefined) return { error: `time '${value}' is not ${timeFormat}` };
      event.ts = ts;
    }
    if (readId) {
      const id = readId(scratch);
      if (typeof id !== 'object') event.id = String(id);
      else if ('error' in id) return id;
    }
    return event;
  };
}

const UNPARSED = Symbol('unparsed');

/** What has been worked out about the current line, so that parts share the work. */
interface Scratch {
  line: string;
  json: unknown;
  matches: (RegExpExecArray | null | undefined)[];
}

/** A part the line does not have (no regex match, no such field), worded as its error. */
interface Absent {
  absent: string;
}

/** A part's value, or why the line has none (`Absent`) or a bad one (`LineParseFailure`). */
type Reader = (scratch: Scratch) => string | number | Absent | LineParseFailure;

function asFailure(problem: Absent | LineParseFailure): LineParseFailure {
  return 'absent' in problem ? { error: problem.absent } : problem;
}

type ReaderSpec = { line: true } | { regex: string; group: number | string } | { field: string };

function compileReader(spec: ReaderSpec, role: string, regexes: RegExp[]): Reader {
  if ('line' in spec) return (scratch) => scratch.line;
  if ('field' in spec) return compileFieldReader(spec.field, role);
  return compileRegexReader(spec.regex, spec.group, role, regexes);
}

function compileRegexReader(
  source: string,
  group: number | string,
  role: string,
  regexes: RegExp[],
): Reader {
  const compiled = new RegExp(source);
  let index = regexes.findIndex((regex) => regex.source === compiled.source);
  if (index < 0) index = regexes.push(compiled) - 1;
  const regex = regexes[index];

  return (scratch) => {
    let match = scratch.matches[index];
    if (match === undefined) match = scratch.matches[index] = regex.exec(scratch.line);
    if (match === null) return { absent: `${role} regex did not match` };
    const value = typeof group === 'number' ? match[group] : match.groups?.[group];
    return value ?? { absent: `${role} regex group ${group} did not capture` };
  };
}

function compileFieldReader(path: string, role: string): Reader {
  const steps = path.split('.');
  return (scratch) => {
    if (scratch.json === UNPARSED) scratch.json = parseJsonObject(scratch.line);
    let value = scratch.json;
    if (value === undefined) return { absent: 'line is not a JSON object' };
    for (const step of steps) {
      value = isRecord(value) ? value[step] : undefined;
    }
    if (value === undefined || value === null) {
      return { absent: `${role} field '${path}' is missing` };
    }
    if (typeof value === 'string' || typeof value === 'number') return value;
    if (typeof value === 'boolean') return String(value);
    return { error: `${role} field '${path}' is not a string or number` };
  };
}

/** The parsed object, or undefined when the line is not a JSON object. */
function parseJsonObject(line: string): Record<string, unknown> | undefined {
  try {
    const value: unknown = JSON.parse(line);
    return isRecord(value) ? value : undefined;
  } catch {
    return undefined;
  }
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function regexProblem(source: string): string | undefined {
  try {
    new RegExp(source);
    return undefined;
  } catch (error) {
    return `invalid regex: ${(error as Error).message}`;
  }
}

/** Checks that a numbered group exists, or a named one is defined, in a valid regex. */
function groupProblem(source: string, group: number | string): string | undefined {
  if (regexProblem(source)) return undefined;
  // An empty alternative makes every group take part in a match of '' with no capture.
  const probe = new RegExp(`(?:${source})|`).exec('');
  if (!probe) return undefined;
  const groupCount = probe.length - 1;
  if (typeof group === 'number' && group > groupCount) {
    return `group ${group} does not exist: the regex has ${groupCount} capture group(s)`;
  }
  if (typeof group === 'string' && !(probe.groups && group in probe.groups)) {
    return `group '${group}' is not a named group of the regex`;
  }
  return undefined;
}

export type { TimeFormat };
