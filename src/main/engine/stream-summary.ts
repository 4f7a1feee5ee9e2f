/**
 * The Stream-Summary structure behind a full Space-Saving counter (Metwally, Agrawal and El
 * Abbadi, 2005): keys hang in buckets of equal count, and the buckets form a list in ascending
 * count order. Incrementing a key moves it to the next bucket and replacing the minimum takes
 * the first key of the first bucket, so both cost O(1) whatever the number of keys.
 */

class Bucket {
  first: SummaryEntry | null = null;
  last: SummaryEntry | null = null;
  prev: Bucket | null = null;
  next: Bucket | null = null;

  constructor(public count: number) {}
}

class SummaryEntry {
  prev: SummaryEntry | null = null;
  next: SummaryEntry | null = null;

  constructor(
    public key: string,
    /** How much the count may overstate this key's occurrences: the minimum when it came in. */
    public error: number,
    public bucket: Bucket,
  ) {}
}

/** Counts of a fixed set of keys, kept in ascending-count buckets. Capacity never grows. */
export class StreamSummary {
  /** The key that the last `replaceMinimum` pushed out. */
  lastEvictedKey = '';
  private readonly entries = new Map<string, SummaryEntry>();
  private minimum: Bucket | null = null;

  /**
   * Builds a summary holding exactly `counts` (each with error 0). Keys of equal count keep the
   * map's order, so the key inserted first is the first one replaced: the result is
   * deterministic for a given insertion order.
   */
  static fromCounts(counts: ReadonlyMap<string, number>): StreamSummary {
    const summary = new StreamSummary();
    const ascending = [...counts].sort((a, b) => a[1] - b[1]);
    let tail: Bucket | null = null;
    for (const [key, count] of ascending) {
      if (tail === null || tail.count !== count) tail = summary.appendBucket(tail, count);
      const entry = new SummaryEntry(key, 0, tail);
      summary.attach(entry, tail);
      summary.entries.set(key, entry);
    }
    return summary;
  }

  /** Number of keys held. */
  get size(): number {
    return this.entries.size;
  }

  /** The estimated count of `key` (events), 0 when it is not held. */
  count(key: string): number {
    return this.entries.get(key)?.bucket.count ?? 0;
  }

  /** How much `key`'s count may overstate (events), 0 when it is not held. */
  error(key: string): number {
    return this.entries.get(key)?.error ?? 0;
  }

  has(key: string): boolean {
    return this.entries.has(key);
  }

  /** Adds one to `key` when it is held; returns false (and changes nothing) when it is not. */
  increment(key: string): boolean {
    const entry = this.entries.get(key);
    if (entry === undefined) return false;
    this.promote(entry);
    return true;
  }

  /**
   * Gives the place of the oldest key of minimum count to `key`, with that minimum plus one as
   * its count and the minimum as its error. Returns the minimum (events); `lastEvictedKey` names
   * the key that left. Only called when full, so the summary is never empty here.
   */
  replaceMinimum(key: string): number {
    const victim = (this.minimum as Bucket).first as SummaryEntry;
    const minimum = victim.bucket.count;
    this.entries.delete(victim.key);
    this.lastEvictedKey = victim.key;
    victim.key = key;
    victim.error = minimum;
    this.entries.set(key, victim);
    this.promote(victim);
    return minimum;
  }

  /** Calls `visit` with each held key and its count, in no particular order. */
  forEach(visit: (count: number, key: string) => void): void {
    for (const entry of this.entries.values()) visit(entry.bucket.count, entry.key);
  }

  private promote(entry: SummaryEntry): void {
    const from = entry.bucket;
    const count = from.count + 1;
    let to = from.next;
    if (to === null || to.count !== count) {
      // A key alone in its bucket can carry the bucket up with it: the order still holds.
      if (from.first === entry && from.last === entry) {
        from.count = count;
        return;
      }
      to = this.insertBucketAfter(from, count);
    }
    this.detach(entry);
    this.attach(entry, to);
  }

  private appendBucket(tail: Bucket | null, count: number): Bucket {
    const bucket = new Bucket(count);
    if (tail === null) this.minimum = bucket;
    else {
      tail.next = bucket;
      bucket.prev = tail;
    }
    return bucket;
  }

  private insertBucketAfter(from: Bucket, count: number): Bucket {
    const bucket = new Bucket(count);
    bucket.prev = from;
    bucket.next = from.next;
    if (from.next !== null) from.next.prev = bucket;
    from.next = bucket;
    return bucket;
  }

  private attach(entry: SummaryEntry, bucket: Bucket): void {
    entry.bucket = bucket;
    entry.prev = bucket.last;
    entry.next = null;
    if (bucket.last === null) bucket.first = entry;
    else bucket.last.next = entry;
    bucket.last = entry;
  }

  private detach(entry: SummaryEntry): void {
    const bucket = entry.bucket;
    if (entry.prev === null) bucket.first = entry.next;
    else entry.prev.next = entry.next;
    if (entry.next === null) bucket.last = entry.prev;
    else entry.next.prev = entry.prev;
    entry.prev = null;
    entry.next = null;
    if (bucket.first === null) this.unlinkBucket(bucket);
  }

  private unlinkBucket(bucket: Bucket): void {
    if (bucket.prev === null) this.minimum = bucket.next;
    else bucket.prev.next = bucket.next;
    if (bucket.next !== null) bucket.next.prev = bucket.prev;
  }
}
