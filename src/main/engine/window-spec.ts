import { formatDuration } from '../../shared/config/duration.ts';

/** A window as configured: its length (ms) and the name shown for it (default `15s` style). */
export interface WindowSpec {
  label?: string;
  lengthMs: number;
}

/** The default windows: 5 s, 15 s and 60 s. */
export const DEFAULT_WINDOWS: readonly WindowSpec[] = [
  { label: '5s', lengthMs: 5_000 },
  { label: '15s', lengthMs: 15_000 },
  { label: '60s', lengthMs: 60_000 },
];

/** A validated window: its label, its length (ms) and that length in panes. */
export interface ResolvedWindow {
  label: string;
  lengthMs: number;
  panes: number;
}

/**
 * Checks and names the windows: each length must be a positive multiple of `paneMs`, and no
 * two windows may share a label. Throws a RangeError naming the offending entry otherwise.
 */
export function resolveWindows(
  specs: ReadonlyArray<number | WindowSpec>,
  paneMs: number,
): ResolvedWindow[] {
  if (specs.length === 0) throw new RangeError('at least one window is needed');
  const labels = new Set<string>();
  return specs.map((spec, i) => {
    const lengthMs = typeof spec === 'number' ? spec : spec.lengthMs;
    const label = (typeof spec === 'number' ? undefined : spec.label) ?? formatDuration(lengthMs);
    if (!Number.isSafeInteger(lengthMs) || lengthMs <= 0 || lengthMs % paneMs !== 0) {
      throw new RangeError(
        `windows[${i}] must be a positive multiple of the pane length ${paneMs}ms, got ${lengthMs}`,
      );
    }
    if (labels.has(label)) throw new RangeError(`windows[${i}] repeats the label ${label}`);
    labels.add(label);
    return { label, lengthMs, panes: lengthMs / paneMs };
  });
}
