import type { ApiErrorData, ApiResult, ApiTransport, StreamlensApi } from '../shared/api.ts';
import { ApiError } from '../shared/api.ts';
import { createWireTransport, type ServerMessage } from '../shared/wire.ts';
import { IPC_CHANNELS } from './channels.ts';

/** The part of Electron's `ipcRenderer` the transport uses. */
export interface IpcRendererLike {
  invoke(channel: string, ...args: unknown[]): Promise<unknown>;
  send(channel: string, ...args: unknown[]): void;
  on(channel: string, listener: (event: unknown, ...args: unknown[]) => void): unknown;
}

/**
 * The API over Electron IPC: a call is one `invoke` on the call's own channel; subscriptions
 * share the wire logic of `createWireTransport` (one subscription per event name, however many
 * listeners), sent on the channels of `IPC_CHANNELS`.
 */
export function createIpcTransport(ipc: IpcRendererLike): ApiTransport {
  let deliver: (message: ServerMessage) => void = () => {};
  ipc.on(IPC_CHANNELS.event, (_event, name, payload) => {
    deliver({ type: 'event', event: name as never, payload });
  });

  return createWireTransport({
    onMessage(handler) {
      deliver = handler;
    },
    send(message) {
      if (message.type === 'call') {
        void invokeCall(ipc, message.name, message.args).then((result) =>
          deliver({ type: 'result', id: message.id, result }),
        );
      } else {
        ipc.send(IPC_CHANNELS[message.type], message.event);
      }
    },
  });
}

async function invokeCall(ipc: IpcRendererLike, name: string, args: unknown[]) {
  try {
    return (await ipc.invoke(name, ...args)) as ApiResult<unknown>;
  } catch (error) {
    // Only a missing handler or a crashed main process gets here: the handlers answer as data.
    const message = error instanceof Error ? error.message : String(error);
    return { ok: false, error: { name: 'ApiError', code: 'unavailable', message } } as const;
  }
}

/**
 * The API as the preload exposes it. The contextBridge copies only the message of an `Error`
 * thrown across it, so failed calls reject with the plain `ApiErrorData` instead (`name`,
 * `message`, `code`, `configErrors` survive the copy); subscriptions pass through unchanged.
 */
export function bridgeSafeApi(api: StreamlensApi): StreamlensApi {
  const calls = {
    getSnapshot: api.getSnapshot,
    listSources: api.listSources,
    startSource: api.startSource,
    stopSource: api.stopSource,
    getConfig: api.getConfig,
    validateConfig: api.validateConfig,
    applyConfig: api.applyConfig,
  };
  const wrapped = Object.fromEntries(
    Object.entries(calls).map(([name, call]) => [
      name,
      (...args: unknown[]) =>
        (call as (...a: unknown[]) => Promise<unknown>)(...args).catch((error: unknown) =>
          Promise.reject(toErrorData(error)),
        ),
    ]),
  ) as unknown as typeof calls;
  return {
    ...wrapped,
    onSnapshot: api.onSnapshot,
    onSourceState: api.onSourceState,
    onLog: api.onLog,
  };
}

function toErrorData(error: unknown): ApiErrorData {
  if (error instanceof ApiError) return error.toData();
  const message = error instanceof Error ? error.message : String(error);
  return { name: 'ApiError', code: 'failed', message };
}
