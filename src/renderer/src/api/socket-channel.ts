import type { ApiEventName } from '../../../shared/api.ts';
import type { ClientMessage, MessageChannelLike, ServerMessage } from '../../../shared/wire.ts';

/*
 * The API's message channel over a WebSocket that reconnects by itself. One wire transport
 * lives on top of it for the life of the page: the channel resends the subscriptions on every
 * new socket, and answers calls made while the socket is down with `unavailable` at once, so
 * nothing waits on a socket that is not there.
 */

/** Where the engine stands from the screen's side. */
export type ConnectionStatus =
  | { state: 'connecting'; attempt: number }
  | { state: 'open' }
  | {
      state: 'retrying';
      /** Consecutive failed or lost connections, from 1. */
      attempt: number;
      /** When the next attempt starts, epoch ms. */
      retryAt: number;
      reason: string;
      /** False until a socket has opened once: likely a wrong address or token then. */
      everConnected: boolean;
    }
  /** The server no longer knows this address (`streamlens serve` restarted with a new token). */
  | { state: 'revoked' };

/** What the channel hears from a socket. */
export interface SocketHandlers {
  open(): void;
  message(data: string): void;
  close(reason: string): void;
}

/** What the channel does to a socket. */
export interface SocketHandle {
  send(data: string): void;
  close(): void;
}

/** Opens a socket to `url` that reports to `handlers`. */
export type OpenSocket = (url: string, handlers: SocketHandlers) => SocketHandle;

/** The members of the browser's WebSocket (and of the `ws` package's) that the channel uses. */
export interface WebSocketLike {
  send(data: string): void;
  close(): void;
  onopen: unknown;
  onmessage: unknown;
  onclose: unknown;
  onerror: unknown;
}

/** Adapts a WebSocket constructor (the browser's, or `ws` in tests) to `OpenSocket`. */
export function webSocketOpener(create: (url: string) => WebSocketLike): OpenSocket {
  return (url, handlers) => {
    const socket = create(url);
    socket.onopen = () => handlers.open();
    // An error is always followed by a close, which is where the channel reacts.
    socket.onerror = () => {};
    socket.onmessage = (event: { data: unknown }) => handlers.message(String(event.data));
    socket.onclose = (event: { code: number; reason: string }) =>
      handlers.close(event.reason || `the connection closed (code ${event.code})`);
    return socket;
  };
}

export interface ReconnectingChannelOptions {
  url: string;
  openSocket: OpenSocket;
  /** The wait before reconnect attempt `attempt` (from 1), ms. */
  delayMs(attempt: number): number;
  /** Wall clock, epoch ms. */
  now(): number;
  onStatus(status: ConnectionStatus): void;
  /**
   * Asked after each lost or failed connection; resolving true means the server refuses this
   * address for good, and the channel stops retrying (status `revoked`).
   */
  isRevoked?(): Promise<boolean>;
}

/** A message channel that reconnects with backoff; `retryNow` skips the wait. */
export interface ReconnectingChannel extends MessageChannelLike {
  readonly status: ConnectionStatus;
  retryNow(): void;
  /** Closes for good: no more reconnects. */
  close(): void;
}

/** The message pending calls fail with when the socket goes away. */
export const LOST_CONNECTION = 'Lost connection to the engine';

/** Starts connecting at once; see `ReconnectingChannel`. */
export function createReconnectingChannel(
  options: ReconnectingChannelOptions,
): ReconnectingChannel {
  let status: ConnectionStatus = { state: 'connecting', attempt: 0 };
  let socket: SocketHandle | undefined;
  let isOpen = false;
  let everConnected = false;
  let closedForGood = false;
  let retryTimer: ReturnType<typeof setTimeout> | undefined;
  const subscribed = new Set<ApiEventName>();
  let deliver: (message: ServerMessage) => void = () => {};
  let closeHandler: (reason: string) => void = () => {};

  const setStatus = (next: ConnectionStatus) => {
    status = next;
    options.onStatus(next);
  };

  const connect = () => {
    retryTimer = undefined;
    setStatus({ state: 'connecting', attempt: attemptOf(status) });
    const current = options.openSocket(options.url, {
      open: () => {
        if (current !== socket) return;
        isOpen = true;
        everConnected = true;
        for (const event of subscribed) current.send(JSON.stringify({ type: 'subscribe', event }));
        setStatus({ state: 'open' });
      },
      message: (data) => {
        const message = parseServerMessage(data);
        if (message && current === socket) deliver(message);
      },
      close: (reason) => {
        if (current !== socket) return;
        lose(reason);
      },
    });
    socket = current;
  };

  const lose = (reason: string) => {
    isOpen = false;
    socket = undefined;
    closeHandler(`${LOST_CONNECTION}: ${reason}`);
    if (closedForGood) return;
    const attempt = attemptOf(status) + 1;
    const delay = options.delayMs(attempt);
    setStatus({
      state: 'retrying',
      attempt,
      retryAt: options.now() + delay,
      reason,
      everConnected,
    });
    retryTimer = setTimeout(connect, delay);
    options.isRevoked?.().then(
      (revoked) => revoked && stopForGood({ state: 'revoked' }),
      () => {},
    );
  };

  const stopForGood = (final?: ConnectionStatus) => {
    if (closedForGood) return;
    closedForGood = true;
    clearTimeout(retryTimer);
    const current = socket;
    if (current) lose('closed by the dashboard');
    current?.close();
    if (final) setStatus(final);
  };

  const send = (message: ClientMessage) => {
    trackSubscription(subscribed, message);
    if (isOpen && socket) {
      socket.send(JSON.stringify(message));
    } else if (message.type === 'call') {
      const error = { name: 'ApiError', code: 'unavailable' as const, message: LOST_CONNECTION };
      deliver({ type: 'result', id: message.id, result: { ok: false, error } });
    }
  };

  connect();
  return {
    get status() {
      return status;
    },
    send,
    onMessage: (handler) => {
      deliver = handler;
    },
    onClose: (handler) => {
      closeHandler = handler;
    },
    retryNow: () => {
      if (status.state !== 'retrying' || closedForGood) return;
      clearTimeout(retryTimer);
      connect();
    },
    close: () => stopForGood(),
  };
}

function attemptOf(status: ConnectionStatus): number {
  return status.state === 'connecting' || status.state === 'retrying' ? status.attempt : 0;
}

function trackSubscription(subscribed: Set<ApiEventName>, message: ClientMessage): void {
  if (message.type === 'subscribe') subscribed.add(message.event);
  if (message.type === 'unsubscribe') subscribed.delete(message.event);
}

/** A message from the engine, or undefined when `data` is not one (it is then ignored). */
export function parseServerMessage(data: string): ServerMessage | undefined {
  let message: unknown;
  try {
    message = JSON.parse(data);
  } catch {
    return undefined;
  }
  if (typeof message !== 'object' || message === null) return undefined;
  const { type } = message as { type?: unknown };
  if (type === 'result' && typeof (message as { id?: unknown }).id === 'number') {
    return message as ServerMessage;
  }
  if (type === 'event' && typeof (message as { event?: unknown }).event === 'string') {
    return message as ServerMessage;
  }
  return undefined;
}
