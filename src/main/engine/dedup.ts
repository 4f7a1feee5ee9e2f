import { BloomFilter } from './bloom-filter.ts';

/** How a `Deduplicator` is sized; every field has a default. */
export interface DeduplicatorOptions {
  /** Target chance (0 to 1) that a new id is taken for a duplicate. Default 0.01. */
  falsePositiveRate?: number;
  /** Ids per second the filters are sized for. Default 10 000. */
  expectedRate?: number;
  /** How long a generation lasts, ms of event time. Default 60 000. */
  rotationMs?: number;
}

/** Counters of a `Deduplicator`, for health and logs. */
export interface DedupStats {
  /** Ids checked. */
  checked: number;
  /** Ids answered as duplicates. */
  duplicates: number;
  /** Generations started, on time or early. */
  rotations: number;
  /** Generations started because the current filter reached its capacity before its time. */
  earlyRotations: number;
  /** Chance (0 to 1) that a new id is taken for a duplicate now, from both filters' fill. */
  estimatedFalsePositiveRate: number;
  /** Bytes held by both filters. */
  memoryBytes: number;
}

/**
 * Recognises event ids seen recently, in bounded memory: a pair of Bloom filters that rotate
 * on event time. New ids go into the current filter; an id is a duplicate when either filter
 * (probably) holds it. On rotation the previous filter is forgotten and the current one becomes
 * previous, so an id is remembered for at least `rotationMs` after it was first checked.
 *
 * A generation also ends early once its filter holds the ids it was sized for
 * (`expectedRate * rotationMs / 1000`): a faster stream then shortens memory instead of
 * raising the false-positive rate. Each filter is sized for `1 - sqrt(1 - falsePositiveRate)`,
 * so that even with both filters full the pair stays within the target.
 */
export class Deduplicator {
  /** Ids one generation holds before it rotates early. */
  readonly capacity: number;
  /** Generation length, ms of event time. */
  readonly rotationMs: number;
  private current: BloomFilter;
  private previous: BloomFilter;
  private generationStart: number | undefined;
  private latestNow = -Infinity;
  private checked = 0;
  private duplicates = 0;
  private rotations = 0;
  private earlyRotations = 0;

  constructor(options: DeduplicatorOptions = {}) {
    const falsePositiveRate = options.falsePositiveRate ?? 0.01;
    const expectedRate = options.expectedRate ?? 10_000;
    this.rotationMs = options.rotationMs ?? 60_000;
    if (!(falsePositiveRate > 0 && falsePositiveRate < 1)) {
      throw new RangeError(`falsePositiveRate must be between 0 and 1, got ${falsePositiveRate}`);
    }
    if (!(expectedRate > 0 && Number.isFinite(expectedRate))) {
      throw new RangeError(`expectedRate must be a positive number, got ${expectedRate}`);
    }
    if (!(this.rotationMs > 0 && Number.isFinite(this.rotationMs))) {
      throw new RangeError(`rotationMs must be a positive number, got ${this.rotationMs}`);
    }

    this.capacity = Math.max(1, Math.ceil((expectedRate * this.rotationMs) / 1000));
    const perFilterRate = 1 - Math.sqrt(1 - falsePositiveRate);
    this.current = BloomFilter.sized(this.capacity, perFilterRate);
    this.previous = BloomFilter.sized(this.capacity, perFilterRate);
  }

  /**
   * True when `id` was (probably) checked before within memory: a duplicate, not added again.
   * Otherwise remembers it and returns false. `now` is the engine clock (event time, epoch
   * ms); a value smaller than one already seen counts as the latest one.
   */
  check(id: string, now: number): boolean {
    this.checked++;
    this.rotateIfDue(Math.max(now, this.latestNow));

    if (this.previous.has(id) || !this.current.add(id)) {
      this.duplicates++;
      return true;
    }
    return false;
  }

  /** A snapshot of the counters. */
  stats(): DedupStats {
    const currentRate = this.current.estimatedFalsePositiveRate();
    const previousRate = this.previous.estimatedFalsePositiveRate();
    return {
      checked: this.checked,
      duplicates: this.duplicates,
      rotations: this.rotations,
      earlyRotations: this.earlyRotations,
      estimatedFalsePositiveRate: 1 - (1 - currentRate) * (1 - previousRate),
      memoryBytes: this.current.memoryBytes + this.previous.memoryBytes,
    };
  }

  private rotateIfDue(now: number): void {
    this.latestNow = now;
    if (this.generationStart === undefined) {
      this.generationStart = now;
      return;
    }

    const elapsed = now - this.generationStart;
    if (elapsed >= 2 * this.rotationMs) {
      // Everything in both filters is older than rotationMs: nothing is worth keeping.
      this.rotate(now);
      this.rotate(now);
    } else if (elapsed >= this.rotationMs) {
      this.rotate(now);
    } else if (this.current.count >= this.capacity) {
      this.earlyRotations++;
      this.rotate(now);
    }
  }

  private rotate(now: number): void {
    const recycled = this.previous;
    recycled.clear();
    this.previous = this.current;
    this.current = recycled;
    this.generationStart = now;
    this.rotations++;
  }
}
