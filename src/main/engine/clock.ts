/** Where time comes from: injected everywhere so tests move it by hand. */
export interface Clock {
  /** Wall-clock time, epoch ms. May jump (NTP, a user changing the date). */
  wallNow(): number;
  /** Monotonic ms from an arbitrary origin; never jumps. Use it for every duration. */
  monotonicNow(): number;
}

export const systemClock: Clock = {
  wallNow: () => Date.now(),
  monotonicNow: () => performance.now(),
};

/** A clock for tests: both readings move only when told to. */
export class ManualClock implements Clock {
  constructor(
    private wall = 1_700_000_000_000,
    private monotonic = 0,
  ) {}

  wallNow(): number {
    return this.wall;
  }

  monotonicNow(): number {
    return this.monotonic;
  }

  /** Lets `ms` pass on both clocks. */
  advance(ms: number): void {
    this.wall += ms;
    this.monotonic += ms;
  }

  /** Moves only the wall clock, as an NTP step or a user changing the date does. */
  jumpWall(ms: number): void {
    this.wall += ms;
  }
}

/**
 * A wall clock that never jumps: the wall time at construction plus monotonic time since.
 * Ingest timestamps come from it, so a wall-clock step neither stalls windows nor fakes a
 * burst.
 */
export class SteadyWallClock {
  private readonly wallAtStart: number;
  private readonly monotonicAtStart: number;

  constructor(private readonly clock: Clock) {
    this.wallAtStart = clock.wallNow();
    this.monotonicAtStart = clock.monotonicNow();
  }

  now(): number {
    return Math.floor(this.wallAtStart + (this.clock.monotonicNow() - this.monotonicAtStart));
  }
}
