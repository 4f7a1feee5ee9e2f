import type { BurstChanges } from './burst-streaks.ts';
import type { SpaceSaving } from './space-saving.ts';

const NONE = new Set<string>();

/**
 * What changed in one window's running counts between two consecutive boundary reports, for
 * burst evaluation. Between reports at b - paneMs and b, a key's counts change only when it is
 * in a pane that entered or left a range (the pane closing at b enters `current`, the pane
 * that slid from `current` to `previous` and the one that slid out of `previous` after the last
 * report), or when a late event, or a key it evicted, touched a closed pane. The windows fill
 * it in for the length of a report; outside one, nothing is known (`since` is null).
 */
export class WindowChanges implements BurstChanges {
  since: number | null = null;
  until: number | null = null;
  private entered: SpaceSaving | null = null;
  private slidBack: SpaceSaving | null = null;
  private slidOut: SpaceSaving | null = null;
  private touched: ReadonlySet<string> = NONE;

  get visits(): number {
    const panes = sizeOf(this.entered) + sizeOf(this.slidBack) + sizeOf(this.slidOut);
    return panes + this.touched.size;
  }

  /**
   * Makes the changes known from boundary `since` to boundary `until` (epoch ms): the keys of
   * the three panes and the keys `touched` by late events in between.
   */
  open(
    since: number,
    until: number,
    panes: { entered: SpaceSaving; slidBack: SpaceSaving; slidOut: SpaceSaving },
    touched: ReadonlySet<string>,
  ): void {
    this.since = since;
    this.until = until;
    this.entered = panes.entered;
    this.slidBack = panes.slidBack;
    this.slidOut = panes.slidOut;
    this.touched = touched;
  }

  /** Nothing is known: the next reader walks every key. */
  close(): void {
    this.since = null;
    this.until = null;
    this.entered = null;
    this.slidBack = null;
    this.slidOut = null;
    this.touched = NONE;
  }

  forEachChangedKey(visit: (key: string) => void): void {
    const visitKey = (_count: number, key: string) => visit(key);
    this.entered?.forEach(visitKey);
    this.slidBack?.forEach(visitKey);
    this.slidOut?.forEach(visitKey);
    this.touched.forEach((key) => visit(key));
  }
}

function sizeOf(pane: SpaceSaving | null): number {
  return pane === null ? 0 : pane.size;
}

/**
 * What the windows keep between two boundary reports to tell what changed: the last boundary
 * reported, and the keys late events touched since. Past `touchedLimit` keys (then walking a
 * window costs less than following its changes) it stops noting them, and the next report
 * leaves the changes unknown; so its memory stays bounded whatever comes late.
 */
export class ChangeTracker {
  private readonly touchedKeys = new Set<string>();
  private overflowed = false;
  private lastReported: number | null = null;

  /**
   * @param paneMs the pane length (ms): changes are known between consecutive boundaries only
   * @param touchedLimit the most touched keys (events' keys) noted between two reports
   */
  constructor(
    private readonly paneMs: number,
    private readonly touchedLimit: number,
  ) {}

  /** The keys late events touched since the last report. */
  get touched(): ReadonlySet<string> {
    return this.touchedKeys;
  }

  /** Notes a late event's key, and the key its pane evicted for it, if any. */
  noteLate(key: string, evicted: string | undefined): void {
    if (this.overflowed) return;
    this.touchedKeys.add(key);
    if (evicted !== undefined) this.touchedKeys.add(evicted);
    if (this.touchedKeys.size > this.touchedLimit) {
      this.overflowed = true;
      this.touchedKeys.clear();
    }
  }

  /**
   * The boundary (epoch ms) reported just before `boundary` when the changes since it are
   * known; null after a skipped quiet stretch, before a first report, or past the limit.
   */
  knownSince(boundary: number): number | null {
    const since = this.lastReported;
    return since === boundary - this.paneMs && !this.overflowed ? since : null;
  }

  /** Starts over from `boundary` (epoch ms), just reported. */
  reported(boundary: number): void {
    this.touchedKeys.clear();
    this.overflowed = false;
    this.lastReported = boundary;
  }
}
