/** How the engine clock follows event time. */
export interface EngineClockOptions {
  /**
   * A stream counts as live while its newest event is at most this far behind the wall
   * clock, ms. Only a live stream's windows drain with the wall clock when it goes quiet; a
   * historical file keeps showing the trends as of its own last event.
   */
  liveWithinMs: number;
  /** An event more than this far ahead of the wall clock is "future", ms. */
  maxFutureMs: number;
}

/**
 * The engine clock: event time. It moves forward with the newest event and, while the stream
 * is live and quiet, with monotonic time elapsed since that event, so counts never stick.
 * It never moves back.
 */
export class EngineClock {
  private current = Number.NEGATIVE_INFINITY;
  /** The event time and monotonic reading the quiet drain extrapolates from. */
  private anchorTime = Number.NEGATIVE_INFINITY;
  private anchorMonotonic = 0;
  private live = false;

  constructor(private readonly options: EngineClockOptions) {}

  /** Event time now, epoch ms; -Infinity until the first event or restore. */
  get now(): number {
    return this.current;
  }

  get started(): boolean {
    return this.current !== Number.NEGATIVE_INFINITY;
  }

  get isLive(): boolean {
    return this.live;
  }

  /** True when `ts` is too far ahead of the wall clock to be believed. */
  isFuture(ts: number, wallNow: number): boolean {
    return ts > wallNow + this.options.maxFutureMs;
  }

  /**
   * Notes an accepted event's time. Returns the time the clock must advance to (the caller
   * moves the windows there first), which is `now` when the event is not the newest.
   */
  observe(ts: number, wallNow: number, monotonicNow: number): number {
    if (ts <= this.current) return this.current;
    this.current = ts;
    this.anchorTime = ts;
    this.anchorMonotonic = monotonicNow;
    this.live = wallNow - ts <= this.options.liveWithinMs;
    return ts;
  }

  /** Where the clock should be with no new events: later than `now` only for a live stream. */
  drainTarget(monotonicNow: number): number {
    if (!this.live) return this.current;
    return Math.max(
      this.current,
      Math.floor(this.anchorTime + (monotonicNow - this.anchorMonotonic)),
    );
  }

  /** Moves the clock to a drain target (or any later time), never back. */
  advanceTo(time: number): void {
    if (time > this.current) this.current = time;
  }

  /**
   * Sets the clock after replay. A log whose last clock is recent is live again, and its
   * drain catches up with the wall clock at once, as if the engine had never stopped.
   */
  restore(clock: number, wallNow: number, monotonicNow: number): void {
    this.current = Math.max(this.current, clock);
    this.live = wallNow - clock <= this.options.liveWithinMs;
    this.anchorTime = this.current;
    this.anchorMonotonic = this.live ? monotonicNow - Math.max(0, wallNow - clock) : monotonicNow;
  }
}
