import { rmSync } from 'node:fs';
import { resolve } from 'node:path';
import { builtinPlugins } from '../../plugins/index.ts';
import {
  ApiError,
  type ApiCallName,
  type ApiCallResults,
  type ApiEventName,
  type ApiEvents,
  type ApiResult,
  type ConfigCheck,
  type ConfigDocument,
} from '../../shared/api.ts';
import { parseConfig } from '../../shared/config/parse.ts';
import { defaultConfigText } from '../../shared/config/schema.ts';
import type { SourceSnapshot } from '../../shared/snapshot.ts';
import { streamlensPaths } from '../config/paths.ts';
import { Engine } from '../engine/engine.ts';
import { createLogger, type Logger } from '../engine/logger.ts';
import { prepareEngine } from '../engine-setup.ts';
import { apiErrorData, checkCall } from './call-check.ts';
import { readConfigText, writeFileAtomic } from './config-file.ts';
import { fanOutLogger, LogFanout } from './log-fanout.ts';
import { EngineStartupError } from './startup-error.ts';

export interface EngineHostOptions {
  /** The config file; without it the user's config file (or the defaults when it is absent). */
  configFile?: string;
  /** Where the event log lives; without it the user's data folder. */
  dataDir?: string;
  /** better-sqlite3 binary built for the runtime's ABI (Electron's); Node's by default. */
  nativeBinding?: string;
  /** Where log lines are written besides the subscribers; default JSON lines on stderr. */
  logger?: Logger;
}

type Listener = (payload: unknown) => void;

const pluginSchemas = new Map([...builtinPlugins].map(([name, p]) => [name, p.optionsSchema]));

/**
 * The engine behind the API: opens and starts it, answers every call of the channel table
 * (arguments checked first; failures as data, never thrown), fans snapshots, source states
 * and log lines out to subscribers, and restarts the engine on an applied config. It runs in
 * the engine's worker thread.
 */
export class EngineHost {
  private readonly listeners = new Map<ApiEventName, Set<Listener>>();
  private readonly logFanout = new LogFanout();
  private readonly logger: Logger;
  private readonly configFile: string;
  private engine!: Engine;
  private sourceIds = new Set<string>();
  /** Settles when the last config apply (or the stop) has; calls wait for it. */
  private exclusive: Promise<unknown> = Promise.resolve();
  private stopped = false;

  private constructor(private readonly options: EngineHostOptions) {
    this.configFile = options.configFile
      ? resolve(options.configFile)
      : streamlensPaths().configFile;
    this.logger = fanOutLogger(options.logger ?? createLogger(), this.logFanout, Date.now);
    this.logFanout.subscribe((line) => this.emit('log', line));
  }

  /** Opens and starts the engine; rejects with an `EngineStartupError` for bad input. */
  static async start(options: EngineHostOptions): Promise<EngineHost> {
    const host = new EngineHost(options);
    host.engine = host.openEngine();
    await host.engine.start();
    return host;
  }

  /** Answers one call from a screen; resolves to an error result rather than rejecting. */
  async handle(name: unknown, args: unknown): Promise<ApiResult<unknown>> {
    const checked = checkCall(name, args);
    if (!checked.ok) return checked;
    try {
      if (checked.name !== 'config/apply') await this.exclusive;
      if (this.stopped) throw new ApiError(apiErrorData('unavailable', 'the engine has stopped'));
      return { ok: true, value: await this.handlers[checked.name](checked.args) };
    } catch (error) {
      return { ok: false, error: toErrorData(error) };
    }
  }

  /** Calls `listener` with each payload of `event`; returns the unsubscribe function. */
  subscribe<K extends ApiEventName>(event: K, listener: (payload: ApiEvents[K]) => void) {
    let set = this.listeners.get(event);
    if (!set) this.listeners.set(event, (set = new Set()));
    set.add(listener as Listener);
    return () => void set.delete(listener as Listener);
  }

  /** Stops the engine: sources stopped, everything queued committed, the log closed. */
  stop(): Promise<void> {
    return this.runExclusive(async () => {
      if (this.stopped) return;
      this.stopped = true;
      await this.engine.stop();
    });
  }

  /** One handler per call of the channel table; arguments arrive checked. */
  private readonly handlers: {
    [K in ApiCallName]: (args: unknown[]) => Promise<ApiCallResults[K]>;
  } = {
    'snapshot/get': async () => this.engine.snapshot(),
    'sources/list': async () => this.engine.snapshot().sources,
    'sources/start': async ([id]) => this.changeSource(String(id), 'start'),
    'sources/stop': async ([id]) => this.changeSource(String(id), 'stop'),
    'config/get': async () => this.configDocument(),
    'config/validate': async ([text]) => validate(String(text)),
    'config/apply': async ([text]) => this.runExclusive(() => this.applyConfig(String(text))),
  };

  private async changeSource(id: string, change: 'start' | 'stop'): Promise<SourceSnapshot> {
    if (!this.sourceIds.has(id)) {
      throw new ApiError(apiErrorData('not-found', `there is no source with id ${id}`));
    }
    await (change === 'start' ? this.engine.startSource(id) : this.engine.stopSource(id));
    const source = this.engine.snapshot().sources.find((candidate) => candidate.id === id);
    return source as SourceSnapshot;
  }

  private configDocument(): ConfigDocument {
    const text = readConfigText(this.configFile);
    return text === undefined ? { text: defaultConfigText() } : { text, file: this.configFile };
  }

  /** Writes a valid text as-is and restarts on it; an invalid text changes nothing. */
  private async applyConfig(text: string): Promise<ConfigDocument> {
    if (this.stopped) throw new ApiError(apiErrorData('unavailable', 'the engine has stopped'));
    const check = validate(text);
    if (!check.ok) {
      const count = check.errors.length === 1 ? '1 error' : `${check.errors.length} errors`;
      const message = `the config was not applied: it has ${count}`;
      throw new ApiError(apiErrorData('invalid-config', message, check.errors));
    }
    const previous = readConfigText(this.configFile);
    writeFileAtomic(this.configFile, text);
    await this.restart(previous);
    this.logger.info({ file: this.configFile }, 'applied a new config; the engine restarted');
    return { text, file: this.configFile };
  }

  /** Stops the engine and opens it on the file; puts the previous file back if that fails. */
  private async restart(previousText: string | undefined): Promise<void> {
    await this.engine.stop();
    try {
      this.engine = this.openEngine();
    } catch (error) {
      if (previousText === undefined) rmSync(this.configFile, { force: true });
      else writeFileAtomic(this.configFile, previousText);
      this.engine = this.openEngine();
      await this.engine.start();
      const reason = error instanceof Error ? error.message : String(error);
      throw new ApiError(
        apiErrorData(
          'failed',
          `the engine could not run the new config (${reason}); kept the previous one`,
        ),
      );
    }
    await this.engine.start();
  }

  private openEngine(): Engine {
    const { configFile, dataDir, nativeBinding } = this.options;
    const prepared = prepareEngine({ configFile, dataDir, nativeBinding });
    if (!prepared.ok) throw new EngineStartupError(prepared.errors);

    let engine: Engine;
    try {
      engine = Engine.open({ ...prepared.options, logger: this.logger });
    } catch (error) {
      const reason = error instanceof Error ? error.message : String(error);
      const folder = prepared.options.dataDir;
      throw new EngineStartupError(
        [`could not open the event log in ${folder}: ${reason}`],
        'failure',
      );
    }
    this.sourceIds = new Set(prepared.options.sources.map((source) => source.id));
    engine.onSnapshot((snapshot) => this.emit('snapshot', snapshot));
    engine.onSourceState((source) => this.emit('source-state', source));
    return engine;
  }

  private emit(event: ApiEventName, payload: unknown): void {
    this.listeners.get(event)?.forEach((listen) => listen(payload));
  }

  private runExclusive<T>(work: () => Promise<T>): Promise<T> {
    const result = this.exclusive.then(work);
    this.exclusive = result.catch(() => undefined);
    return result;
  }
}

function validate(text: string): ConfigCheck {
  const parsed = parseConfig(text, { plugins: pluginSchemas });
  return parsed.ok ? { ok: true, errors: [] } : { ok: false, errors: parsed.errors };
}

function toErrorData(error: unknown) {
  if (error instanceof ApiError) return error.toData();
  return apiErrorData('failed', error instanceof Error ? error.message : String(error));
}
