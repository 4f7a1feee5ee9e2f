import type { BurstViewSource, LabelledBurstView } from './bursts.ts';

/** Stands in for a baseline that was not observed: with no previous count, nothing bursts. */
const UNOBSERVED = new Map<string, number>();

/**
 * The counts bursts compare at `boundary` (epoch ms), one view per window of `windows`: a
 * window's range (length `lengthMs`) is compared with the range before it only once that one
 * lies at or after `observedSince` (epoch ms), so that the start of a stream, or a gap nobody
 * watched, does not look like a burst of every key. Until then the view's `previous` is empty.
 * The windows' changes go along: the detector follows them only while `previous` stays the
 * same map, so switching to the observed baseline makes it walk every key once.
 */
export function comparableViews(
  source: BurstViewSource,
  windows: ReadonlyArray<{ label: string; lengthMs: number }>,
  boundary: number,
  observedSince: number,
): LabelledBurstView[] {
  return windows.map(({ label, lengthMs }) => {
    const view = source.burstView(label);
    const observed = boundary - 2 * lengthMs >= observedSince;
    return {
      label,
      current: view.current,
      previous: observed ? view.previous : UNOBSERVED,
      changes: view.changes,
    };
  });
}
