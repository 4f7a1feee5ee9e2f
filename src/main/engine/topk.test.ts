import { describe, expect, it } from 'vitest';
import { seededRandom } from './seeded-random.ts';
import { topK } from './topk.ts';

/** The obvious answer: sort everything. */
function sortedTop(counts: Map<string, number>, k: number) {
  return [...counts]
    .map(([key, count]) => ({ key, count }))
    .sort((a, b) => b.count - a.count || (a.key < b.key ? -1 : 1))
    .slice(0, k);
}

describe('topK', () => {
  it('returns the largest counts first and breaks ties by key ascending', () => {
    const counts = new Map([
      ['b', 2],
      ['d', 1],
      ['c', 5],
      ['a', 2],
    ]);

    expect(topK(counts, 3)).toEqual([
      { key: 'c', count: 5 },
      { key: 'a', count: 2 },
      { key: 'b', count: 2 },
    ]);
  });

  it('orders tied keys by plain string comparison, not by locale or number', () => {
    const counts = new Map([
      ['9', 1],
      ['a', 1],
      ['10', 1],
      ['B', 1],
    ]);

    expect(topK(counts, 4).map((e) => e.key)).toEqual(['10', '9', 'B', 'a']);
  });

  it('keeps the smaller key when a tie falls exactly at the k-th place', () => {
    const counts = new Map([
      ['z', 3],
      ['y', 3],
      ['x', 3],
      ['top', 9],
    ]);

    expect(topK(counts, 2)).toEqual([
      { key: 'top', count: 9 },
      { key: 'x', count: 3 },
    ]);
  });

  it('returns everything sorted when k exceeds the number of keys, and nothing for k 0', () => {
    const counts = new Map([
      ['a', 1],
      ['b', 4],
    ]);

    expect(topK(counts, 10)).toEqual([
      { key: 'b', count: 4 },
      { key: 'a', count: 1 },
    ]);
    expect(topK(counts, 0)).toEqual([]);
    expect(topK(new Map(), 5)).toEqual([]);
  });

  it('agrees with a full sort on a large map full of ties, whatever the insertion order', () => {
    const random = seededRandom(3);
    const entries: [string, number][] = [];
    for (let i = 0; i < 5_000; i++) entries.push([`key-${i}`, Math.floor(random() * 20)]);
    const counts = new Map(entries);
    const reversed = new Map(entries.reverse());

    for (const k of [1, 7, 10, 250]) {
      expect(topK(counts, k)).toEqual(sortedTop(counts, k));
      expect(topK(reversed, k)).toEqual(sortedTop(counts, k));
    }
  });
});
