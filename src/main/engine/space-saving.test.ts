import { describe, expect, it } from 'vitest';
import { seededRandom, zipfSampler } from './seeded-random.ts';
import { SpaceSaving } from './space-saving.ts';

/** A deliberately naive Space-Saving with the same tie rule: the oldest of minimum count goes. */
class NaiveSpaceSaving {
  private readonly counts = new Map<string, { count: number; error: number; since: number }>();
  private clock = 0;
  private converted = false;

  constructor(private readonly capacity: number) {}

  add(key: string): string | undefined {
    const held = this.counts.get(key);
    if (held !== undefined) {
      held.count++;
      held.since = ++this.clock;
      return undefined;
    }
    if (this.counts.size < this.capacity) {
      this.counts.set(key, { count: 1, error: 0, since: ++this.clock });
      return undefined;
    }
    if (!this.converted) this.restampInInsertionOrder();
    let victim: string | undefined;
    for (const [candidate, c] of this.counts) {
      const v = victim === undefined ? undefined : this.counts.get(victim)!;
      if (v === undefined || c.count < v.count || (c.count === v.count && c.since < v.since)) {
        victim = candidate;
      }
    }
    const minimum = this.counts.get(victim!)!.count;
    this.counts.delete(victim!);
    this.counts.set(key, { count: minimum + 1, error: minimum, since: ++this.clock });
    return victim;
  }

  entries(): [string, number, number][] {
    return [...this.counts].map(([key, c]) => [key, c.count, c.error]);
  }

  /** When the exact map turns into buckets, keys of equal count line up by first insertion. */
  private restampInInsertionOrder(): void {
    this.converted = true;
    let order = -this.counts.size;
    for (const c of this.counts.values()) c.since = order++;
  }
}

function entriesOf(summary: SpaceSaving): [string, number, number][] {
  const entries: [string, number, number][] = [];
  summary.forEach((count, key) => entries.push([key, count, summary.error(key)]));
  return entries;
}

const byKey = (a: [string, ...unknown[]], b: [string, ...unknown[]]) => (a[0] < b[0] ? -1 : 1);

describe('SpaceSaving', () => {
  it('counts exactly while the keys fit, even when they fill it to capacity', () => {
    const summary = new SpaceSaving(3);
    for (const key of ['a', 'b', 'a', 'c', 'a', 'b']) expect(summary.add(key)).toBe(1);

    expect(entriesOf(summary).sort(byKey)).toEqual([
      ['a', 3, 0],
      ['b', 2, 0],
      ['c', 1, 0],
    ]);
    expect(summary.overflowed).toBe(false);
    expect(summary.errorBound).toBe(0);
    expect(summary.total).toBe(6);
    expect(summary.evictedKey).toBeUndefined();
  });

  it('gives a new key the place of the oldest key of minimum count, plus one', () => {
    const summary = new SpaceSaving(3);
    for (const key of ['a', 'a', 'b', 'c']) summary.add(key);

    expect(summary.add('d')).toBe(2);
    expect(summary.evictedKey).toBe('b');
    expect(summary.evictedCount).toBe(1);
    expect(summary.count('d')).toBe(2);
    expect(summary.error('d')).toBe(1);
    expect(summary.has('b')).toBe(false);
    expect(summary.errorBound).toBe(1);
    expect(summary.evictions).toBe(1);

    expect(summary.add('a')).toBe(1);
    expect(summary.evictedKey).toBeUndefined();
    expect(summary.add('e')).toBe(2);
    expect(summary.evictedKey).toBe('c');
    expect(summary.total).toBe(7);
  });

  it('keeps its estimates within the error bound of the truth on a skewed stream', () => {
    const summary = new SpaceSaving(100);
    const truth = new Map<string, number>();
    const draw = zipfSampler(5_000, seededRandom(7));
    for (let i = 0; i < 50_000; i++) {
      const key = `k${draw()}`;
      truth.set(key, (truth.get(key) ?? 0) + 1);
      summary.add(key);
    }

    expect(summary.overflowed).toBe(true);
    expect(summary.size).toBe(100);
    const bound = summary.errorBound;
    expect(bound).toBeGreaterThan(0);
    let heldSum = 0;
    for (const [key, count, error] of entriesOf(summary)) {
      const actual = truth.get(key) ?? 0;
      expect(count).toBeGreaterThanOrEqual(actual);
      expect(count).toBeLessThanOrEqual(actual + bound);
      expect(count - error).toBeLessThanOrEqual(actual);
      expect(error).toBeLessThanOrEqual(bound);
      heldSum += count;
    }
    expect(heldSum).toBe(50_000);
    for (const [key, actual] of truth) {
      if (!summary.has(key)) expect(actual).toBeLessThanOrEqual(bound);
      if (actual > bound) expect(summary.has(key)).toBe(true);
    }
  });

  it('evicts exactly what a naive Space-Saving with the same tie rule evicts', () => {
    const summary = new SpaceSaving(12);
    const naive = new NaiveSpaceSaving(12);
    const draw = zipfSampler(60, seededRandom(11));
    for (let i = 0; i < 20_000; i++) {
      const key = `k${draw()}`;
      summary.add(key);
      expect(summary.evictedKey).toBe(naive.add(key));
      if (i % 500 === 0)
        expect(entriesOf(summary).sort(byKey)).toEqual(naive.entries().sort(byKey));
    }
    expect(entriesOf(summary).sort(byKey)).toEqual(naive.entries().sort(byKey));
  });

  it('is exact and empty again after clear', () => {
    const summary = new SpaceSaving(1);
    summary.add('a');
    summary.add('b');
    expect(summary.overflowed).toBe(true);

    summary.clear();
    summary.add('c');

    expect(entriesOf(summary)).toEqual([['c', 1, 0]]);
    expect(summary.overflowed).toBe(false);
    expect(summary.errorBound).toBe(0);
    expect(summary.total).toBe(1);
  });

  it('refuses a capacity that is not a positive integer', () => {
    expect(() => new SpaceSaving(0)).toThrow('positive integer, got 0');
    expect(() => new SpaceSaving(2.5)).toThrow(RangeError);
  });
});
