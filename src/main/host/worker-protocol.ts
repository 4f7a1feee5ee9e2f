import type { ClientMessage, ServerMessage } from '../../shared/wire.ts';
import type { StartupFailureKind } from './startup-error.ts';

/*
 * What crosses the port between the engine worker and its parent: the API's wire messages
 * (`src/shared/wire.ts`) plus a few lifecycle messages of the worker itself.
 */

/** What the engine worker is started with, as `workerData`. */
export interface EngineWorkerData {
  configFile?: string;
  dataDir?: string;
  /** better-sqlite3 binary built for the runtime's ABI (Electron's); Node's by default. */
  nativeBinding?: string;
}

/** Parent to worker. */
export type ToWorker = ClientMessage | { type: 'stop' };

/** Worker to parent. */
export type FromWorker =
  | ServerMessage
  | { type: 'ready' }
  /** The engine could not start; one line per problem. */
  | { type: 'startup-failed'; errors: string[]; kind: StartupFailureKind }
  /** Everything is committed and the log closed; the worker is about to exit. */
  | { type: 'stopped' };

export function isServerMessage(message: FromWorker): message is ServerMessage {
  return message.type === 'result' || message.type === 'event';
}
