import WebSocket from 'ws';
import { createApiClient, type ApiTransport, type StreamlensApi } from '../../../src/shared/api.ts';
import { createWireTransport, type ServerMessage } from '../../../src/shared/wire.ts';

/** A test's own connection to `/api`: the real wire transport and API client over `ws`. */
export interface ApiSocket {
  api: StreamlensApi;
  transport: ApiTransport;
  /** Sends raw text and resolves with the next message the server sends back. */
  exchange(text: string): Promise<ServerMessage>;
  close(): Promise<void>;
}

/** The `ws://` address of the API of a server at `origin` (`http://host:port`): `/<token>/api`. */
export function apiUrl(origin: string, token: string): string {
  return `${origin.replace(/^http/, 'ws')}/${token}/api`;
}

/** Opens the API socket under the token, with the server's own `Origin` as a page would. */
export async function openApiSocket(origin: string, token: string): Promise<ApiSocket> {
  const socket = new WebSocket(apiUrl(origin, token), { headers: { origin } });
  await new Promise<void>((resolve, reject) => {
    socket.once('open', resolve).once('error', reject);
  });
  const transport = createWireTransport({
    send: (message) => socket.send(JSON.stringify(message)),
    onMessage: (handler) => socket.on('message', (data) => handler(JSON.parse(String(data)))),
    onClose: (handler) => socket.on('close', () => handler('the socket closed')),
  });
  return {
    api: createApiClient(transport),
    transport,
    exchange: (text) =>
      new Promise((resolve) => {
        socket.once('message', (data) => resolve(JSON.parse(String(data))));
        socket.send(text);
      }),
    close: () =>
      new Promise((resolve) => {
        if (socket.readyState === WebSocket.CLOSED) return resolve();
        socket.once('close', () => resolve());
        socket.close();
      }),
  };
}

/** Tries a socket upgrade and resolves with the HTTP status it was refused with (101: accepted). */
export function upgradeStatus(url: string, headers: Record<string, string> = {}): Promise<number> {
  return new Promise((resolve, reject) => {
    const socket = new WebSocket(url, { headers });
    socket.once('open', () => {
      socket.close();
      resolve(101);
    });
    socket.once('unexpected-response', (_request, response) => {
      resolve(response.statusCode ?? 0);
      socket.terminate();
    });
    socket.once('error', (error) => {
      if (socket.readyState !== WebSocket.CLOSED) reject(error);
    });
  });
}
