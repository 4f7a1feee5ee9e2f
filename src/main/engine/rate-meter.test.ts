import { describe, expect, it } from 'vitest';
import { RateMeter } from './rate-meter.ts';

describe('RateMeter', () => {
  it('counts an event until a full second of buckets has passed', () => {
    const meter = new RateMeter();
    meter.mark(250, 1000.5);

    expect(meter.perSecond(1000.5)).toBe(250);
    expect(meter.perSecond(1999.9)).toBe(250);
    expect(meter.perSecond(2000)).toBe(0);
  });

  it('drops each 100 ms bucket exactly at its edge', () => {
    const meter = new RateMeter();
    meter.mark(10, 0);
    meter.mark(20, 99.9);
    meter.mark(30, 100);
    meter.mark(40, 950);

    expect(meter.perSecond(999.9)).toBe(100);
    expect(meter.perSecond(1000)).toBe(70);
    expect(meter.perSecond(1099.9)).toBe(70);
    expect(meter.perSecond(1100)).toBe(40);
    // A mark late in its bucket leaves with the bucket: 950 ms of counting, not 1000.
    expect(meter.perSecond(1899.9)).toBe(40);
    expect(meter.perSecond(1900)).toBe(0);
  });

  it('reads 0 after an idle spell longer than a second, then counts afresh', () => {
    const meter = new RateMeter();
    meter.mark(5, 0);
    meter.mark(7, 1000);
    expect(meter.perSecond(1000)).toBe(7);

    meter.mark(3, 5_000_000);
    expect(meter.perSecond(5_000_000)).toBe(3);
    expect(meter.perSecond(5_001_000)).toBe(0);
  });

  it('adds up marks in the same bucket', () => {
    const meter = new RateMeter();
    meter.mark(1, 300);
    meter.mark(2, 350);
    meter.mark(3, 399.9);

    expect(meter.perSecond(400)).toBe(6);
  });

  it('counts a mark from an earlier time at the latest time seen', () => {
    const meter = new RateMeter();
    meter.mark(5, 1000);
    meter.mark(3, 500);

    expect(meter.perSecond(1999)).toBe(8);
    expect(meter.perSecond(1500)).toBe(8);
    expect(meter.perSecond(2000)).toBe(0);
  });

  it('reads 0 before anything is marked', () => {
    expect(new RateMeter().perSecond(12_345)).toBe(0);
  });

  it('scales to per second when the window is not one second', () => {
    const meter = new RateMeter({ bucketMs: 200, buckets: 10 });
    meter.mark(100, 0);

    expect(meter.perSecond(1999)).toBe(50);
    expect(meter.perSecond(2000)).toBe(0);
  });

  it('rejects a bucket layout it cannot use', () => {
    expect(() => new RateMeter({ bucketMs: 0 })).toThrow('bucketMs must be a positive number');
    expect(() => new RateMeter({ buckets: 0 })).toThrow('buckets must be a positive integer');
  });
});
