import type { Source, SourceContext } from '../../shared/plugin.ts';
import { SyntheticGenerator } from './generator.ts';
import type { SyntheticOptions } from './options.ts';
import { RatePacer } from './pacer.ts';

/** The most events one emit carries. */
export const MAX_BATCH_EVENTS = 1000;
/** How often the producer wakes up, ms. */
const TICK_MS = 20;

/** The monotonic clock and timer the producer runs on; tests may pass their own. */
export interface ProducerClock {
  /** Monotonic time, ms. */
  monotonic(): number;
  setTimer(callback: () => void, ms: number): unknown;
  clearTimer(handle: unknown): void;
}

const systemClock: ProducerClock = {
  monotonic: () => performance.now(),
  setTimer: (callback, ms) => setTimeout(callback, ms),
  clearTimer: (handle) => clearTimeout(handle as NodeJS.Timeout),
};

/**
 * A running synthetic producer: wakes every few ms, emits the events due by the pacer in
 * batches of at most 1000, stamped with the ingest time (`ctx.now()`). Its position is
 * `{ produced: n }`, the number of events emitted so far across restarts.
 */
export class SyntheticSource implements Source {
  private readonly generator: SyntheticGenerator;
  private readonly pacer: RatePacer;
  private produced = 0;
  private timer: unknown;
  private paused = false;
  private stopped = false;

  constructor(
    options: SyntheticOptions,
    private readonly ctx: SourceContext,
    private readonly clock: ProducerClock = systemClock,
  ) {
    this.generator = new SyntheticGenerator(options);
    this.pacer = new RatePacer(options.rate);
  }

  async start(): Promise<void> {
    this.produced = readProduced(this.ctx.position);
    this.ctx.onResume(() => this.resume());
    this.ctx.setState('running');
    this.pacer.restart(this.clock.monotonic());
    this.schedule();
  }

  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer !== undefined) this.clock.clearTimer(this.timer);
    this.timer = undefined;
    this.ctx.setState('stopped');
  }

  private schedule(): void {
    this.timer = this.clock.setTimer(() => this.tick(), TICK_MS);
  }

  private tick(): void {
    this.timer = undefined;
    if (this.stopped || this.paused) return;
    let due = this.pacer.due(this.clock.monotonic());
    while (due > 0) {
      const count = Math.min(due, MAX_BATCH_EVENTS);
      const batch = this.generator.batch(this.produced, count, this.ctx.now());
      this.produced += count;
      this.pacer.took(count);
      due -= count;
      if (!this.ctx.emit(batch, { produced: this.produced })) {
        this.paused = true;
        this.ctx.setState('paused');
        return;
      }
    }
    this.schedule();
  }

  private resume(): void {
    if (!this.paused || this.stopped) return;
    this.paused = false;
    this.ctx.setState('running');
    // What the queue could not take is not owed: catching it up would only refill the queue.
    this.pacer.restart(this.clock.monotonic());
    this.schedule();
  }
}

/** The `produced` count of a committed position; 0 when there is none or it is malformed. */
function readProduced(position: Record<string, unknown> | undefined): number {
  const produced = position?.produced;
  return typeof produced === 'number' && Number.isSafeInteger(produced) && produced >= 0
    ? produced
    : 0;
}
