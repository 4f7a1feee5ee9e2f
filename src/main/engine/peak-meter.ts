/**
 * The highest value seen over about the last second, from a monotonic clock in ms: two
 * half-second buckets, so a peak counts for between 0.5 and 1 s. The queue's health reads its
 * peak fill, not the fill at the moment of a snapshot: a queue that fills and is drained
 * between two snapshots is still a pipeline under pressure.
 */
export class PeakMeter {
  private bucket = Number.NEGATIVE_INFINITY;
  private current = 0;
  private previous = 0;

  constructor(private readonly bucketMs = 500) {}

  mark(value: number, nowMono: number): void {
    this.roll(nowMono);
    if (value > this.current) this.current = value;
  }

  peak(nowMono: number): number {
    this.roll(nowMono);
    return Math.max(this.current, this.previous);
  }

  private roll(nowMono: number): void {
    const bucket = Math.floor(nowMono / this.bucketMs);
    if (bucket === this.bucket) return;
    this.previous = bucket === this.bucket + 1 ? this.current : 0;
    this.current = 0;
    this.bucket = bucket;
  }
}
