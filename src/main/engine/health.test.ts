import { describe, expect, it } from 'vitest';
import { queueHealth, queueStatus } from './health.ts';

describe('queueStatus', () => {
  it('is HEALTHY below 0.4, WARNING below 0.8 and CRITICAL from 0.8', () => {
    expect(queueStatus(0)).toBe('HEALTHY');
    expect(queueStatus(0.3999)).toBe('HEALTHY');
    expect(queueStatus(0.4)).toBe('WARNING');
    expect(queueStatus(0.7999)).toBe('WARNING');
    expect(queueStatus(0.8)).toBe('CRITICAL');
    expect(queueStatus(1)).toBe('CRITICAL');
  });
});

describe('queueHealth', () => {
  it('computes the fill and status from size and capacity', () => {
    expect(queueHealth(0, 10_000)).toEqual({
      size: 0,
      capacity: 10_000,
      fill: 0,
      status: 'HEALTHY',
    });
    expect(queueHealth(3_999, 10_000).status).toBe('HEALTHY');
    expect(queueHealth(4_000, 10_000)).toEqual({
      size: 4_000,
      capacity: 10_000,
      fill: 0.4,
      status: 'WARNING',
    });
    expect(queueHealth(8_000, 10_000).status).toBe('CRITICAL');
  });

  it('keeps the fill at 1 when a paused batch takes the size past capacity', () => {
    expect(queueHealth(10_500, 10_000)).toEqual({
      size: 10_500,
      capacity: 10_000,
      fill: 1,
      status: 'CRITICAL',
    });
  });
});
