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
  pathname: string;
}

/**
 * The WebSocket address of the API beside the page: `streamlens serve` serves the page at
 * `/<token>/` and the API at `/<token>/api`, so the token in the path goes along.
 *
 * @example socketUrlOf({ protocol: 'http:', host: '127.0.0.1:4780', pathname: '/abc/' })
 *   // 'ws://127.0.0.1:4780/abc/api'
 */
export function socketUrlOf(location: PageLocation): string {
  const scheme = location.protocol === 'https:' ? 'wss' : 'ws';
  return `${scheme}://${location.host}${folderOf(location.pathname)}api`;
}

/** The address beside the page that answers 204 while the page's token is still good. */
export function healthUrlOf(location: PageLocation): string {
  return `${location.protocol}//${location.host}${folderOf(location.pathname)}health`;
}

/** What the server says of an address. */
export type AddressCheck = 'valid' | 'revoked' | 'unknown';

/**
 * Asks `healthUrl` whether the page's address still works: `revoked` on 401 (the server was
 * restarted with a new token), `valid` on 2xx, `unknown` when there is no answer (the server
 * is down) or another one.
 */
export async function checkAddress(
  healthUrl: string,
  fetchUrl: (url: string, init: RequestInit) => Promise<{ status: number }> = (url, init) =>
    fetch(url, init),
): Promise<AddressCheck> {
  try {
    const { status } = await fetchUrl(healthUrl, { cache: 'no-store', redirect: 'manual' });
    if (status === 401) return 'revoked';
    return status >= 200 && status < 300 ? 'valid' : 'unknown';
  } catch {
    return 'unknown';
  }
}

function folderOf(pathname: string): string {
  return pathname.slice(0, pathname.lastIndexOf('/') + 1) || '/';
}

/**
 * Connects to the engine: through the Electron preload's `window.streamlens` when present,
 * else over a reconnecting WebSocket to the `streamlens serve` that served this page.
 */
export function connectToEngine(): EngineConnection {
  if (window.streamlens) return electronConnection(window.streamlens);
  return socketConnection(socketUrlOf(window.location), healthUrlOf(window.location));
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

function socketConnection(url: string, healthUrl: string): EngineConnection {
  const listeners = new Set<(status: ConnectionStatus) => void>();
  const channel = createReconnectingChannel({
    url,
    openSocket: webSocketOpener((address) => new WebSocket(address)),
    delayMs: (attempt) => backoffDelay(attempt),
    now: () => Date.now(),
    onStatus: (status) => listeners.forEach((listen) => listen(status)),
    isRevoked: async () => (await checkAddress(healthUrl)) === 'revoked',
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
