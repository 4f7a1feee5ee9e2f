import type { TopEntry, WindowSnapshot } from '../../shared/snapshot.ts';
import type { BurstView } from './bursts.ts';
import { addCount, subtractCount } from './count-map.ts';
import { DEFAULT_PANE_MS, paneEndOf, paneIndexOf, ringSlotOf } from './pane.ts';
import { DEFAULT_PANE_CAPACITY, SpaceSaving } from './space-saving.ts';
import { TopKHeap } from './topk.ts';
import { ChangeTracker, WindowChanges } from './window-changes.ts';
import { DEFAULT_WINDOWS, resolveWindows, type WindowSpec } from './window-spec.ts';

/** What `add` returns for an event older than every retained pane: it counted nowhere. */
export const EXPIRED = 'expired';

/** Stands in for the open pane once it has been merged, so that nothing counts it twice. */
const NO_PANE = new SpaceSaving(1);

export interface SlidingWindowsOptions {
  /** Pane length, ms (default 1000). Every window length must be a multiple of it. */
  paneMs?: number;
  /** Window lengths in ms, or named windows (default `5s`, `15s`, `60s`). */
  windows?: ReadonlyArray<number | WindowSpec>;
  /** Keys each pane counts exactly before it approximates (default 10 000). */
  paneCapacity?: number;
}

/**
 * Called when the clock passes a pane boundary (epoch ms), before the windows slide past it.
 * It may read the windows (`burstView`, `snapshot`) but must not `add` events.
 */
export type BoundaryListener = (boundary: number) => void;

/** One window's running counts over its closed panes, and over the range just before it. */
class RunningWindow {
  readonly current = new Map<string, number>();
  readonly previous = new Map<string, number>();
  readonly changes = new WindowChanges();
  readonly view: BurstView = {
    current: this.current,
    previous: this.previous,
    changes: this.changes,
  };

  constructor(
    readonly label: string,
    readonly lengthMs: number,
    readonly panes: number,
  ) {}
}

/**
 * Sliding windows of event time over shared panes, with a running count per key per window.
 *
 * At clock `now`, a window of n panes holds the n most recent panes including the open one
 * (the pane holding `now`), and keeps beside it the counts of the n panes before those (for
 * bursts). Each pane counts keys in a Space-Saving summary, so memory is bounded by
 * `2 * longest window / paneMs` panes of `paneCapacity` keys, whatever the event count.
 *
 * Each window keeps running Maps of its closed panes. An event of the open pane only touches
 * that pane's summary; the pane is added to every window when it closes, so the per-event cost
 * does not grow with the number of windows. A late event (of a closed pane) updates the
 * windows at once, evictions included. Snapshots add the open pane on the fly, so they never
 * re-merge the panes either.
 *
 * Quiet periods are skipped: once every window is empty (all retained panes are empty) and one
 * boundary has been reported in that state, later boundaries are neither reported nor slid
 * through; the clock jumps straight to the new pane. Reporting them would change nothing:
 * bursts need counts. A jump of any length therefore costs O(retained panes).
 *
 * During a report, each window's view also says which keys may have changed since the report
 * before (`BurstView.changes`), so that bursts can judge those keys only. For that the ring
 * keeps one pane more than it counts (the one that just slid out of the longest baseline), and
 * late events note the keys they touch until the next report.
 */
export class SlidingWindows {
  readonly paneMs: number;
  /** Panes counted: twice the longest window, so bursts can compare it with the one before. */
  readonly retainedPanes: number;
  private readonly windows: RunningWindow[];
  private readonly windowsByLabel = new Map<string, RunningWindow>();
  /** The ring: the retained panes, and the one that last slid out of every range. */
  private readonly panes: SpaceSaving[] = [];
  private readonly ringSize: number;
  private readonly changes: ChangeTracker;
  private clock = -Infinity;
  private openPane = 0;
  private openSlot = 0;
  /** An empty state has already been reported at a boundary: further ones can be skipped. */
  private idleReported = false;
  /** The open pane is already in the running maps (from its closing until the next opens). */
  private openPaneMerged = false;

  constructor(options: SlidingWindowsOptions = {}) {
    this.paneMs = options.paneMs ?? DEFAULT_PANE_MS;
    if (!Number.isSafeInteger(this.paneMs) || this.paneMs <= 0) {
      throw new RangeError(`paneMs must be a positive integer, got ${this.paneMs}`);
    }
    const resolved = resolveWindows(options.windows ?? DEFAULT_WINDOWS, this.paneMs);
    this.windows = resolved.map((w) => new RunningWindow(w.label, w.lengthMs, w.panes));
    for (const window of this.windows) this.windowsByLabel.set(window.label, window);
    const longest = Math.max(...resolved.map((w) => w.panes));
    this.retainedPanes = 2 * longest;
    this.ringSize = this.retainedPanes + 1;
    const capacity = options.paneCapacity ?? DEFAULT_PANE_CAPACITY;
    for (let i = 0; i < this.ringSize; i++) this.panes.push(new SpaceSaving(capacity));
    // Past the most keys a window can hold, walking a window costs less than its changes.
    this.changes = new ChangeTracker(this.paneMs, longest * capacity);
  }

  /** The clock (event time, epoch ms); -Infinity before the first `advanceTo`. */
  get now(): number {
    return this.clock;
  }

  /** The window labels, in configured order. */
  get labels(): string[] {
    return this.windows.map((w) => w.label);
  }

  /**
   * Counts one event of `key` at event time `ts` (epoch ms, at most `now`: advance the clock
   * first). Returns how many windows took it: all of them for an event of the open pane, fewer
   * for a late event (each window whose range still holds its pane), 0 when only the burst
   * baseline holds its pane, and `EXPIRED` (`'expired'`) when it is older than every retained
   * pane.
   */
  add(key: string, ts: number): number | typeof EXPIRED {
    if (ts > this.clock) {
      throw new RangeError(`event time ${ts} is ahead of the clock ${this.clock}`);
    }
    const age = this.openPane - paneIndexOf(ts, this.paneMs);
    if (age === 0) {
      this.idleReported = false;
      this.panes[this.openSlot].add(key);
      return this.windows.length;
    }
    if (!(age < this.retainedPanes)) return EXPIRED;
    this.idleReported = false;
    return this.addLate(key, age);
  }

  /**
   * Moves the clock forward to `now` (epoch ms); an earlier or equal value changes nothing.
   * The first call only sets the clock. Then, for each pane boundary b with old now <= b < now
   * (a clock standing exactly on b has not passed it: events at b may still come), in order:
   * `onBoundary(b)` is called while every window ends exactly at b, then the windows slide.
   */
  advanceTo(now: number, onBoundary?: BoundaryListener): void {
    if (this.clock === -Infinity) {
      if (!Number.isFinite(now)) throw new RangeError(`the clock must be finite, got ${now}`);
      this.clock = now;
      this.moveOpenPaneTo(paneIndexOf(now, this.paneMs));
      return;
    }
    if (!(now > this.clock)) return;

    const target = paneIndexOf(now, this.paneMs);
    while (this.openPane < target) {
      this.closeOpenPane();
      const idle = this.isIdle();
      if (idle && this.idleReported) {
        this.moveOpenPaneTo(target);
        break;
      }
      this.report(paneEndOf(this.openPane, this.paneMs), onBoundary);
      this.idleReported = idle;
      this.slide();
    }
    this.clock = now;
  }

  /**
   * The running counts of window `label`, read-only, for burst evaluation: during
   * `onBoundary(b)` they are exactly the counts in (b - L, b] (`current`) and (b - 2L, b - L]
   * (`previous`). Between boundaries `current` lacks the open pane, which joins when it closes.
   */
  burstView(label: string): BurstView {
    return this.windowLabelled(label).view;
  }

  /** A copy of window `label`'s counts now, open pane included. O(keys): for inspection. */
  countsOf(label: string): Map<string, number> {
    const counts = new Map(this.windowLabelled(label).current);
    this.unmergedOpenPane().forEach((count, key) => addCount(counts, key, count));
    return counts;
  }

  /** What each window holds now, in configured order, with its `k` largest counts. */
  snapshot(k: number): WindowSnapshot[] {
    return this.windows.map((window) => this.snapshotOf(window, k));
  }

  private addLate(key: string, age: number): number {
    const pane = this.paneAt(this.openPane - age);
    const growth = pane.add(key);
    const evicted = pane.evictedKey;
    this.changes.noteLate(key, evicted);
    let taken = 0;
    for (const window of this.windows) {
      let counts: Map<string, number>;
      if (age < window.panes) {
        counts = window.current;
        taken++;
      } else if (age < 2 * window.panes) counts = window.previous;
      else continue;
      addCount(counts, key, growth);
      if (evicted !== undefined) subtractCount(counts, evicted, pane.evictedCount);
    }
    return taken;
  }

  /** Calls `onBoundary` while each window's changes since the last report are known, if so. */
  private report(boundary: number, onBoundary: BoundaryListener | undefined): void {
    const since = this.changes.knownSince(boundary);
    if (since !== null) {
      for (const window of this.windows) {
        const panes = {
          entered: this.paneAt(this.openPane),
          slidBack: this.paneAt(this.openPane - window.panes),
          slidOut: this.paneAt(this.openPane - 2 * window.panes),
        };
        window.changes.open(since, boundary, panes, this.changes.touched);
      }
    }
    try {
      onBoundary?.(boundary);
    } finally {
      for (const window of this.windows) window.changes.close();
      this.changes.reported(boundary);
    }
  }

  private snapshotOf(window: RunningWindow, k: number): WindowSnapshot {
    const panes = this.panesOf(window);
    let total = 0;
    let errorBound = 0;
    for (const pane of panes) {
      total += pane.total;
      errorBound += pane.errorBound;
    }
    const top = this.topOf(window, k).map(({ key, count }) => topEntryOf(key, count, panes));
    return {
      label: window.label,
      lengthMs: window.lengthMs,
      total,
      distinct: this.distinctOf(window),
      exact: panes.every((pane) => !pane.overflowed),
      errorBound,
      top,
    };
  }

  /**
   * Top-k over the closed panes plus the open one without copying the window: keys of the
   * open pane are offered once with both parts; the others, with their closed count only. The
   * membership test is only paid by keys good enough to enter the heap.
   */
  private topOf(window: RunningWindow, k: number) {
    const open = this.unmergedOpenPane();
    const heap = new TopKHeap(k);
    window.current.forEach((count, key) => {
      if (heap.accepts(key, count) && !open.has(key)) heap.offer(key, count);
    });
    open.forEach((count, key) => heap.offer(key, count + (window.current.get(key) ?? 0)));
    return heap.bestFirst();
  }

  private distinctOf(window: RunningWindow): number {
    let onlyInOpenPane = 0;
    this.unmergedOpenPane().forEach((_, key) => {
      if (!window.current.has(key)) onlyInOpenPane++;
    });
    return window.current.size + onlyInOpenPane;
  }

  private panesOf(window: RunningWindow): SpaceSaving[] {
    const panes: SpaceSaving[] = [];
    for (let age = 0; age < window.panes; age++) panes.push(this.paneAt(this.openPane - age));
    return panes;
  }

  private windowLabelled(label: string): RunningWindow {
    const window = this.windowsByLabel.get(label);
    if (window === undefined) throw new RangeError(`no window is labelled ${label}`);
    return window;
  }

  private isIdle(): boolean {
    return this.windows.every((w) => w.current.size === 0 && w.previous.size === 0);
  }

  /** Adds the open pane to every window: all panes of every range are then closed ones. */
  private closeOpenPane(): void {
    const open = this.panes[this.openSlot];
    this.openPaneMerged = true;
    if (open.total === 0) return;
    for (const window of this.windows) {
      open.forEach((count, key) => addCount(window.current, key, count));
    }
  }

  /** The open pane while its counts are not in the running maps yet; else an empty pane. */
  private unmergedOpenPane(): SpaceSaving {
    return this.openPaneMerged ? NO_PANE : this.panes[this.openSlot];
  }

  /** Each window drops its oldest pane into the burst baseline, and a new pane opens. */
  private slide(): void {
    for (const window of this.windows) {
      const leavingCurrent = this.paneAt(this.openPane - window.panes + 1);
      const leavingPrevious = this.paneAt(this.openPane - 2 * window.panes + 1);
      leavingCurrent.forEach((count, key) => {
        subtractCount(window.current, key, count);
        addCount(window.previous, key, count);
      });
      leavingPrevious.forEach((count, key) => subtractCount(window.previous, key, count));
    }
    this.moveOpenPaneTo(this.openPane + 1);
  }

  /**
   * Makes `index` the open pane. Its slot held the pane that slid out of every range at the
   * last slide, which is dropped (on a jump over a quiet stretch, every slot is already empty).
   */
  private moveOpenPaneTo(index: number): void {
    this.openPane = index;
    this.openSlot = ringSlotOf(index, this.ringSize);
    this.panes[this.openSlot].clear();
    this.openPaneMerged = false;
  }

  private paneAt(index: number): SpaceSaving {
    return this.panes[ringSlotOf(index, this.ringSize)];
  }
}

/**
 * A key's window count with what is known of its accuracy. Over a pane that overflowed, a held
 * key may be overstated by its Space-Saving error, and a key not held may have up to that
 * pane's error bound uncounted; either way the count is then not exact.
 */
function topEntryOf(key: string, count: number, panes: SpaceSaving[]): TopEntry {
  let error = 0;
  let exact = true;
  for (const pane of panes) {
    if (!pane.overflowed) continue;
    if (!pane.has(key)) exact = false;
    error += pane.error(key);
  }
  return { key, count, exact: exact && error === 0, error };
}
