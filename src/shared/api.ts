import { z } from 'zod';
import type { ConfigError } from './config/parse.ts';
import type { Snapshot, SourceSnapshot } from './snapshot.ts';

/*
 * The one API between the engine and any screen. It is defined once, here, and carried by two
 * transports: Electron IPC (preload + ipcMain) and a WebSocket (`streamlens serve`). Calls
 * return promises; subscriptions return an unsubscribe function. Errors cross as data.
 */

/** Why a call failed, as a screen can act on it. */
export type ApiErrorCode =
  'invalid-argument' | 'not-found' | 'invalid-config' | 'unavailable' | 'unauthorized' | 'failed';

/** An error as it crosses a process boundary. */
export interface ApiErrorData {
  name: string;
  message: string;
  code: ApiErrorCode;
  /** Positioned config errors, for `invalid-config`. */
  configErrors?: ConfigError[];
}

/** An error rebuilt on the screen's side from `ApiErrorData`. */
export class ApiError extends Error {
  readonly code: ApiErrorCode;
  readonly configErrors?: ConfigError[];

  constructor(data: ApiErrorData) {
    super(data.message);
    this.name = data.name;
    this.code = data.code;
    this.configErrors = data.configErrors;
  }

  toData(): ApiErrorData {
    return {
      name: this.name,
      message: this.message,
      code: this.code,
      ...(this.configErrors ? { configErrors: this.configErrors } : {}),
    };
  }
}

export type ApiResult<T> = { ok: true; value: T } | { ok: false; error: ApiErrorData };

/** The config file as text (comments and all), with where it lives. */
export interface ConfigDocument {
  text: string;
  /** Absolute path of the file, or undefined while the built-in default is in use. */
  file?: string;
}

export interface ConfigCheck {
  ok: boolean;
  errors: ConfigError[];
}

/** One line of the engine's log, as the log view shows it. */
export interface LogLine {
  /** Epoch ms. */
  time: number;
  level: 'debug' | 'info' | 'warn' | 'error';
  message: string;
  fields: Record<string, unknown>;
}

const sourceId = z.string().min(1).max(64);
const configText = z.string().max(1024 * 1024);

/**
 * Every call, by channel name (`namespace/verb`): its argument schema, validated by the
 * engine side on every call from a screen, and its result type.
 */
export const apiCalls = {
  'snapshot/get': z.tuple([]),
  'sources/list': z.tuple([]),
  'sources/start': z.tuple([sourceId]),
  'sources/stop': z.tuple([sourceId]),
  'config/get': z.tuple([]),
  'config/validate': z.tuple([configText]),
  'config/apply': z.tuple([configText]),
} as const;

export interface ApiCallResults {
  'snapshot/get': Snapshot;
  'sources/list': SourceSnapshot[];
  'sources/start': SourceSnapshot;
  'sources/stop': SourceSnapshot;
  'config/get': ConfigDocument;
  'config/validate': ConfigCheck;
  /** Applies a valid config (written to the file, engine restarted); refuses an invalid one. */
  'config/apply': ConfigDocument;
}

export type ApiCallName = keyof typeof apiCalls;
export type ApiCallArgs<K extends ApiCallName> = z.output<(typeof apiCalls)[K]>;

/** Every subscription, by channel name, with what it delivers. */
export interface ApiEvents {
  snapshot: Snapshot;
  'source-state': SourceSnapshot;
  log: LogLine;
}

export type ApiEventName = keyof ApiEvents;

/** The channel table: every name that may cross a transport, and nothing else. */
export const API_CALL_NAMES = Object.keys(apiCalls) as ApiCallName[];
export const API_EVENT_NAMES: ApiEventName[] = ['snapshot', 'source-state', 'log'];

export function isApiCallName(name: unknown): name is ApiCallName {
  return typeof name === 'string' && Object.hasOwn(apiCalls, name);
}

export function isApiEventName(name: unknown): name is ApiEventName {
  return typeof name === 'string' && (API_EVENT_NAMES as string[]).includes(name);
}

/** What a screen uses: named calls and subscriptions. */
export interface StreamlensApi {
  getSnapshot(): Promise<Snapshot>;
  listSources(): Promise<SourceSnapshot[]>;
  startSource(id: string): Promise<SourceSnapshot>;
  stopSource(id: string): Promise<SourceSnapshot>;
  getConfig(): Promise<ConfigDocument>;
  validateConfig(text: string): Promise<ConfigCheck>;
  applyConfig(text: string): Promise<ConfigDocument>;
  onSnapshot(listener: (snapshot: Snapshot) => void): () => void;
  onSourceState(listener: (source: SourceSnapshot) => void): () => void;
  onLog(listener: (line: LogLine) => void): () => void;
}

/** The two primitives every transport provides. */
export interface ApiTransport {
  call(name: ApiCallName, args: unknown[]): Promise<ApiResult<unknown>>;
  subscribe(event: ApiEventName, listener: (payload: unknown) => void): () => void;
}

/** Builds the screen-side API over a transport; failed calls reject with an `ApiError`. */
export function createApiClient(transport: ApiTransport): StreamlensApi {
  const call = async <K extends ApiCallName>(name: K, ...args: unknown[]) => {
    const result = await transport.call(name, args);
    if (!result.ok) throw new ApiError(result.error);
    return result.value as ApiCallResults[K];
  };
  const on =
    <K extends ApiEventName>(event: K) =>
    (listener: (payload: ApiEvents[K]) => void) =>
      transport.subscribe(event, listener as (payload: unknown) => void);
  return {
    getSnapshot: () => call('snapshot/get'),
    listSources: () => call('sources/list'),
    startSource: (id) => call('sources/start', id),
    stopSource: (id) => call('sources/stop', id),
    getConfig: () => call('config/get'),
    validateConfig: (text) => call('config/validate', text),
    applyConfig: (text) => call('config/apply', text),
    onSnapshot: on('snapshot'),
    onSourceState: on('source-state'),
    onLog: on('log'),
  };
}
