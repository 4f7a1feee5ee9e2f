import {
  type ApiCallName,
  type ApiErrorCode,
  type ApiErrorData,
  apiCalls,
  isApiCallName,
} from '../../shared/api.ts';
import type { ConfigError } from '../../shared/config/parse.ts';

/** Each call's argument names, in order, so a refusal can say which argument is wrong. */
const ARGUMENT_NAMES: Record<ApiCallName, readonly string[]> = {
  'snapshot/get': [],
  'sources/list': [],
  'sources/start': ['id'],
  'sources/stop': ['id'],
  'config/get': [],
  'config/validate': ['text'],
  'config/apply': ['text'],
};

export type CheckedCall =
  { ok: true; name: ApiCallName; args: unknown[] } | { ok: false; error: ApiErrorData };

/**
 * Checks a call from a screen against the channel table and the call's argument schema. A
 * refusal is `invalid-argument` data naming the call, the argument and what is wrong.
 *
 * @example checkCall('sources/stop', [7]) // error: 'sources/stop: argument id: Invalid input: …'
 */
export function checkCall(name: unknown, args: unknown): CheckedCall {
  if (!isApiCallName(name)) return refuse(`unknown call ${describe(name)}`);
  if (!Array.isArray(args)) return refuse(`${name}: the arguments must be a list`);

  const names = ARGUMENT_NAMES[name];
  if (args.length !== names.length) {
    return refuse(`${name} takes ${countArguments(names)}, got ${args.length}`);
  }
  const parsed = apiCalls[name].safeParse(args);
  if (parsed.success) return { ok: true, name, args: parsed.data as unknown[] };

  const issue = parsed.error.issues[0];
  const position = typeof issue.path[0] === 'number' ? issue.path[0] : 0;
  return refuse(`${name}: argument ${names[position]}: ${issue.message}`);
}

/** An error as it crosses the boundary. */
export function apiErrorData(
  code: ApiErrorCode,
  message: string,
  configErrors?: ConfigError[],
): ApiErrorData {
  return { name: 'ApiError', code, message, ...(configErrors ? { configErrors } : {}) };
}

function refuse(message: string): CheckedCall {
  return { ok: false, error: apiErrorData('invalid-argument', message) };
}

function countArguments(names: readonly string[]): string {
  if (names.length === 0) return 'no arguments';
  const plural = names.length === 1 ? 'argument' : 'arguments';
  return `${names.length} ${plural} (${names.join(', ')})`;
}

/** A short, safe rendering of an unknown value for a message. */
function describe(value: unknown): string {
  if (typeof value === 'string') return JSON.stringify(value.slice(0, 64));
  return value === null ? 'null' : typeof value;
}
