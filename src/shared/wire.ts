import type { ApiCallName, ApiEventName, ApiResult, ApiTransport } from './api.ts';

/*
 * The API on a message channel: the WebSocket of `streamlens serve` and the port between the
 * Electron main process and the engine worker carry these messages, as JSON or structured
 * clones.
 */

/** A screen asks. */
export type ClientMessage =
  | { type: 'call'; id: number; name: ApiCallName; args: unknown[] }
  | { type: 'subscribe'; event: ApiEventName }
  | { type: 'unsubscribe'; event: ApiEventName };

/**
 * The engine answers or tells. A message it cannot read at all is answered as call id 0,
 * which `createWireTransport` never uses, so such an answer reaches no pending call.
 */
export type ServerMessage =
  | { type: 'result'; id: number; result: ApiResult<unknown> }
  | { type: 'event'; event: ApiEventName; payload: unknown };

/** A channel that carries messages both ways. */
export interface MessageChannelLike {
  send(message: ClientMessage): void;
  /** Registers the handler of messages from the engine side. */
  onMessage(handler: (message: ServerMessage) => void): void;
  /** Registers the handler for a closed channel: pending calls fail with `unavailable`. */
  onClose?(handler: (reason: string) => void): void;
}

/**
 * The screen side of the wire: calls matched to results by id, one subscription per event
 * name on the wire however many listeners share it.
 */
export function createWireTransport(channel: MessageChannelLike): ApiTransport {
  let nextId = 1;
  const pending = new Map<number, (result: ApiResult<unknown>) => void>();
  const listeners = new Map<ApiEventName, Set<(payload: unknown) => void>>();

  channel.onMessage((message) => {
    if (message.type === 'result') {
      pending.get(message.id)?.(message.result);
      pending.delete(message.id);
    } else {
      listeners.get(message.event)?.forEach((listen) => listen(message.payload));
    }
  });
  channel.onClose?.((reason) => {
    const error = { name: 'ApiError', code: 'unavailable' as const, message: reason };
    for (const settle of pending.values()) settle({ ok: false, error });
    pending.clear();
  });

  return {
    call(name, args) {
      const id = nextId++;
      return new Promise((resolve) => {
        pending.set(id, resolve);
        channel.send({ type: 'call', id, name, args });
      });
    },
    subscribe(event, listener) {
      let set = listeners.get(event);
      if (!set) {
        set = new Set();
        listeners.set(event, set);
        channel.send({ type: 'subscribe', event });
      }
      set.add(listener);
      return () => {
        const current = listeners.get(event);
        if (!current?.delete(listener) || current.size > 0) return;
        listeners.delete(event);
        channel.send({ type: 'unsubscribe', event });
      };
    },
  };
}
