import { describe, expect, it } from 'vitest';
import { PeakMeter } from './peak-meter.ts';

describe('PeakMeter', () => {
  it('remembers a peak for the rest of its bucket and the next one', () => {
    const meter = new PeakMeter(500);
    meter.mark(0.9, 100);
    meter.mark(0.2, 200);
    expect(meter.peak(499)).toBe(0.9);
    expect(meter.peak(999)).toBe(0.9);
    expect(meter.peak(1000)).toBe(0);
  });

  it('forgets everything after a gap of more than a bucket', () => {
    const meter = new PeakMeter(500);
    meter.mark(1, 0);
    meter.mark(0.3, 1200);
    expect(meter.peak(1200)).toBe(0.3);
  });
});
