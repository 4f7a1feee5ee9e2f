import type { WebSocket } from 'ws';
import type { ApiEventName, ApiTransport } from '../../shared/api.ts';
import type { ClientMessage, ServerMessage } from '../../shared/wire.ts';
import { parseClientMessage } from './client-message.ts';

/**
 * Bytes a socket may have waiting before events to it are skipped: a slow browser misses a few
 * snapshots (the next one replaces them) instead of growing the server's memory.
 */
export const MAX_BUFFERED_BYTES = 4 * 1024 * 1024;

/**
 * Serves the API on one WebSocket: every message is checked, calls go to `transport` and
 * their results come back under the caller's id, subscriptions last until the socket closes.
 */
export function attachSocketSession(socket: WebSocket, transport: ApiTransport): void {
  const subscriptions = new Map<ApiEventName, () => void>();
  const send = (message: ServerMessage) => {
    if (socket.readyState !== socket.OPEN) return;
    if (message.type === 'event' && socket.bufferedAmount > MAX_BUFFERED_BYTES) return;
    socket.send(JSON.stringify(message));
  };

  const onMessage = async (message: ClientMessage) => {
    if (message.type === 'call') {
      send({
        type: 'result',
        id: message.id,
        result: await transport.call(message.name, message.args),
      });
    } else if (message.type === 'subscribe') {
      if (subscriptions.has(message.event)) return;
      const event = message.event;
      subscriptions.set(
        event,
        transport.subscribe(event, (payload) => send({ type: 'event', event, payload })),
      );
    } else {
      subscriptions.get(message.event)?.();
      subscriptions.delete(message.event);
    }
  };

  socket.on('message', (data, isBinary) => {
    const parsed = parseClientMessage(isBinary ? null : data.toString());
    if (parsed.ok) void onMessage(parsed.message);
    else send({ type: 'result', id: parsed.id, result: { ok: false, error: parsed.error } });
  });
  socket.on('close', () => {
    subscriptions.forEach((unsubscribe) => unsubscribe());
    subscriptions.clear();
  });
}
