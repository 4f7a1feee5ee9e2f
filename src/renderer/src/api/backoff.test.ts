import { describe, expect, it } from 'vitest';
import { backoffDelay } from './backoff.ts';

describe('backoffDelay', () => {
  it('doubles from one second and stops at ten', () => {
    expect([1, 2, 3, 4, 5, 6].map((attempt) => backoffDelay(attempt))).toEqual([
      1000, 2000, 4000, 8000, 10_000, 10_000,
    ]);
  });

  it('treats attempts below one as the first, and stays finite for huge attempts', () => {
    expect(backoffDelay(0)).toBe(1000);
    expect(backoffDelay(-3)).toBe(1000);
    expect(backoffDelay(10_000)).toBe(10_000);
  });

  it('follows the given first wait and cap', () => {
    const options = { firstMs: 10, maxMs: 35 };
    expect([1, 2, 3, 4].map((attempt) => backoffDelay(attempt, options))).toEqual([10, 20, 35, 35]);
  });
});
