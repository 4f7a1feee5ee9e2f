import { describe, expect, it } from 'vitest';
import { EngineClock } from './engine-clock.ts';
import { ManualClock, SteadyWallClock } from './clock.ts';

const options = { liveWithinMs: 60_000, maxFutureMs: 60_000 };
const WALL = 1_700_000_000_000;

describe('EngineClock', () => {
  it('follows the newest event and never moves back', () => {
    const clock = new EngineClock(options);
    expect(clock.started).toBe(false);
    expect(clock.observe(WALL - 500, WALL, 0)).toBe(WALL - 500);
    expect(clock.observe(WALL - 900, WALL, 1)).toBe(WALL - 500);
    expect(clock.now).toBe(WALL - 500);
  });

  it('drains a quiet live stream with monotonic time', () => {
    const clock = new EngineClock(options);
    clock.observe(WALL - 200, WALL, 1000);
    expect(clock.isLive).toBe(true);
    expect(clock.drainTarget(1000)).toBe(WALL - 200);
    expect(clock.drainTarget(4500)).toBe(WALL + 3300);
  });

  it('holds a historical stream at its last event', () => {
    const clock = new EngineClock(options);
    const yesterday = WALL - 86_400_000;
    clock.observe(yesterday, WALL, 1000);
    expect(clock.isLive).toBe(false);
    expect(clock.drainTarget(61_000)).toBe(yesterday);
  });

  it('treats an event more than maxFutureMs ahead of the wall as future', () => {
    const clock = new EngineClock(options);
    expect(clock.isFuture(WALL + 60_000, WALL)).toBe(false);
    expect(clock.isFuture(WALL + 60_001, WALL)).toBe(true);
  });

  it('catches a restored live log up with the wall clock', () => {
    const clock = new EngineClock(options);
    clock.restore(WALL - 30_000, WALL, 500);
    expect(clock.now).toBe(WALL - 30_000);
    expect(clock.drainTarget(500)).toBe(WALL);
    expect(clock.drainTarget(1500)).toBe(WALL + 1000);
  });

  it('keeps a restored historical log where it was', () => {
    const clock = new EngineClock(options);
    clock.restore(WALL - 3_600_000, WALL, 500);
    expect(clock.drainTarget(10_500)).toBe(WALL - 3_600_000);
  });
});

describe('SteadyWallClock', () => {
  it('ignores wall-clock jumps after it starts', () => {
    const manual = new ManualClock(WALL, 0);
    const steady = new SteadyWallClock(manual);
    manual.advance(1500);
    manual.jumpWall(-3_600_000);
    expect(steady.now()).toBe(WALL + 1500);
  });
});
