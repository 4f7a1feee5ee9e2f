import type { SourceEvent } from '../../shared/event.ts';
import type {
  Source,
  SourceContext,
  SourcePlugin,
  SourcePosition,
  SourceState,
} from '../../shared/plugin.ts';
import type { SourceSnapshot } from '../../shared/snapshot.ts';
import type { BoundedQueue } from './bounded-queue.ts';
import type { CounterSet } from './counters.ts';
import type { Logger } from './logger.ts';

/** What the user configured for one source. */
export interface SourceSpec {
  id: string;
  plugin: string;
  overflow: 'pause' | 'drop';
  options: unknown;
}

export interface SourceHostDeps {
  queue: BoundedQueue;
  counters: CounterSet;
  /** Ingest time for events without their own, epoch ms (steady: never jumps). */
  ingestNow(): number;
  logger: Logger;
  /** Tells the engine that `accepted` events are waiting. */
  onEmit(accepted: number): void;
  onStateChange(snapshot: SourceSnapshot): void;
}

/** How long a source may take to stop before it is declared failed, ms. */
const STOP_TIMEOUT_MS = 5000;

/**
 * Runs one source plugin inside the engine: gives it its context, counts what it reports, and
 * keeps a plugin that throws or hangs from taking the engine down with it.
 */
export class SourceHost {
  private source: Source | undefined;
  private state: SourceState = 'stopped';
  private error: string | undefined;
  private accepting = false;
  private lastWarnedAt = Number.NEGATIVE_INFINITY;

  constructor(
    readonly spec: SourceSpec,
    private readonly plugin: SourcePlugin<unknown>,
    private readonly baseDir: string,
    private position: SourcePosition | undefined,
    private readonly deps: SourceHostDeps,
  ) {}

  get id(): string {
    return this.spec.id;
  }

  async start(): Promise<void> {
    if (this.accepting) return;
    this.accepting = true;
    this.setState('starting');
    try {
      this.source = this.plugin.create(this.spec.options, this.makeContext());
      await this.source.start();
      if (this.state === 'starting') this.setState('running');
    } catch (error) {
      this.fail('could not start', error);
    }
  }

  async stop(): Promise<void> {
    if (!this.source) return;
    const source = this.source;
    this.source = undefined;
    try {
      await withTimeout(source.stop(), STOP_TIMEOUT_MS, 'did not stop within 5s');
      this.accepting = false;
      if (this.state !== 'failed') this.setState('stopped');
    } catch (error) {
      this.fail('could not stop', error);
    }
  }

  /** Remembers the committed position, so a later start resumes from it. */
  committed(position: SourcePosition): void {
    this.position = position;
  }

  snapshot(): SourceSnapshot {
    const counters = this.deps.counters.withPrefix(`source/${this.id}/`);
    return {
      id: this.id,
      plugin: this.spec.plugin,
      state: this.state,
      ...(this.error ? { error: this.error } : {}),
      counters,
    };
  }

  private makeContext(): SourceContext {
    return {
      id: this.id,
      baseDir: this.baseDir,
      position: this.position,
      emit: (batch, position) => this.emit(batch, position),
      onResume: (resume) =>
        this.deps.queue.onResume(this.id, () => {
          if (this.state === 'paused') this.setState('running');
          resume();
        }),
      parseError: (message, input) => this.parseError(message, input),
      notice: (name, fields) => this.notice(name, fields),
      setState: (state, error) => this.setState(state, error),
      now: () => this.deps.ingestNow(),
    };
  }

  private emit(batch: SourceEvent[], position?: SourcePosition): boolean {
    if (!this.accepting) return false;
    const now = this.deps.ingestNow();
    for (const event of batch) if (event.ts === undefined) event.ts = now;
    const result = this.deps.queue.push(this.id, batch, position, this.spec.overflow);
    this.count('received', result.accepted);
    this.count('dropped', result.dropped);
    if (result.dropped > 0) this.deps.counters.add('all/dropped', result.dropped);
    this.deps.onEmit(result.accepted);
    if (!result.keepGoing && this.state === 'running') {
      this.count('paused');
      this.setState('paused');
    }
    return result.keepGoing;
  }

  private parseError(message: string, input?: string): void {
    this.count('parseErrors');
    this.deps.counters.add('all/parseErrors');
    this.warnRateLimited('input could not be parsed', { message, input: input?.slice(0, 200) });
  }

  private notice(name: string, fields?: Record<string, unknown>): void {
    this.count(name);
    this.deps.logger.info({ source: this.id, notice: name, ...fields }, `source ${name}`);
  }

  private count(name: string, n = 1): void {
    this.deps.counters.add(`source/${this.id}/${name}`, n);
  }

  /** At most one warning a second per source: a flood of bad lines must not flood the log. */
  private warnRateLimited(message: string, fields: Record<string, unknown>): void {
    const now = this.deps.ingestNow();
    if (now - this.lastWarnedAt < 1000) return;
    this.lastWarnedAt = now;
    this.deps.logger.warn({ source: this.id, ...fields }, message);
  }

  private setState(state: SourceState, error?: string): void {
    this.state = state;
    this.error = state === 'failed' || state === 'idle' ? error : undefined;
    this.deps.onStateChange(this.snapshot());
  }

  private fail(action: string, error: unknown): void {
    this.accepting = false;
    const message = error instanceof Error ? error.message : String(error);
    this.deps.logger.error({ source: this.id, err: message }, `source ${action}`);
    this.setState('failed', `${action}: ${message}`);
  }
}

function withTimeout<T>(promise: Promise<T>, ms: number, message: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(message)), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}
