import { createApiClient, type StreamlensApi } from '../../../shared/api.ts';
import { createWireTransport } from '../../../shared/wire.ts';
import { backoffDelay } from './backoff.ts';
import {
  createReconnectingChannel,
  webSocketOpener,
  type ConnectionStatus,
} from './socket-channel.ts';

/** The API the dashboard uses, how it reaches the engine, and the state of that link. */
export interface EngineConnection {
  api: StreamlensApi;
  transport: 'electron' | 'websocket';
  status(): ConnectionStatus;
  /** Calls `listener` with the current status now and with every change; returns unsubscribe. */
  onStatus(listener: (status: ConnectionStatus) => void): () => void;
  /** Reconnects now instead of waiting out the backoff (no-op unless retrying). */
  retryNow(): void;
}

/** Where the page is, as `window.location` tells it. */
export interface PageLocation {
  protocol: string;
  host: string;
  search: string;
}

/**
 * The WebSocket address of the API on the server that served the page. The access token from
 * the page's address goes along: the server's cookie normally suffices, the token is a fallback.
 */
export function socketUrlOf(location: PageLocation): string {
  const scheme = location.protocol === 'https:' ? 'wss' : 'ws';
  const token = new URLSearchParams(location.search).get('token');
  const query = token ? `?token=${encodeURIComponent(token)}` : '';
  return `${scheme}://${location.host}/api${query}`;
}

/**
 * Connects to the engine: through the Electron preload's `window.streamlens` when present,
 * else over a reconnecting WebSocket to the `streamlens serve` that served this page.
 */
export function connectToEngine(): EngineConnection {
  if (window.streamlens) return electronConnection(window.streamlens);
  return socketConnection(socketUrlOf(window.location));
}

function electronConnection(api: StreamlensApi): EngineConnection {
  const open: ConnectionStatus = { state: 'open' };
  return {
    api,
    transport: 'electron',
    status: () => open,
    onStatus: (listener) => {
      listener(open);
      return () => {};
    },
    retryNow: () => {},
  };
}

function socketConnection(url: string): EngineConnection {
  const listeners = new Set<(status: ConnectionStatus) => void>();
  const channel = createReconnectingChannel({
    url,
    openSocket: webSocketOpener((address) => new WebSocket(address)),
    delayMs: (attempt) => backoffDelay(attempt),
    now: () => Date.now(),
    onStatus: (status) => listeners.forEach((listen) => listen(status)),
  });
  return {
    api: createApiClient(createWireTransport(channel)),
    transport: 'websocket',
    status: () => channel.status,
    onStatus: (listener) => {
      listeners.add(listener);
      listener(channel.status);
      return () => listeners.delete(listener);
    },
    retryNow: () => channel.retryNow(),
  };
}
