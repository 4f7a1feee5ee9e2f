/** How a `RateMeter` divides its second; the defaults suit a dashboard. */
export interface RateMeterOptions {
  /** Width of one bucket, ms. Default 100. */
  bucketMs?: number;
  /** Buckets kept; `bucketMs * buckets` is the window, ms. Default 10 (one second). */
  buckets?: number;
}

/**
 * Events per second over the last second, in constant memory: a ring of buckets stamped with
 * the bucket number they count for, so buckets left behind by an idle spell are never read.
 *
 * Time is monotonic ms passed in (`performance.now()` in production), so a wall-clock jump
 * cannot disturb it. The window is the current bucket and the nine (buckets - 1) before it,
 * so it spans between 900 and 1000 ms by default: an event counts until its bucket leaves,
 * at most 1000 ms after it was marked, and a steady stream reads up to one bucket (10 %) low
 * just after a bucket edge. Smaller buckets shrink that error.
 *
 * @example
 * const meter = new RateMeter();
 * meter.mark(250, 1_000.5);
 * meter.perSecond(1_999.9); // 250
 * meter.perSecond(2_000); // 0
 */
export class RateMeter {
  private readonly bucketMs: number;
  private readonly counts: Float64Array;
  private readonly stamps: Float64Array;
  private latestBucket = -Infinity;

  constructor(options: RateMeterOptions = {}) {
    this.bucketMs = options.bucketMs ?? 100;
    const buckets = options.buckets ?? 10;
    if (!(this.bucketMs > 0 && Number.isFinite(this.bucketMs))) {
      throw new RangeError(`bucketMs must be a positive number, got ${this.bucketMs}`);
    }
    if (!Number.isSafeInteger(buckets) || buckets < 1) {
      throw new RangeError(`buckets must be a positive integer, got ${buckets}`);
    }
    this.counts = new Float64Array(buckets);
    this.stamps = new Float64Array(buckets).fill(-Infinity);
  }

  /** Counts `count` events at `nowMono` (monotonic ms); an earlier time counts as the latest. */
  mark(count: number, nowMono: number): void {
    const bucket = this.bucketAt(nowMono);
    const slot = this.slotOf(bucket);
    if (this.stamps[slot] !== bucket) {
      this.stamps[slot] = bucket;
      this.counts[slot] = 0;
    }
    this.counts[slot] += count;
  }

  /** Events per second over the window ending at `nowMono` (monotonic ms). */
  perSecond(nowMono: number): number {
    const bucket = this.bucketAt(nowMono);
    const oldest = bucket - this.counts.length + 1;
    let total = 0;
    for (let slot = 0; slot < this.counts.length; slot++) {
      if (this.stamps[slot] >= oldest) total += this.counts[slot];
    }
    return (total * 1000) / (this.bucketMs * this.counts.length);
  }

  private bucketAt(nowMono: number): number {
    this.latestBucket = Math.max(this.latestBucket, Math.floor(nowMono / this.bucketMs));
    return this.latestBucket;
  }

  private slotOf(bucket: number): number {
    const length = this.counts.length;
    return ((bucket % length) + length) % length;
  }
}
