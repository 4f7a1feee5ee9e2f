import { describe, expect, it } from 'vitest';
import { BloomFilter } from './bloom-filter.ts';

function fillWith(filter: BloomFilter, prefix: string, count: number): void {
  for (let i = 0; i < count; i++) filter.add(`${prefix}-${i}`);
}

function countPresent(filter: BloomFilter, prefix: string, count: number): number {
  let present = 0;
  for (let i = 0; i < count; i++) if (filter.has(`${prefix}-${i}`)) present++;
  return present;
}

describe('BloomFilter.sized', () => {
  it('uses m = -n ln p / (ln 2)^2 bits and k = round(m / n ln 2) hashes', () => {
    const filter = BloomFilter.sized(100_000, 0.01);

    expect(filter.bitCount).toBe(958_506);
    expect(filter.hashCount).toBe(7);
    expect(filter.memoryBytes).toBe(29_954 * 4);
  });

  it('uses at least one hash even for a loose target', () => {
    expect(BloomFilter.sized(1000, 0.9).hashCount).toBe(1);
  });

  it('rejects sizes and rates it cannot honour', () => {
    expect(() => BloomFilter.sized(0, 0.01)).toThrow('expectedItems must be at least 1, got 0');
    expect(() => BloomFilter.sized(10, 0)).toThrow('targetFpRate must be between 0 and 1');
    expect(() => BloomFilter.sized(10, 1)).toThrow('targetFpRate must be between 0 and 1');
    expect(() => new BloomFilter(0, 3)).toThrow('bitCount must be a positive integer');
    expect(() => new BloomFilter(64, 1.5)).toThrow('hashCount must be a positive integer');
  });
});

describe('BloomFilter', () => {
  it('holds every id that was added', () => {
    const filter = BloomFilter.sized(10_000, 0.01);
    fillWith(filter, 'event', 10_000);

    expect(countPresent(filter, 'event', 10_000)).toBe(10_000);
  });

  it('says an id is new the first time and known the second time', () => {
    const filter = BloomFilter.sized(100, 0.01);

    expect(filter.add('order-17')).toBe(true);
    expect(filter.add('order-17')).toBe(false);
    expect(filter.count).toBe(1);
    expect(filter.has('order-17')).toBe(true);
    expect(filter.has('order-18')).toBe(false);
  });

  it('tells apart ids that differ only outside ASCII', () => {
    const filter = BloomFilter.sized(100, 0.01);
    filter.add('café-😀');

    expect(filter.has('café-😀')).toBe(true);
    expect(filter.has('cafe-😀')).toBe(false);
    expect(filter.has('café-😁')).toBe(false);
  });

  it('keeps false positives on 100 000 fresh ids within 1.5 times a 0.01 target', () => {
    const filter = BloomFilter.sized(100_000, 0.01);
    fillWith(filter, 'event', 100_000);

    const falsePositives = countPresent(filter, 'fresh', 100_000);

    // The ids are fixed, so this count is exact and repeatable.
    expect(falsePositives).toBe(1010);
    expect(falsePositives / 100_000).toBeLessThanOrEqual(0.015);
  });

  it('estimates a false-positive rate close to the measured one', () => {
    const filter = BloomFilter.sized(100_000, 0.01);
    fillWith(filter, 'event', 100_000);

    const measured = countPresent(filter, 'fresh', 100_000) / 100_000;
    const estimated = filter.estimatedFalsePositiveRate();

    expect(estimated).toBeCloseTo(0.01008, 5);
    expect(Math.abs(estimated - measured)).toBeLessThan(0.001);
  });

  it('estimates 0 when empty and 1 when every bit is set', () => {
    const filter = new BloomFilter(8, 2);
    expect(filter.estimatedFalsePositiveRate()).toBe(0);

    fillWith(filter, 'event', 200);

    expect(filter.fill).toBe(1);
    expect(filter.estimatedFalsePositiveRate()).toBe(1);
  });

  it('forgets everything on clear', () => {
    const filter = BloomFilter.sized(1000, 0.01);
    fillWith(filter, 'event', 1000);

    filter.clear();

    expect(filter.count).toBe(0);
    expect(filter.fill).toBe(0);
    expect(countPresent(filter, 'event', 1000)).toBe(0);
  });
});
