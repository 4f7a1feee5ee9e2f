import { describe, expect, it } from 'vitest';
import { Deduplicator } from './dedup.ts';

describe('Deduplicator', () => {
  it('answers a repeated id as a duplicate and a new id as new', () => {
    const dedup = new Deduplicator({ rotationMs: 1000 });

    expect(dedup.check('a', 0)).toBe(false);
    expect(dedup.check('b', 10)).toBe(false);
    expect(dedup.check('a', 20)).toBe(true);
    expect(dedup.check('a', 30)).toBe(true);

    expect(dedup.stats()).toMatchObject({ checked: 4, duplicates: 2, rotations: 0 });
  });

  it('remembers an id through one rotation and forgets it after two', () => {
    const dedup = new Deduplicator({ rotationMs: 1000 });
    dedup.check('a', 0);

    expect(dedup.check('b', 1000)).toBe(false);
    expect(dedup.check('a', 1999)).toBe(true);
    expect(dedup.check('c', 2000)).toBe(false);
    expect(dedup.check('a', 2000)).toBe(false);
    expect(dedup.stats().rotations).toBe(2);
  });

  it('remembers an id for at least rotationMs even when seen just before a rotation', () => {
    const dedup = new Deduplicator({ rotationMs: 1000 });
    dedup.check('first', 0);
    dedup.check('late', 999);

    dedup.check('x', 1000);

    expect(dedup.check('late', 1998)).toBe(true);
    expect(dedup.stats().rotations).toBe(1);
  });

  it('forgets both generations after a gap of two rotations', () => {
    const dedup = new Deduplicator({ rotationMs: 1000 });
    dedup.check('a', 0);
    dedup.check('b', 900);

    expect(dedup.check('b', 2000)).toBe(false);
    expect(dedup.stats().rotations).toBe(2);
  });

  it('ignores a clock that goes backwards when deciding to rotate', () => {
    const dedup = new Deduplicator({ rotationMs: 1000 });
    dedup.check('a', 5000);
    dedup.check('b', 100);
    dedup.check('c', 5999);
    expect(dedup.stats().rotations).toBe(0);

    dedup.check('d', 6000);
    expect(dedup.stats().rotations).toBe(1);
  });

  it('rotates early once a generation holds the ids it was sized for', () => {
    const dedup = new Deduplicator({ expectedRate: 10, rotationMs: 1000 });
    expect(dedup.capacity).toBe(10);
    for (let i = 0; i < 10; i++) expect(dedup.check(`id-${i}`, 0)).toBe(false);
    expect(dedup.stats().rotations).toBe(0);

    expect(dedup.check('id-10', 1)).toBe(false);

    expect(dedup.stats()).toMatchObject({ rotations: 1, earlyRotations: 1 });
    expect(dedup.check('id-3', 2)).toBe(true);
    expect(dedup.check('id-10', 3)).toBe(true);
  });

  it('sizes the default pair for 10 000 ids/s over 60 s', () => {
    const dedup = new Deduplicator();

    expect(dedup.capacity).toBe(600_000);
    expect(dedup.stats()).toEqual({
      checked: 0,
      duplicates: 0,
      rotations: 0,
      earlyRotations: 0,
      estimatedFalsePositiveRate: 0,
      memoryBytes: 1_653_384,
    });
  });

  it('keeps false positives on 100 000 fresh ids within 1.5 times a 0.01 target', () => {
    const dedup = new Deduplicator({
      falsePositiveRate: 0.01,
      expectedRate: 100_000,
      rotationMs: 1000,
    });
    for (let i = 0; i < 100_000; i++) dedup.check(`seen-${i}`, 0);
    const duplicatesBefore = dedup.stats().duplicates;

    let falsePositives = 0;
    let expectedFalsePositives = 0;
    for (let i = 0; i < 100_000; i++) {
      if (i > 0) expectedFalsePositives += dedup.stats().estimatedFalsePositiveRate;
      if (dedup.check(`fresh-${i}`, 1000)) falsePositives++;
    }

    // The ids are fixed, so these counts are exact and repeatable.
    expect(duplicatesBefore).toBe(90);
    expect(falsePositives).toBe(551);
    expect(falsePositives / 100_000).toBeLessThanOrEqual(0.015);
    expect(Math.abs(expectedFalsePositives - falsePositives) / falsePositives).toBeLessThan(0.1);
  });

  it('estimates the pair within the target once both generations are full', () => {
    const dedup = new Deduplicator({
      falsePositiveRate: 0.01,
      expectedRate: 100_000,
      rotationMs: 1000,
    });
    for (let i = 0; i < 100_000; i++) dedup.check(`seen-${i}`, 0);
    for (let i = 0; i < 100_000; i++) dedup.check(`later-${i}`, 1000);

    const estimate = dedup.stats().estimatedFalsePositiveRate;

    expect(estimate).toBeGreaterThan(0.009);
    expect(estimate).toBeLessThanOrEqual(0.01);
  });

  it('rejects options it cannot honour, naming the option', () => {
    expect(() => new Deduplicator({ falsePositiveRate: 0 })).toThrow('falsePositiveRate');
    expect(() => new Deduplicator({ expectedRate: -1 })).toThrow('expectedRate');
    expect(() => new Deduplicator({ rotationMs: 0 })).toThrow('rotationMs');
  });
});
