/** One key and its count (events). */
export interface KeyCount {
  key: string;
  count: number;
}

/**
 * The `k` keys of largest count, largest first; equal counts are ordered by key ascending
 * (plain string `<`), so the answer never depends on the map's order. Costs O(n log k) with a
 * heap of `k` entries: a big map is never sorted.
 *
 * @example topK(new Map([['b', 2], ['a', 2], ['c', 5]]), 2) // [c 5, a 2]
 */
export function topK(counts: ReadonlyMap<string, number>, k: number): KeyCount[] {
  const heap = new TopKHeap(k);
  counts.forEach((count, key) => heap.offer(key, count));
  return heap.bestFirst();
}

/** True when (keyA, countA) ranks above (keyB, countB). */
function ranksAbove(keyA: string, countA: number, keyB: string, countB: number): boolean {
  return countA > countB || (countA === countB && keyA < keyB);
}

/**
 * The best `k` of the (key, count) pairs offered to it, in O(log k) per offer. Its root is the
 * lowest-ranked pair kept, the one to drop first. Each key must be offered at most once.
 */
export class TopKHeap {
  private readonly capacity: number;
  private readonly keys: string[] = [];
  private readonly counts: number[] = [];

  constructor(k: number) {
    this.capacity = k >= 1 ? Math.floor(k) : 0;
  }

  /** True when `offer(key, count)` would keep the pair: a cheap test before costlier work. */
  accepts(key: string, count: number): boolean {
    if (this.keys.length < this.capacity) return true;
    return this.capacity > 0 && ranksAbove(key, count, this.keys[0], this.counts[0]);
  }

  offer(key: string, count: number): void {
    if (this.keys.length < this.capacity) {
      this.keys.push(key);
      this.counts.push(count);
      this.siftUp(this.keys.length - 1);
    } else if (this.accepts(key, count)) {
      this.keys[0] = key;
      this.counts[0] = count;
      this.siftDown(0);
    }
  }

  /** The pairs kept, best first. */
  bestFirst(): KeyCount[] {
    const entries = this.keys.map((key, i) => ({ key, count: this.counts[i] }));
    return entries.sort((a, b) => (ranksAbove(a.key, a.count, b.key, b.count) ? -1 : 1));
  }

  /** True when entry i ranks below entry j (it is nearer the root). */
  private below(i: number, j: number): boolean {
    return ranksAbove(this.keys[j], this.counts[j], this.keys[i], this.counts[i]);
  }

  private siftUp(i: number): void {
    while (i > 0) {
      const parent = (i - 1) >> 1;
      if (!this.below(i, parent)) return;
      this.swap(i, parent);
      i = parent;
    }
  }

  private siftDown(i: number): void {
    const size = this.keys.length;
    for (;;) {
      const left = 2 * i + 1;
      const right = left + 1;
      let lowest = i;
      if (left < size && this.below(left, lowest)) lowest = left;
      if (right < size && this.below(right, lowest)) lowest = right;
      if (lowest === i) return;
      this.swap(i, lowest);
      i = lowest;
    }
  }

  private swap(i: number, j: number): void {
    const key = this.keys[i];
    const count = this.counts[i];
    this.keys[i] = this.keys[j];
    this.counts[i] = this.counts[j];
    this.keys[j] = key;
    this.counts[j] = count;
  }
}
