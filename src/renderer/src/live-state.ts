import type {
  AlertSnapshot,
  BurstSnapshot,
  HealthSnapshot,
  Severity,
  WindowSnapshot,
} from '../../shared/snapshot.ts';
import { formatCountWithError } from './format.ts';

/*
 * Pure functions from snapshots to what the live view draws. Each runs in O(K + windows) per
 * snapshot (or O(new points) for the rate history), so the screen keeps up at full ingest.
 */

/** One row of a window's top keys, as the list beside its bars shows it. */
export interface TopRow {
  rank: number;
  key: string;
  /** `12,345`, or `~12,345` for an estimate. */
  count: string;
  /** `±120` for an estimate, empty when exact. */
  error: string;
  exact: boolean;
}

/** The first `k` keys of a window, ranked as the engine ranked them. */
export function topRowsOf(window: WindowSnapshot, k: number): TopRow[] {
  return window.top.slice(0, k).map((entry, index) => ({
    rank: index + 1,
    key: entry.key,
    ...formatCountWithError(entry.count, entry.exact, entry.error),
    exact: entry.exact,
  }));
}

/**
 * A top-K bar chart's data: always `k` bars so each lines up with its row; bars past the
 * window's keys are empty. An estimate's bar is split into the part it surely has
 * (`count - error`) and the part it may overstate (`error`).
 */
export interface TopBars {
  labels: string[];
  sure: number[];
  uncertain: number[];
}

/** Fresh, empty bar data for `k` rows. */
export function emptyTopBars(k: number): TopBars {
  const bars: TopBars = { labels: [], sure: [], uncertain: [] };
  fillTopBars(bars, undefined, k);
  return bars;
}

/** Rewrites `bars` in place (chart.js keeps the same arrays) from the first `k` keys. */
export function fillTopBars(bars: TopBars, window: WindowSnapshot | undefined, k: number): void {
  bars.labels.length = k;
  bars.sure.length = k;
  bars.uncertain.length = k;
  for (let i = 0; i < k; i++) {
    const entry = window?.top[i];
    const uncertain = entry ? Math.min(entry.error, entry.count) : 0;
    bars.labels[i] = entry ? entry.key : '';
    bars.sure[i] = entry ? entry.count - uncertain : 0;
    bars.uncertain[i] = uncertain;
  }
}

/** The most keys any window lists: the largest K the snapshot can show. */
export function largestTop(windows: readonly WindowSnapshot[]): number {
  return windows.reduce((most, window) => Math.max(most, window.top.length), 0);
}

/** The K a user may pick: 1 to the largest the snapshots offered, and always `current`. */
export function kChoices(largest: number, current: number): number[] {
  const upTo = Math.max(largest, current, 1);
  return Array.from({ length: upTo }, (_, i) => i + 1);
}

/** One point of the rate history: `x` is wall-clock epoch ms, `y` the value. */
export interface RatePoint {
  x: number;
  y: number;
}

/**
 * The recent history of events per second (in and out) and queue fill (percent), one point per
 * snapshot, holding only the points a chart of the last `spanMs` shows (at most `maxPoints`).
 */
export class RateSeries {
  readonly in: RatePoint[] = [];
  readonly out: RatePoint[] = [];
  /** Queue fill, 0..100 (%). */
  readonly fill: RatePoint[] = [];

  /** `spanMs`: how far back points are kept (ms); `maxPoints`: a hard cap per series. */
  constructor(
    readonly spanMs: number,
    readonly maxPoints: number,
  ) {}

  /** Adds the health of a snapshot taken at `takenAt` (epoch ms); older times are ignored. */
  append(takenAt: number, health: HealthSnapshot): boolean {
    const last = this.in.at(-1);
    if (last && takenAt <= last.x) return false;
    this.in.push({ x: takenAt, y: health.eventsPerSecond.in });
    this.out.push({ x: takenAt, y: health.eventsPerSecond.out });
    this.fill.push({ x: takenAt, y: health.queue.fill * 100 });
    this.trim(takenAt);
    return true;
  }

  /** The time of the newest point (epoch ms), or undefined while empty. */
  get latest(): number | undefined {
    return this.in.at(-1)?.x;
  }

  private trim(now: number): void {
    const oldest = now - this.spanMs;
    while (this.in.length > this.maxPoints || (this.in.length > 0 && this.in[0].x < oldest)) {
      this.in.shift();
      this.out.shift();
      this.fill.shift();
    }
  }
}

/** The time axis of the rate chart: its ends (epoch ms) and the step between its ticks (ms). */
export interface TimeAxis {
  min: number;
  max: number;
  stepMs: number;
}

const MINUTE_MS = 60_000;
/** The shortest axis drawn, ms: a fresh page shows its first minute, not one thin column. */
const SHORTEST_AXIS_MS = MINUTE_MS;

/**
 * The time axis for points from `oldest` to `latest` (epoch ms): it grows with the history
 * from one minute up to `spanMs`, then slides; ticks every 15 s up to two minutes, then every
 * minute.
 */
export function timeAxisOf(oldest: number, latest: number, spanMs: number): TimeAxis {
  const reach = Math.min(spanMs, Math.max(latest - oldest, SHORTEST_AXIS_MS));
  return { min: latest - reach, max: latest, stepMs: reach <= 2 * MINUTE_MS ? 15_000 : MINUTE_MS };
}

/**
 * The tick positions of a time axis from `min` to `max` (epoch ms): every multiple of `stepMs`
 * in between, so that labels sit on whole minutes (or quarter minutes) and stay put as the
 * axis slides.
 */
export function alignedTicks(min: number, max: number, stepMs: number): number[] {
  const ticks: number[] = [];
  for (let tick = Math.ceil(min / stepMs) * stepMs; tick <= max; tick += stepMs) ticks.push(tick);
  return ticks;
}

/**
 * Makes `target` (a chart's copy) hold the same points as `source` (both in time order) by
 * dropping what `source` dropped from the front and pushing what it gained at the end: work in
 * proportion to the change, so a chart frozen during a pause catches up in one step.
 */
export function syncTail(target: RatePoint[], source: readonly RatePoint[]): void {
  const first = source[0];
  if (!first) {
    target.length = 0;
    return;
  }
  let drop = 0;
  while (drop < target.length && target[drop].x < first.x) drop++;
  if (drop > 0) target.splice(0, drop);

  const lastX = target.at(-1)?.x ?? Number.NEGATIVE_INFINITY;
  let start = source.length;
  while (start > 0 && source[start - 1].x > lastX) start--;
  for (let i = start; i < source.length; i++) target.push(source[i]);
}

/** One row of the burst and alert feed. */
export interface FeedItem {
  /** Stable across snapshots, for keyed rendering. */
  id: string;
  kind: 'burst' | 'alert';
  /** Event time (epoch ms) of the pane boundary where it was found. */
  at: number;
  /** The window label, or for an alert the windows that raised it joined by ` + `. */
  window: string;
  key: string;
  previous?: number;
  current?: number;
  growth?: number;
  severity?: Severity;
  /** For an alert: how many windows had the burst that raised it. */
  windowCount?: number;
}

/**
 * The bursts and alerts of a snapshot (each newest first) as one feed, newest first, alerts
 * before bursts at the same time, at most `limit` rows.
 */
export function feedOf(
  bursts: readonly BurstSnapshot[],
  alerts: readonly AlertSnapshot[],
  limit: number,
): FeedItem[] {
  const feed: FeedItem[] = [];
  let b = 0;
  let a = 0;
  while (feed.length < limit && (b < bursts.length || a < alerts.length)) {
    const burst = bursts[b];
    const alert = alerts[a];
    if (alert && (!burst || alert.at >= burst.at)) {
      feed.push(alertItem(alert));
      a++;
    } else {
      feed.push(burstItem(burst));
      b++;
    }
  }
  return feed;
}

function burstItem(burst: BurstSnapshot): FeedItem {
  return {
    id: `burst:${burst.window}:${burst.key}:${burst.at}`,
    kind: 'burst',
    at: burst.at,
    window: burst.window,
    key: burst.key,
    previous: burst.previous,
    current: burst.current,
    growth: burst.growth,
  };
}

function alertItem(alert: AlertSnapshot): FeedItem {
  const window = alert.windows.join(' + ');
  return {
    id: `alert:${window}:${alert.key}:${alert.at}`,
    kind: 'alert',
    at: alert.at,
    window,
    key: alert.key,
    severity: alert.severity,
    windowCount: alert.windows.length,
  };
}

/**
 * A short fingerprint of the newest burst and alert: new ones are always added at the front,
 * so when it is unchanged the feed is too and need not be rebuilt.
 */
export function feedFingerprint(
  bursts: readonly BurstSnapshot[],
  alerts: readonly AlertSnapshot[],
): string {
  const burst = bursts[0];
  const alert = alerts[0];
  return [
    bursts.length,
    burst ? `${burst.window}:${burst.key}:${burst.at}` : '',
    alerts.length,
    alert ? `${alert.key}:${alert.at}` : '',
  ].join('|');
}
