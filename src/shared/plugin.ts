import type { z } from 'zod';
import type { SourceEvent } from './event.ts';

/** The lifecycle a source reports; the dashboard shows it per source. */
export type SourceState = 'starting' | 'running' | 'paused' | 'idle' | 'stopped' | 'failed';

/**
 * A position is whatever a source needs to resume exactly where its last committed event
 * ended (a file identity and byte offset, say). It must survive JSON.
 */
export type SourcePosition = Record<string, unknown>;

/** What the engine offers a running source. */
export interface SourceContext {
  /** The source's id from config, e.g. `web`. */
  readonly id: string;
  /** The folder that relative paths in the options are resolved against (the config's). */
  readonly baseDir: string;
  /** The position committed with the last logged batch of this source, if any. */
  readonly position: SourcePosition | undefined;
  /**
   * Hands a batch to the engine. `position` is where the source will be once every event of
   * this batch is durable; it is committed in the same transaction as those events (an empty
   * batch with a position commits just the position). The batch is always taken; a false
   * answer means the queue is now full: the source stops producing until `onResume` fires. A
   * source configured to drop keeps going instead and its overflow is counted as dropped.
   */
  emit(batch: SourceEvent[], position?: SourcePosition): boolean;
  /** Registers the callback that tells a paused source to produce again. */
  onResume(resume: () => void): void;
  /** Counts an input that could not be turned into an event; the source goes on. */
  parseError(message: string, input?: string): void;
  /** Counts a notable occurrence of the source (rotated, truncated, line-too-long, ...). */
  notice(name: string, fields?: Record<string, unknown>): void;
  /** Reports a state change; `error` explains a failure in one line. */
  setState(state: SourceState, error?: string): void;
  /** Wall-clock time, epoch ms (injectable for tests). */
  now(): number;
}

/** A running source. `stop` resolves once the source will emit nothing more. */
export interface Source {
  start(): Promise<void>;
  stop(): Promise<void>;
}

/**
 * A source plugin: what a user writes (`optionsSchema`, with a default and a one-line
 * description per field) apart from what runs (`create`).
 */
export interface SourcePlugin<Options = unknown> {
  name: string;
  version: string;
  description: string;
  optionsSchema: z.ZodType<Options>;
  create(options: Options, context: SourceContext): Source;
}
