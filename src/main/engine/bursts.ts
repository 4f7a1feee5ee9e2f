import type { AlertSnapshot, BurstSnapshot, Severity } from '../../shared/snapshot.ts';
import {
  resolveBurstOptions,
  type BurstConfig,
  type BurstDetectorOptions,
  type BurstWindowConfig,
} from './burst-options.ts';
import { BurstStreaks, type BurstView } from './burst-streaks.ts';

export type { BurstChanges, BurstView } from './burst-streaks.ts';

/** Where the detector reads the counts of a window by label (`SlidingWindows` is one). */
export interface BurstViewSource {
  burstView(label: string): BurstView;
}

/** A window's counts with the window's label, for callers that list views instead. */
export interface LabelledBurstView extends BurstView {
  readonly label: string;
}

/** An alert, and whether it is an escalation from MEDIUM to HIGH within the cooldown. */
export interface BurstAlert extends AlertSnapshot {
  escalation: boolean;
}

/** What one evaluation found: the confirmed bursts, and the alerts that fired. */
export interface BurstEvaluation {
  bursts: BurstSnapshot[];
  alerts: BurstAlert[];
}

/** The detector's state as plain JSON, for persisting; restored with `BurstDetector.fromJSON`. */
export interface BurstDetectorState {
  version: 1;
  lastEvaluatedAt: number | null;
  windows: { label: string; streaks: [string, number][]; confirmedAt: [string, number][] }[];
  lastAlerts: [string, number, Severity][];
  recentBursts: BurstSnapshot[];
  recentAlerts: BurstAlert[];
}

/** Per window: each key's run of consecutive bursting evaluations, and its last confirmation. */
class WindowTrack {
  /** key -> boundary (epoch ms) of the key's last confirmed burst, while within the TTL. */
  readonly confirmedAt = new Map<string, number>();

  constructor(readonly streaks: BurstStreaks) {}
}

const NO_LEVEL = 0;
const MEDIUM_LEVEL = 1;
const HIGH_LEVEL = 2;

/**
 * Finds keys whose count grows fast, and turns sustained growth into alerts. Evaluated on pane
 * boundaries only, so results depend on event time alone.
 *
 * At each evaluation, for each window, a key of `current` bursts when its `previous` count is
 * at least `minPrevious` and current / previous reaches the window's growth. A burst is
 * confirmed once it has held for `confirmations` consecutive evaluations (and each evaluation
 * after that while it lasts). A key's score at boundary b is the sum of the weights of the
 * windows where it had a confirmed burst within (b - ttl, b]; MEDIUM and HIGH start at
 * `mediumScore` and `highScore`. An alert fires when the confirmations made at b raise a key's
 * level above what its earlier confirmations still give it at b, unless an alert for the key
 * fired within the cooldown; an escalation from a MEDIUM alert to HIGH within the cooldown
 * still fires, once, marked as such.
 *
 * Evaluations at which every window is empty change nothing but the streaks (which all end),
 * so a caller may skip all but the first of a run of them: results stay the same.
 *
 * A view that says which keys changed since the last evaluation (`BurstView.changes`) is judged
 * on those keys and the ones already bursting, at a cost that follows the keys that changed
 * instead of the keys in the window; the results are the same as those of a walk over every key,
 * which is what a view without changes gets (and the first evaluation, and the first after
 * `restore`).
 */
export class BurstDetector {
  private readonly config: BurstConfig;
  private readonly tracks: WindowTrack[];
  private readonly lastAlerts = new Map<string, { at: number; severity: Severity }>();
  private recentBurstList: BurstSnapshot[] = [];
  private recentAlertList: BurstAlert[] = [];
  private lastEvaluatedAt: number | null = null;

  constructor(options: BurstDetectorOptions = {}) {
    this.config = resolveBurstOptions(options);
    const { minPrevious, confirmations } = this.config;
    this.tracks = this.config.windows.map(
      ({ label, growth }) =>
        new WindowTrack(new BurstStreaks({ label, growth, minPrevious, confirmations })),
    );
  }

  /** A detector configured by `options` holding the state `toJSON()` gave (see `restore`). */
  static fromJSON(state: BurstDetectorState, options: BurstDetectorOptions = {}): BurstDetector {
    const detector = new BurstDetector(options);
    detector.restore(state);
    return detector;
  }

  /**
   * Replaces this detector's state with `state` from `toJSON()`, so that further evaluations
   * give what the saved detector would have given. Windows no longer configured are ignored.
   */
  restore(state: BurstDetectorState): void {
    if (state.version !== 1) throw new Error(`unknown burst state version ${state.version}`);
    this.tracks.forEach((track, index) => {
      const saved = state.windows.find((w) => w.label === this.config.windows[index].label);
      track.streaks.restore(saved?.streaks);
      track.confirmedAt.clear();
      for (const [key, at] of saved?.confirmedAt ?? []) track.confirmedAt.set(key, at);
    });
    this.lastAlerts.clear();
    for (const [key, at, severity] of state.lastAlerts) this.lastAlerts.set(key, { at, severity });
    // A config may have changed the windows since the state was saved: what speaks of a
    // window that is gone is dropped rather than shown.
    const labels = new Set(this.config.windows.map((window) => window.label));
    this.recentBurstList = state.recentBursts
      .filter((burst) => labels.has(burst.window))
      .map((burst) => ({ ...burst }));
    this.recentAlertList = state.recentAlerts
      .filter((alert) => alert.windows.every((label) => labels.has(label)))
      .map((alert) => ({ ...alert, windows: [...alert.windows] }));
    this.lastEvaluatedAt = state.lastEvaluatedAt;
  }

  /** The most recent confirmed bursts, newest first (at most `recentLimit`). */
  recentBursts(): BurstSnapshot[] {
    return [...this.recentBurstList];
  }

  /** The most recent alerts, newest first (at most `recentLimit`). */
  recentAlerts(): BurstAlert[] {
    return [...this.recentAlertList];
  }

  /**
   * Evaluates boundary `at` (epoch ms, later than the last evaluation) on each window's counts,
   * read from `views` by label. Returns the bursts confirmed now (by window order, then key)
   * and the alerts fired now (by key).
   */
  evaluate(at: number, views: BurstViewSource | ReadonlyArray<LabelledBurstView>): BurstEvaluation {
    const source = Array.isArray(views) ? sourceOf(views) : (views as BurstViewSource);
    if (this.lastEvaluatedAt !== null && !(at > this.lastEvaluatedAt)) {
      throw new RangeError(
        `evaluation at ${at} does not follow the last one, ${this.lastEvaluatedAt}`,
      );
    }
    const burstsByWindow = this.config.windows.map((window, index) =>
      this.tracks[index].streaks.advance(source.burstView(window.label), at),
    );
    const bursts = burstsByWindow.flat();
    const alerts = this.alertsFor(burstsByWindow, at);
    this.forgetExpired(at);
    this.remember(bursts, alerts);
    this.lastEvaluatedAt = at;
    return { bursts, alerts };
  }

  /** The last boundary evaluated (event time, ms), or null before the first. */
  get lastEvaluation(): number | null {
    return this.lastEvaluatedAt;
  }

  /** The state as plain JSON (see `BurstDetectorState`). */
  toJSON(): BurstDetectorState {
    return {
      version: 1,
      lastEvaluatedAt: this.lastEvaluatedAt,
      windows: this.config.windows.map((window, index) => ({
        label: window.label,
        streaks: this.tracks[index].streaks.entries(),
        confirmedAt: [...this.tracks[index].confirmedAt],
      })),
      lastAlerts: [...this.lastAlerts].map(([key, alert]) => [key, alert.at, alert.severity]),
      recentBursts: this.recentBurstList.map((burst) => ({ ...burst })),
      recentAlerts: this.recentAlertList.map((alert) => ({
        ...alert,
        windows: [...alert.windows],
      })),
    };
  }

  /**
   * Alerts for the keys confirmed at this boundary. A key alerts when a burst starts in one of
   * its windows (its run just reached the confirmations) and its score reaches MEDIUM, unless
   * it alerted within the cooldown; within the cooldown only an escalation from MEDIUM to HIGH
   * alerts, once. A burst that goes on does not alert again.
   */
  private alertsFor(burstsByWindow: BurstSnapshot[][], at: number): BurstAlert[] {
    burstsByWindow.forEach((bursts, index) => {
      for (const burst of bursts) this.tracks[index].confirmedAt.set(burst.key, at);
    });
    // Each window's bursts come sorted by key: merging them spares a sort of every key.
    const keys = burstsByWindow
      .map((bursts) => bursts.map((burst) => burst.key))
      .reduce(mergeSortedKeys, []);

    const alerts: BurstAlert[] = [];
    for (const key of keys) {
      const alert = this.alertFor(key, at);
      if (alert !== undefined) alerts.push(alert);
    }
    return alerts;
  }

  private alertFor(key: string, at: number): BurstAlert | undefined {
    const windows = this.liveWindows(key, at);
    const score = windows.reduce((sum, window) => sum + window.weight, 0);
    const level = this.levelOf(score);
    if (level === NO_LEVEL) return undefined;

    const severity: Severity = level === HIGH_LEVEL ? 'HIGH' : 'MEDIUM';
    const last = this.lastAlerts.get(key);
    const cooling = last !== undefined && last.at > at - this.config.cooldownMs;
    const escalation = cooling && severity === 'HIGH' && last.severity === 'MEDIUM';
    const starting = this.tracks.some((track) => track.streaks.isNewlyConfirmed(key));
    if (cooling ? !escalation : !starting) return undefined;

    this.lastAlerts.set(key, { at, severity });
    return { key, severity, score, windows: windows.map((w) => w.label), at, escalation };
  }

  /** The windows where `key` had a confirmed burst within (t - ttl, t]. */
  private liveWindows(key: string, t: number): BurstWindowConfig[] {
    return this.config.windows.filter((_, index) => {
      const confirmedAt = this.tracks[index].confirmedAt.get(key);
      return confirmedAt !== undefined && confirmedAt > t - this.config.ttlMs;
    });
  }

  private levelOf(score: number): number {
    if (score >= this.config.highScore) return HIGH_LEVEL;
    return score >= this.config.mediumScore ? MEDIUM_LEVEL : NO_LEVEL;
  }

  /** True when `key` has a burst confirmed in window `label` at the last evaluation. */
  private confirmedNow(label: string, key: string): boolean {
    const index = this.config.windows.findIndex((window) => window.label === label);
    return index >= 0 && this.tracks[index].streaks.isConfirmed(key);
  }

  /** Drops what no later evaluation can use, so the state stays bounded. */
  private forgetExpired(at: number): void {
    for (const track of this.tracks) {
      for (const [key, confirmedAt] of track.confirmedAt) {
        if (confirmedAt <= at - this.config.ttlMs) track.confirmedAt.delete(key);
      }
    }
    for (const [key, alert] of this.lastAlerts) {
      if (alert.at <= at - this.config.cooldownMs) this.lastAlerts.delete(key);
    }
  }

  /**
   * Keeps the recent lists, newest first. A burst that goes on is one entry, moved to the top
   * with its latest counts at each evaluation, so a long burst does not push out the others.
   */
  private remember(bursts: BurstSnapshot[], alerts: BurstAlert[]): void {
    const limit = this.config.recentLimit;
    const earlier = this.recentBurstList.filter(
      (burst) => burst.at !== this.lastEvaluatedAt || !this.confirmedNow(burst.window, burst.key),
    );
    this.recentBurstList = [...bursts.slice(0, limit), ...earlier].slice(0, limit);
    this.recentAlertList = [...alerts.slice(0, limit), ...this.recentAlertList].slice(0, limit);
  }
}

function sourceOf(views: ReadonlyArray<LabelledBurstView>): BurstViewSource {
  return {
    burstView(label) {
      const view = views.find((v) => v.label === label);
      if (view === undefined) throw new RangeError(`no counts were given for window ${label}`);
      return view;
    },
  };
}

/** The keys of `a` and `b` (each sorted, without repeats) in order, each once. */
function mergeSortedKeys(a: string[], b: string[]): string[] {
  const merged: string[] = [];
  let i = 0;
  let j = 0;
  while (i < a.length && j < b.length) {
    if (a[i] < b[j]) merged.push(a[i++]);
    else if (b[j] < a[i]) merged.push(b[j++]);
    else {
      merged.push(a[i++]);
      j++;
    }
  }
  while (i < a.length) merged.push(a[i++]);
  while (j < b.length) merged.push(b[j++]);
  return merged;
}
