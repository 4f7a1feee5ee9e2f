import type { SourceEvent } from '../../src/shared/event.ts';
import type { SourceContext, SourcePosition, SourceState } from '../../src/shared/plugin.ts';

/** One call of `emit`, as the harness received it. */
export interface EmittedBatch {
  events: SourceEvent[];
  position: SourcePosition | undefined;
  /** What `emit` answered: false asked the source to pause. */
  answer: boolean;
}

export interface SourceHarnessOptions {
  id?: string;
  baseDir?: string;
  /** The committed position handed to the source, as after a restart. */
  position?: SourcePosition;
  /** Wall clock, epoch ms; defaults to the real one. */
  now?: () => number;
}

/**
 * A stand-in engine for source tests: a real `SourceContext` that records every batch,
 * position, parse error, notice and state, and can refuse emits to simulate a full queue.
 * Positions are copied through JSON on receipt, as the engine's log would store them.
 */
export class SourceHarness implements SourceContext {
  readonly id: string;
  readonly baseDir: string;
  readonly position: SourcePosition | undefined;
  readonly batches: EmittedBatch[] = [];
  readonly parseErrors: { message: string; input?: string }[] = [];
  readonly notices: { name: string; fields?: Record<string, unknown> }[] = [];
  readonly states: { state: SourceState; error?: string }[] = [];
  /** Emits received while paused, i.e. after answering false and before `resume()`. */
  emitsWhilePaused = 0;

  private readonly resumeCallbacks: (() => void)[] = [];
  private readonly clock: () => number;
  private refusals = 0;
  private paused = false;

  constructor(options: SourceHarnessOptions = {}) {
    this.id = options.id ?? 'test-source';
    this.baseDir = options.baseDir ?? process.cwd();
    this.position = options.position;
    this.clock = options.now ?? (() => Date.now());
  }

  emit(batch: SourceEvent[], position?: SourcePosition): boolean {
    if (this.paused) this.emitsWhilePaused++;
    const answer = this.refusals === 0;
    if (!answer) {
      this.refusals--;
      this.paused = true;
    }
    const stored = position === undefined ? undefined : JSON.parse(JSON.stringify(position));
    this.batches.push({ events: [...batch], position: stored, answer });
    return answer;
  }

  onResume(resume: () => void): void {
    this.resumeCallbacks.push(resume);
  }

  parseError(message: string, input?: string): void {
    this.parseErrors.push({ message, input });
  }

  notice(name: string, fields?: Record<string, unknown>): void {
    this.notices.push({ name, fields });
  }

  setState(state: SourceState, error?: string): void {
    this.states.push(error === undefined ? { state } : { state, error });
  }

  now(): number {
    return this.clock();
  }

  /** Makes the next `count` emits answer false (each one is still kept, as the engine would). */
  refuseEmits(count = 1): void {
    this.refusals += count;
  }

  /** Ends a pause the way the engine does when its queue drains. */
  resume(): void {
    this.paused = false;
    for (const callback of this.resumeCallbacks) callback();
  }

  get isPaused(): boolean {
    return this.paused;
  }

  get events(): SourceEvent[] {
    return this.batches.flatMap((batch) => batch.events);
  }

  get keys(): string[] {
    return this.events.map((event) => event.key);
  }

  /** The position of the last batch that carried one: what the engine would have committed. */
  get lastPosition(): SourcePosition | undefined {
    for (let i = this.batches.length - 1; i >= 0; i--) {
      if (this.batches[i].position !== undefined) return this.batches[i].position;
    }
    return undefined;
  }

  get lastState(): SourceState | undefined {
    return this.states.at(-1)?.state;
  }

  noticeCount(name: string): number {
    return this.notices.filter((notice) => notice.name === name).length;
  }

  /** Polls `condition` every few ms until it holds; fails with `what` after `timeoutMs`. */
  async waitFor(condition: () => boolean, what: string, timeoutMs = 5000): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    while (!condition()) {
      if (Date.now() > deadline)
        throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
      await sleep(5);
    }
  }
}

/** Waits on the real clock; only for tests that must let a real file system or timer act. */
export function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
