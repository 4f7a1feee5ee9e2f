import type { AlertSnapshot, BurstSnapshot, WindowSnapshot } from '../../shared/snapshot.ts';
import { comparableViews } from './burst-views.ts';
import { BurstDetector, type BurstDetectorState } from './bursts.ts';
import { Deduplicator } from './dedup.ts';
import { EngineClock } from './engine-clock.ts';
import { EventFlag } from './event-log.ts';
import type { EngineSettings } from './settings.ts';
import { SlidingWindows } from './sliding-windows.ts';

/** Burst state as persisted: the detector's own, and since when the stream was observed. */
export interface BurstState {
  /** Event time (ms) of the first pane boundary the engine ever crossed, or null. */
  observedSince: number | null;
  detector: BurstDetectorState;
}

/** What happened to one event in the analytics. */
export interface Placement {
  /** `EventFlag` bits to store with the event. */
  flags: number;
  /** True when it was older than every retained pane and counted in no window. */
  expired: boolean;
}

/**
 * The analytics of the engine as plain functions of events and time: the engine clock,
 * sliding windows with top-K, dedup and bursts. Live ingest and replay drive the same object,
 * so a replay of the log rebuilds exactly the state the live run had.
 */
export class Analytics {
  readonly clock: EngineClock;
  private readonly windows: SlidingWindows;
  private readonly dedup: Deduplicator;
  private readonly detector: BurstDetector;
  /**
   * Boundaries up to this time are not evaluated: during a replay the burst state restored
   * from the log already holds them.
   */
  private evaluatedUntil = Number.NEGATIVE_INFINITY;
  private firedAlerts: AlertSnapshot[] = [];
  /** The first boundary crossed: a window is compared with the one before it only once both
   * were observed, so the start of a stream does not look like a burst of every key. */
  private observedSince: number | null = null;
  private boundariesSinceTake = 0;

  constructor(private readonly settings: EngineSettings) {
    this.clock = new EngineClock({
      liveWithinMs: settings.liveWithinMs,
      maxFutureMs: settings.maxFutureMs,
    });
    this.windows = new SlidingWindows({
      windows: settings.windows.map(({ label, lengthMs }) => ({ label, lengthMs })),
      paneMs: settings.paneMs,
      paneCapacity: settings.paneCapacity,
    });
    this.dedup = new Deduplicator(settings.dedup);
    this.detector = new BurstDetector(settings.bursts);
  }

  /** Decides a live event's fate and counts it where it belongs. */
  ingest(
    ts: number,
    key: string,
    id: string | undefined,
    wallNow: number,
    mono: number,
  ): Placement {
    if (this.clock.isFuture(ts, wallNow)) return { flags: EventFlag.future, expired: false };
    if (id !== undefined && this.dedup.check(id, this.dedupTime(ts))) {
      return { flags: EventFlag.duplicate, expired: false };
    }
    return this.place(ts, key, wallNow, mono);
  }

  /** Applies a logged event again, honouring the decisions stored in its flags. */
  replay(ts: number, key: string, id: string | null, flags: number): void {
    if (flags & (EventFlag.future | EventFlag.duplicate)) return;
    if (id !== null) this.dedup.check(id, this.dedupTime(ts));
    this.place(ts, key, Number.POSITIVE_INFINITY, 0);
  }

  private place(ts: number, key: string, wallNow: number, mono: number): Placement {
    this.advanceTo(this.clock.observe(ts, wallNow, mono));
    const late = ts < this.clock.now - this.settings.latenessMs;
    const placed = this.windows.add(key, ts);
    return { flags: late ? EventFlag.late : 0, expired: placed === 'expired' };
  }

  private dedupTime(ts: number): number {
    return this.clock.started ? Math.max(this.clock.now, ts) : ts;
  }

  /** Moves event time forward, evaluating bursts on every pane boundary passed. */
  advanceTo(time: number): void {
    if (!this.clock.started && !(time > 0)) return; // commits made before the first event
    this.windows.advanceTo(time, (boundary) => this.evaluate(boundary));
    this.clock.advanceTo(time);
  }

  /** Lets a quiet live stream's windows drain with monotonic time. */
  drain(mono: number): void {
    if (this.clock.started) this.advanceTo(this.clock.drainTarget(mono));
  }

  private evaluate(boundary: number): void {
    this.boundariesSinceTake++;
    this.observedSince ??= boundary - this.settings.paneMs;
    if (boundary <= this.evaluatedUntil) return;
    const views = comparableViews(
      this.windows,
      this.settings.windows,
      boundary,
      this.observedSince,
    );
    const { alerts } = this.detector.evaluate(boundary, views);
    this.firedAlerts.push(...alerts);
  }

  /**
   * Runs `body` as a replay that starts from a saved burst state: the boundaries that state
   * already holds pass without evaluation, later ones are evaluated as they were live.
   */
  replayingFrom<T>(state: BurstState | undefined, body: () => T): T {
    if (state) this.restoreBurstState(state);
    this.evaluatedUntil = state?.detector.lastEvaluatedAt ?? Number.NEGATIVE_INFINITY;
    try {
      return body();
    } finally {
      this.evaluatedUntil = Number.NEGATIVE_INFINITY;
    }
  }

  /** The last boundary evaluated (event time, ms), or null before any. */
  get lastEvaluatedAt(): number | null {
    return this.detector.lastEvaluation;
  }

  /** Alerts fired since the last call. */
  takeFiredAlerts(): AlertSnapshot[] {
    const fired = this.firedAlerts;
    this.firedAlerts = [];
    return fired;
  }

  /** Pane boundaries passed since the last call (each may have changed burst state). */
  takeBoundaryCount(): number {
    const count = this.boundariesSinceTake;
    this.boundariesSinceTake = 0;
    return count;
  }

  /**
   * Marks event time up to `time` as not observed: after a restart the engine was not there
   * to see the gap, so windows reaching into it are not compared (an empty gap would make
   * every key look like it bursts).
   */
  unobservedUntil(time: number): void {
    this.observedSince = Math.max(this.observedSince ?? time, time);
  }

  burstState(): BurstState {
    return { observedSince: this.observedSince, detector: this.detector.toJSON() };
  }

  restoreBurstState(state: BurstState): void {
    this.observedSince = state.observedSince;
    this.detector.restore(state.detector);
  }

  windowSnapshots(topK: number): WindowSnapshot[] {
    return this.windows.snapshot(topK);
  }

  recentBursts(): BurstSnapshot[] {
    return this.detector.recentBursts();
  }

  recentAlerts(): AlertSnapshot[] {
    return this.detector.recentAlerts();
  }

  dedupStats() {
    return this.dedup.stats();
  }
}
