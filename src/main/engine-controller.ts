import type { ApiEventName, ApiResult, ApiTransport } from '../shared/api.ts';

/** What the desktop app asks of an engine worker. */
export interface EngineRequest {
  /** The YAML config; undefined: the user's config file, else the built-in default. */
  configFile?: string;
  /** Folder of the event log. */
  dataDir?: string;
  /** The worker's entry script (`out/main/engine-worker.js` in the built app). */
  workerUrl?: URL;
  /** better-sqlite3 binary built for Electron's ABI. */
  nativeBinding?: string;
}

/** A running engine worker: the API's transport plus a clean stop (everything committed). */
export interface EngineClient extends ApiTransport {
  stop(): Promise<void>;
  /** Calls `listener` once if the worker dies on its own; returns the unsubscribe function. */
  onError?(listener: (error: Error) => void): () => void;
}

/** Starts an engine off the main thread (`startEngineWorker` in the app). */
export type StartEngine = (request: EngineRequest) => Promise<EngineClient>;

type Listener = (payload: unknown) => void;

function unavailable(message: string): ApiResult<never> {
  return { ok: false, error: { name: 'ApiError', code: 'unavailable', message } };
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/**
 * The engine as the window sees it: one transport that outlives the worker behind it. Starting,
 * restarting with another config and stopping run one at a time; a call waits for the ones
 * queued before it, so the window's first calls are answered once the engine is up rather than
 * refused. Subscriptions move to each new worker.
 */
export class EngineController implements ApiTransport {
  private client: EngineClient | undefined;
  private request: EngineRequest | undefined;
  /** Why the engine is not running, for calls that find no worker. */
  private downReason = 'the engine has not started';
  private queue: Promise<unknown> = Promise.resolve();
  private readonly listeners = new Map<ApiEventName, Set<Listener>>();
  private readonly clientSubscriptions = new Map<ApiEventName, () => void>();

  /** `onCrash` hears of an engine that died on its own (not stopped), with the reason. */
  constructor(
    private readonly startEngine: StartEngine,
    private readonly onCrash: (reason: string) => void = () => {},
  ) {}

  /** Starts the engine; resolves to the reason it failed, or undefined once it runs. */
  start(request: EngineRequest): Promise<string | undefined> {
    return this.enqueue(() => this.startClient(request));
  }

  /**
   * Stops the engine and starts it with `request`. When that fails the previous request is
   * started again, so a bad config never leaves the app without an engine; resolves to the
   * failure's reason, or undefined.
   */
  restart(request: EngineRequest): Promise<string | undefined> {
    return this.enqueue(async () => {
      const previous = this.request;
      await this.stopClient('the engine is restarting');
      const failure = await this.startClient(request);
      if (failure !== undefined && previous) await this.startClient(previous);
      return failure;
    });
  }

  /** Stops the engine cleanly; later calls answer `unavailable`. */
  stop(): Promise<void> {
    return this.enqueue(() => this.stopClient('the engine has stopped'));
  }

  /** The config file the running engine was started with (undefined: the default). */
  get configFile(): string | undefined {
    return this.request?.configFile;
  }

  async call(name: Parameters<ApiTransport['call']>[0], args: unknown[]) {
    await this.queue.catch(() => {});
    if (!this.client) return unavailable(`${name}: ${this.downReason}`);
    return this.client.call(name, args);
  }

  subscribe(event: ApiEventName, listener: Listener): () => void {
    let set = this.listeners.get(event);
    if (!set) {
      set = new Set();
      this.listeners.set(event, set);
      this.subscribeClient(event);
    }
    set.add(listener);
    return () => {
      const current = this.listeners.get(event);
      if (!current?.delete(listener) || current.size > 0) return;
      this.listeners.delete(event);
      this.clientSubscriptions.get(event)?.();
      this.clientSubscriptions.delete(event);
    };
  }

  private enqueue<T>(operation: () => Promise<T>): Promise<T> {
    const next = this.queue.catch(() => {}).then(operation);
    this.queue = next;
    return next;
  }

  private async startClient(request: EngineRequest): Promise<string | undefined> {
    try {
      this.client = await this.startEngine(request);
    } catch (error) {
      this.downReason = `the engine did not start: ${messageOf(error)}`;
      return messageOf(error);
    }
    this.request = request;
    const client = this.client;
    client.onError?.((error) => {
      if (this.client === client) this.onCrash(error.message);
    });
    for (const event of this.listeners.keys()) this.subscribeClient(event);
    return undefined;
  }

  private async stopClient(reason: string): Promise<void> {
    const client = this.client;
    if (!client) return;
    for (const stop of this.clientSubscriptions.values()) stop();
    this.clientSubscriptions.clear();
    this.client = undefined;
    this.downReason = reason;
    await client.stop();
  }

  private subscribeClient(event: ApiEventName): void {
    if (!this.client || this.clientSubscriptions.has(event)) return;
    const deliver = (payload: unknown) => this.listeners.get(event)?.forEach((l) => l(payload));
    this.clientSubscriptions.set(event, this.client.subscribe(event, deliver));
  }
}
