import { describe, expect, it } from 'vitest';
import { RatePacer } from './pacer.ts';

describe('RatePacer', () => {
  it('lets out the rate on time, in whole events, carrying fractions', () => {
    const pacer = new RatePacer(1000);
    pacer.restart(0);
    expect(pacer.due(20)).toBe(20);
    pacer.took(20);
    expect(pacer.due(20.5)).toBe(0);
    expect(pacer.due(41.5)).toBe(21);
    pacer.took(21);
    expect(pacer.due(41.9)).toBe(0);
  });

  it('starts its schedule at the first call when never restarted', () => {
    const pacer = new RatePacer(500);
    expect(pacer.due(1000)).toBe(0);
    expect(pacer.due(1100)).toBe(50);
  });

  it('catches up after a stall no faster than twice the rate', () => {
    const pacer = new RatePacer(1000);
    pacer.restart(0);
    // 1000 events are owed, but only 50 ms at 2000 events/s may go out at once.
    expect(pacer.due(1000)).toBe(100);
    pacer.took(100);
    expect(pacer.due(1020)).toBe(40);
    pacer.took(40);
    expect(pacer.due(1040)).toBe(40);
  });

  it('holds the average rate once caught up', () => {
    const pacer = new RatePacer(1000);
    pacer.restart(0);
    let produced = 0;
    for (let now = 500; now <= 3000; now += 20) {
      const due = pacer.due(now);
      pacer.took(due);
      produced += due;
    }
    expect(produced).toBe(3000);
  });

  it('forgives debt older than five seconds', () => {
    const pacer = new RatePacer(1000, { burstMs: 10_000 });
    pacer.restart(0);
    expect(pacer.due(60_000)).toBe(5000);
  });

  it('forgives everything owed on restart', () => {
    const pacer = new RatePacer(1000);
    pacer.restart(0);
    pacer.due(1000);
    pacer.restart(1000);
    expect(pacer.due(1010)).toBe(10);
  });
});
