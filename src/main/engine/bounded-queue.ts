import type { SourceEvent } from '../../shared/event.ts';
import type { SourcePosition } from '../../shared/plugin.ts';

/** What a source does when the queue is full: wait for a resume, or lose the overflow. */
export type OverflowPolicy = 'pause' | 'drop';

/** How a `BoundedQueue` is sized and timed. */
export interface BoundedQueueOptions {
  /** Events the queue holds before sources are paused or drop. Default 10 000. */
  capacity?: number;
  /** Paused sources resume once the size falls below this fraction of capacity. Default 0.5. */
  resumeAt?: number;
  /** Monotonic clock, ms; stamps `enqueuedAt`. */
  clock: () => number;
}

/** The answer to a `push`. */
export interface PushResult {
  /** Events queued. */
  accepted: number;
  /** Events lost to a full queue (only under the 'drop' policy). */
  dropped: number;
  /** False when the source must wait for its resume callback before pushing again. */
  keepGoing: boolean;
}

/** A batch as taken out of the queue, in the order it was pushed. */
export interface QueuedBatch<E> {
  sourceId: string;
  events: E[];
  /** Where the source will be once these events are durable; undefined if it gave none. */
  position: SourcePosition | undefined;
  /** When the batch was pushed, monotonic ms from the queue's clock. */
  enqueuedAt: number;
}

/** Backpressure counters of one source. */
export interface SourceQueueStats {
  /** Times the source was told to wait. */
  pauses: number;
  /** True while the source waits for its resume callback. */
  paused: boolean;
  /** Events lost to a full queue. */
  dropped: number;
}

/** Backpressure counters of the whole queue. */
export interface QueueStats {
  pauses: number;
  resumes: number;
  dropped: number;
}

interface SourceEntry extends SourceQueueStats {
  resume: (() => void) | undefined;
}

// Taken slots are compacted away once this many have piled up and they are half the array.
const COMPACT_AFTER = 1024;

/**
 * The queue between sources and the engine, counted in events and moved in whole batches.
 *
 * Under 'pause' a batch is never split or dropped: it is queued whole, and once the size reaches
 * capacity the source is told to wait (`keepGoing` false) until the size falls below
 * `resumeAt * capacity`, when its resume callback is called once. The size may thus exceed
 * capacity by at most one batch per source, which is why sources emit bounded batches.
 * Under 'drop' the events beyond capacity are dropped and counted, and the source keeps going.
 *
 * @example
 * const queue = new BoundedQueue({ capacity: 10_000, clock: () => performance.now() });
 * queue.onResume('web', () => source.resume());
 * if (!queue.push('web', events, { offset: 4096 }).keepGoing) source.pause();
 */
export class BoundedQueue<E = SourceEvent> {
  /** Events the queue holds before sources are paused or drop. */
  readonly capacity: number;
  /** Paused sources resume when the size falls below this many events. */
  readonly resumeBelow: number;
  private readonly clock: () => number;
  /** Slots before `head` are taken and emptied, so taken events can be collected. */
  private batches: (QueuedBatch<E> | undefined)[] = [];
  private head = 0;
  private queuedEvents = 0;
  private readonly sources = new Map<string, SourceEntry>();
  /** Paused sources in the order they were paused, which is the order they resume in. */
  private readonly pausedSources = new Set<SourceEntry>();
  private readonly totals: QueueStats = { pauses: 0, resumes: 0, dropped: 0 };

  constructor(options: BoundedQueueOptions) {
    const capacity = options.capacity ?? 10_000;
    const resumeAt = options.resumeAt ?? 0.5;
    if (!Number.isSafeInteger(capacity) || capacity < 1) {
      throw new RangeError(`capacity must be a positive integer, got ${capacity}`);
    }
    if (!(resumeAt > 0 && resumeAt <= 1)) {
      throw new RangeError(`resumeAt must be above 0 and at most 1, got ${resumeAt}`);
    }
    this.capacity = capacity;
    this.resumeBelow = resumeAt * capacity;
    this.clock = options.clock;
  }

  /** Events queued. */
  get size(): number {
    return this.queuedEvents;
  }

  /**
   * Queues a batch from a source. A batch left with no events (empty, or all dropped) is
   * queued only when it carries a position, so that position is still committed in order.
   */
  push(
    sourceId: string,
    events: E[],
    position?: SourcePosition,
    overflow: OverflowPolicy = 'pause',
  ): PushResult {
    const source = this.source(sourceId);
    const room = Math.max(0, this.capacity - this.queuedEvents);
    const accepted = overflow === 'drop' ? Math.min(events.length, room) : events.length;
    const dropped = events.length - accepted;
    const kept = accepted === events.length ? events : events.slice(0, accepted);

    if (kept.length > 0 || position !== undefined) {
      this.batches.push({ sourceId, events: kept, position, enqueuedAt: this.clock() });
      this.queuedEvents += kept.length;
    }
    source.dropped += dropped;
    this.totals.dropped += dropped;

    const keepGoing = overflow === 'drop' || this.queuedEvents < this.capacity;
    if (!keepGoing && !source.paused) this.pause(source);
    return { accepted, dropped, keepGoing };
  }

  /** Sets the callback that tells a paused source to push again (replacing any earlier one). */
  onResume(sourceId: string, callback: () => void): void {
    this.source(sourceId).resume = callback;
  }

  /**
   * Takes whole batches in the order they were pushed, up to `maxEvents` events, but always at
   * least one batch when any is queued. Resumes every paused source, in the order they were
   * paused, if the size then falls below the resume mark; the callbacks run after the batches
   * are out of the queue.
   */
  take(maxEvents: number): QueuedBatch<E>[] {
    const taken: QueuedBatch<E>[] = [];
    let takenEvents = 0;

    while (this.head < this.batches.length) {
      const next = this.batches[this.head] as QueuedBatch<E>;
      if (taken.length > 0 && takenEvents + next.events.length > maxEvents) break;
      taken.push(next);
      takenEvents += next.events.length;
      this.batches[this.head++] = undefined;
    }
    this.queuedEvents -= takenEvents;
    this.compact();

    if (this.queuedEvents < this.resumeBelow) this.resumeAll();
    return taken;
  }

  /** How long the oldest queued batch has waited, ms (0 when empty); `now` is monotonic ms. */
  oldestWaitMs(now: number): number {
    if (this.head >= this.batches.length) return 0;
    const oldest = this.batches[this.head] as QueuedBatch<E>;
    return Math.max(0, now - oldest.enqueuedAt);
  }

  /** True while the source waits for its resume callback. */
  isPaused(sourceId: string): boolean {
    return this.sources.get(sourceId)?.paused ?? false;
  }

  /** Backpressure counters of one source (zeros for a source never seen). */
  sourceStats(sourceId: string): SourceQueueStats {
    const source = this.sources.get(sourceId);
    return {
      pauses: source?.pauses ?? 0,
      paused: source?.paused ?? false,
      dropped: source?.dropped ?? 0,
    };
  }

  /** Backpressure counters of the whole queue. */
  stats(): QueueStats {
    return { ...this.totals };
  }

  private source(sourceId: string): SourceEntry {
    let source = this.sources.get(sourceId);
    if (source === undefined) {
      source = { pauses: 0, paused: false, dropped: 0, resume: undefined };
      this.sources.set(sourceId, source);
    }
    return source;
  }

  private pause(source: SourceEntry): void {
    source.paused = true;
    source.pauses++;
    this.pausedSources.add(source);
    this.totals.pauses++;
  }

  private resumeAll(): void {
    if (this.pausedSources.size === 0) return;
    const resumed = [...this.pausedSources];
    this.pausedSources.clear();
    for (const source of resumed) {
      source.paused = false;
      this.totals.resumes++;
    }
    // State is settled first: a callback may push again straight away.
    for (const source of resumed) source.resume?.();
  }

  private compact(): void {
    if (this.head === this.batches.length) {
      this.batches.length = 0;
      this.head = 0;
    } else if (this.head >= COMPACT_AFTER && this.head * 2 >= this.batches.length) {
      this.batches = this.batches.slice(this.head);
      this.head = 0;
    }
  }
}
