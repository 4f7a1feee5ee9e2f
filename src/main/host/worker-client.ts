import { Worker } from 'node:worker_threads';
import type { ApiResult, ApiTransport } from '../../shared/api.ts';
import { createWireTransport, type ServerMessage } from '../../shared/wire.ts';
import { apiErrorData } from './call-check.ts';
import { EngineStartupError } from './startup-error.ts';
import {
  type EngineWorkerData,
  type FromWorker,
  isServerMessage,
  type ToWorker,
} from './worker-protocol.ts';

export { EngineStartupError } from './startup-error.ts';

export interface EngineWorkerOptions extends EngineWorkerData {
  /**
   * The worker's entry. Defaults to the tsx entry beside this file, for runs from the sources;
   * a bundled app passes its built `engine-worker.js`.
   */
  workerUrl?: URL;
}

/** The engine in its worker thread, as an API transport. */
export interface EngineWorkerClient extends ApiTransport {
  /** Stops the engine cleanly (everything committed, log closed) and waits for the worker. */
  stop(): Promise<void>;
  /**
   * Calls `listener` once if the worker dies on its own; calls in flight and later calls fail
   * with `unavailable`. Returns the unsubscribe function.
   */
  onError(listener: (error: Error) => void): () => void;
}

/** How long a stop may take before the worker is terminated, ms (sources get 5 s each). */
const STOP_TIMEOUT_MS = 60_000;

// Kept out of a `new URL('…', import.meta.url)` literal so that a bundler leaves it alone.
const SOURCE_ENTRY = './engine-worker-tsx.js';

/**
 * Starts the engine in a worker thread and resolves once it runs. Rejects with an
 * `EngineStartupError` (one line per problem) for a bad config or an unusable data folder
 * (`kind` tells the user's mistakes from failures).
 */
export async function startEngineWorker(
  options: EngineWorkerOptions = {},
): Promise<EngineWorkerClient> {
  const { configFile, dataDir, nativeBinding } = options;
  const data: EngineWorkerData = { configFile, dataDir, nativeBinding };
  const worker = new Worker(options.workerUrl ?? new URL(SOURCE_ENTRY, import.meta.url), {
    workerData: data,
  });
  await waitUntilReady(worker);
  return new WorkerConnection(worker);
}

function waitUntilReady(worker: Worker): Promise<void> {
  return new Promise((resolve, reject) => {
    const onMessage = (message: FromWorker) => {
      if (message.type === 'ready') settle(undefined);
      else if (message.type === 'startup-failed') {
        settle(new EngineStartupError(message.errors, message.kind));
      }
    };
    const onError = (error: Error) => settle(new EngineStartupError([oneLine(error)], 'failure'));
    const onExit = (code: number) =>
      settle(
        new EngineStartupError(
          [`the engine worker exited (code ${code}) before starting`],
          'failure',
        ),
      );
    const settle = (error: Error | undefined) => {
      worker.off('message', onMessage).off('error', onError).off('exit', onExit);
      if (!error) return resolve();
      void worker.terminate();
      reject(error);
    };
    worker.on('message', onMessage).on('error', onError).on('exit', onExit);
  });
}

class WorkerConnection implements EngineWorkerClient {
  private readonly wire: ApiTransport;
  private readonly errorListeners = new Set<(error: Error) => void>();
  private readonly closeHandlers: ((reason: string) => void)[] = [];
  private readonly stopped: Promise<void>;
  private closedReason: string | undefined;
  private stopping = false;

  constructor(private readonly worker: Worker) {
    this.wire = createWireTransport({
      send: (message) => this.post(message),
      onMessage: (handler: (message: ServerMessage) => void) =>
        worker.on('message', (message: FromWorker) => {
          if (isServerMessage(message)) handler(message);
        }),
      onClose: (handler) => this.closeHandlers.push(handler),
    });
    worker.on('error', (error) => this.fail(error));
    this.stopped = new Promise((resolve) => {
      worker.once('exit', (code) => {
        if (!this.stopping) this.fail(new Error(`the engine worker exited with code ${code}`));
        this.close('the engine has stopped');
        resolve();
      });
    });
  }

  call(...args: Parameters<ApiTransport['call']>): Promise<ApiResult<unknown>> {
    if (this.closedReason !== undefined) return Promise.resolve(this.unavailable());
    return this.wire.call(...args);
  }

  subscribe(...args: Parameters<ApiTransport['subscribe']>): () => void {
    return this.wire.subscribe(...args);
  }

  onError(listener: (error: Error) => void): () => void {
    this.errorListeners.add(listener);
    return () => void this.errorListeners.delete(listener);
  }

  async stop(): Promise<void> {
    if (this.stopping || this.closedReason !== undefined) return this.stopped;
    this.stopping = true;
    this.post({ type: 'stop' });
    const timer = setTimeout(() => void this.worker.terminate(), STOP_TIMEOUT_MS);
    await this.stopped;
    clearTimeout(timer);
  }

  private post(message: ToWorker): void {
    if (this.closedReason === undefined) this.worker.postMessage(message);
  }

  private fail(error: Error): void {
    if (this.closedReason !== undefined) return;
    const reason = `the engine stopped unexpectedly: ${oneLine(error)}`;
    this.close(reason);
    this.errorListeners.forEach((listen) => listen(new Error(reason)));
  }

  private close(reason: string): void {
    if (this.closedReason !== undefined) return;
    this.closedReason = reason;
    this.closeHandlers.forEach((handler) => handler(reason));
  }

  private unavailable(): ApiResult<unknown> {
    return { ok: false, error: apiErrorData('unavailable', this.closedReason ?? '') };
  }
}

function oneLine(error: Error): string {
  return error.message.split('\n')[0];
}
