/**
 * Pane arithmetic shared by the windows and their tests.
 *
 * Time is cut into fixed panes of `paneMs` milliseconds. Panes are half-open on the left: pane
 * `p` covers event times `(p * paneMs, (p + 1) * paneMs]`, so an event exactly on a boundary
 * belongs to the pane that ends there, and to no other.
 */

/** The default pane length, ms. */
export const DEFAULT_PANE_MS = 1000;

/**
 * The index of the pane holding event time `ts` (epoch ms).
 *
 * @example paneIndexOf(2000, 1000) === 1 // (1000, 2000]
 */
export function paneIndexOf(ts: number, paneMs: number): number {
  return Math.ceil(ts / paneMs) - 1;
}

/** The end (inclusive, epoch ms) of pane `index`: the boundary at which it closes. */
export function paneEndOf(index: number, paneMs: number): number {
  return (index + 1) * paneMs;
}

/** The slot of pane `index` in a ring of `size` slots (non-negative even for negative indices). */
export function ringSlotOf(index: number, size: number): number {
  const slot = index % size;
  return slot < 0 ? slot + size : slot;
}
