import { z } from 'zod';

const UNIT_MS: Record<string, number> = { ms: 1, s: 1000, m: 60_000, h: 3_600_000 };
const DURATION = /^(\d+(?:\.\d+)?)(ms|s|m|h)$/;

/**
 * Reads a duration written as a number with a unit (`250ms`, `15s`, `2m`, `1h`) and returns
 * milliseconds, or undefined when the text is not such a duration.
 */
export function parseDuration(text: string): number | undefined {
  const match = DURATION.exec(text.trim());
  if (!match) return undefined;
  const ms = Number(match[1]) * UNIT_MS[match[2]];
  return Number.isSafeInteger(ms) ? ms : undefined;
}

/** Formats milliseconds the way a user writes them: `5s`, `250ms`, `2m`. */
export function formatDuration(ms: number): string {
  for (const unit of ['h', 'm', 's'] as const) {
    if (ms >= UNIT_MS[unit] && ms % UNIT_MS[unit] === 0) return `${ms / UNIT_MS[unit]}${unit}`;
  }
  return `${ms}ms`;
}

/** What a positive duration must look like, as a message that reads after the setting's path. */
export const POSITIVE_DURATION_HINT = 'must be a positive duration like 15s';

/** The same for a duration that may be zero. */
export const NON_NEGATIVE_DURATION_HINT = 'must be 0 or a positive duration like 15s';

/** A duration at least `minMs` (ms) long; any other value, of any type, gets `hint`. */
function durationFrom(minMs: number, hint: string) {
  return z.union([z.string(), z.number()], { error: hint }).transform((value, ctx) => {
    const ms = typeof value === 'number' ? value : parseDuration(value);
    if (ms === undefined || !Number.isSafeInteger(ms) || ms < minMs) {
      ctx.addIssue({ code: 'custom', message: hint });
      return z.NEVER;
    }
    return ms;
  });
}

/**
 * A positive duration in config: `15s`, or a plain number, which is milliseconds. Parses to
 * ms.
 */
export const durationSchema = durationFrom(1, POSITIVE_DURATION_HINT);

/**
 * A duration that may be zero, for settings where 0 means "none" (no allowed lateness, no
 * cooldown): `0`, `0s`, `15s`, or a plain number of milliseconds. Parses to ms.
 */
export const nonNegativeDurationSchema = durationFrom(0, NON_NEGATIVE_DURATION_HINT);
