/** How a `RatePacer` may deviate from its rate. */
export interface PacerLimits {
  /** The fastest the pacer lets events out while catching up, as a multiple of the rate. */
  maxSpeedup: number;
  /** How much lateness (ms of events) is caught up at most; older debt is forgiven. */
  maxDebtMs: number;
  /** How much unused speed (ms of events at the top speed) can be spent at once. */
  burstMs: number;
}

const DEFAULT_LIMITS: PacerLimits = { maxSpeedup: 2, maxDebtMs: 5000, burstMs: 50 };

/**
 * Tells a timer-driven producer how many events are due, from a monotonic clock passed in
 * (ms), so the average rate holds even when timers fire late. Events owed after a stall are
 * caught up no faster than `maxSpeedup` times the rate (a token bucket limits the speed).
 */
export class RatePacer {
  private readonly perMs: number;
  private readonly limits: PacerLimits;
  private lastMs: number | undefined;
  private owed = 0;
  private allowance = 0;

  /** @param rate events per second */
  constructor(rate: number, limits: Partial<PacerLimits> = {}) {
    this.perMs = rate / 1000;
    this.limits = { ...DEFAULT_LIMITS, ...limits };
  }

  /** Starts (or restarts) the schedule at `nowMs`, forgiving whatever was owed. */
  restart(nowMs: number): void {
    this.lastMs = nowMs;
    this.owed = 0;
    this.allowance = 0;
  }

  /** The whole number of events due at `nowMs`; call `took` with what was produced. */
  due(nowMs: number): number {
    if (this.lastMs === undefined) this.restart(nowMs);
    const elapsedMs = Math.max(0, nowMs - (this.lastMs as number));
    this.lastMs = nowMs;

    const { maxSpeedup, maxDebtMs, burstMs } = this.limits;
    this.owed = Math.min(this.owed + elapsedMs * this.perMs, maxDebtMs * this.perMs);
    const topSpeed = this.perMs * maxSpeedup;
    this.allowance = Math.min(this.allowance + elapsedMs * topSpeed, burstMs * topSpeed);
    return Math.floor(Math.min(this.owed, this.allowance));
  }

  /** Records that `count` events were produced. */
  took(count: number): void {
    this.owed -= count;
    this.allowance -= count;
  }
}
