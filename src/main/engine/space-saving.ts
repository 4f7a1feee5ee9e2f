import { StreamSummary } from './stream-summary.ts';

/** The default number of keys one pane counts before it starts to approximate. */
export const DEFAULT_PANE_CAPACITY = 10_000;

/**
 * A Space-Saving counter: counts at most `capacity` keys, so memory never grows with the number
 * of events or keys. While no key has been evicted every count is exact (a plain Map, the fast
 * path). Once full, a new key replaces the key of minimum count m and starts at m + 1: counts
 * then overstate by at most `errorBound` (the minimum at the last eviction), a key that is not
 * held occurred at most `errorBound` times, and the counts still sum to `total`.
 *
 * `add` reports an eviction through `evictedKey` and `evictedCount` (fields, not a returned
 * object, so the hot path allocates nothing): callers that keep sums over several counters
 * subtract the evicted count and add the returned growth.
 *
 * @example
 * const pane = new SpaceSaving(2);
 * pane.add('a'); pane.add('a'); pane.add('b');
 * pane.add('c'); // returns 2: 'b' (count 1) left, 'c' starts at 2 with error 1
 */
export class SpaceSaving {
  /** Events added since the last clear (always exact). */
  total = 0;
  /** Keys evicted since the last clear. */
  evictions = 0;
  /** How much any count may overstate (events): the minimum count at the last eviction. */
  errorBound = 0;
  /** The key the last `add` evicted, or undefined when it evicted none. */
  evictedKey: string | undefined = undefined;
  /** The count (events) `evictedKey` had when it left; meaningless when nothing was evicted. */
  evictedCount = 0;

  private readonly exact = new Map<string, number>();
  private summary: StreamSummary | null = null;

  /** @param capacity the most keys held at once (a positive integer). */
  constructor(readonly capacity: number = DEFAULT_PANE_CAPACITY) {
    if (!Number.isSafeInteger(capacity) || capacity < 1) {
      throw new RangeError(`Space-Saving capacity must be a positive integer, got ${capacity}`);
    }
  }

  /** True once a key has been evicted: counts are then estimates. */
  get overflowed(): boolean {
    return this.summary !== null;
  }

  /** Number of keys held (at most `capacity`). */
  get size(): number {
    return this.summary === null ? this.exact.size : this.summary.size;
  }

  /**
   * Counts one occurrence of `key`. Returns how much `key`'s count grew (events): 1, or the
   * evicted minimum plus one when `key` took an evicted key's place.
   */
  add(key: string): number {
    this.total++;
    this.evictedKey = undefined;
    if (this.summary === null) {
      const count = this.exact.get(key);
      if (count !== undefined || this.exact.size < this.capacity) {
        this.exact.set(key, (count ?? 0) + 1);
        return 1;
      }
      this.summary = StreamSummary.fromCounts(this.exact);
      this.exact.clear();
    }
    if (this.summary.increment(key)) return 1;
    return this.evictMinimumFor(key) + 1;
  }

  /** The estimated count of `key` (events); 0 when it is not held. */
  count(key: string): number {
    return this.summary === null ? (this.exact.get(key) ?? 0) : this.summary.count(key);
  }

  /** How much `key`'s count may overstate (events); 0 when exact or not held. */
  error(key: string): number {
    return this.summary === null ? 0 : this.summary.error(key);
  }

  /** True when `key` is held (then its count is within `error(key)` of the truth). */
  has(key: string): boolean {
    return this.summary === null ? this.exact.has(key) : this.summary.has(key);
  }

  /** Calls `visit` with each held key and its count (events), in no particular order. */
  forEach(visit: (count: number, key: string) => void): void {
    if (this.summary === null) this.exact.forEach(visit);
    else this.summary.forEach(visit);
  }

  /** Forgets everything: the counter is exact and empty again. */
  clear(): void {
    this.exact.clear();
    this.summary = null;
    this.total = 0;
    this.evictions = 0;
    this.errorBound = 0;
    this.evictedKey = undefined;
    this.evictedCount = 0;
  }

  private evictMinimumFor(key: string): number {
    const summary = this.summary as StreamSummary;
    const minimum = summary.replaceMinimum(key);
    this.evictedKey = summary.lastEvictedKey;
    this.evictedCount = minimum;
    this.errorBound = minimum;
    this.evictions++;
    return minimum;
  }
}
