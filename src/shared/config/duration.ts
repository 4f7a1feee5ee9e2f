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

/** A positive duration in config: `15s` (or a plain number of milliseconds). Parses to ms. */
export const durationSchema = z.union([z.string(), z.number()]).transform((value, ctx) => {
  const ms = typeof value === 'number' ? value : parseDuration(value);
  if (ms === undefined || !Number.isSafeInteger(ms) || ms <= 0) {
    ctx.addIssue({ code: 'custom', message: 'must be a positive duration like 15s' });
    return z.NEVER;
  }
  return ms;
});
