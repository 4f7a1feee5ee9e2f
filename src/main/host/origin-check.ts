import { isLoopbackHost } from './listen-address.ts';

/** The headers of a socket upgrade that say where it comes from. */
export interface UpgradeHeaders {
  origin?: string;
  host?: string;
}

/** What the server knows of itself. */
export interface ServerIdentity {
  /** The TCP port it listens on. */
  port: number;
  /** True when it listens on a loopback address only. */
  loopbackOnly: boolean;
}

/**
 * True when a socket upgrade comes from a page this server served: its `Origin` is `http://`
 * and the `Host` the browser asked for, on this server's port. A server on loopback also wants
 * a loopback name there, which refuses another site whose name was made to resolve to
 * 127.0.0.1 (DNS rebinding). A missing `Origin` is refused: a browser always sends one, and a
 * program that is not a browser can send it too.
 *
 * @example isOwnOrigin({ origin: 'http://127.0.0.1:4780', host: '127.0.0.1:4780' },
 *   { port: 4780, loopbackOnly: true }) // true
 */
export function isOwnOrigin(headers: UpgradeHeaders, server: ServerIdentity): boolean {
  const { origin, host } = headers;
  if (!origin || !host || origin.toLowerCase() !== `http://${host.toLowerCase()}`) return false;
  let url: URL;
  try {
    url = new URL(origin);
  } catch {
    return false;
  }
  const port = url.port === '' ? 80 : Number(url.port);
  if (port !== server.port || url.origin !== origin.toLowerCase()) return false;
  return !server.loopbackOnly || isLoopbackHost(url.hostname);
}
