import { isIP } from 'node:net';

/*
 * What the address `streamlens serve` listens on means for the person who opens it.
 */

/** Names and addresses that reach only this machine. */
export function isLoopbackHost(host: string): boolean {
  const bare = unbracketed(host).toLowerCase();
  if (bare === 'localhost' || bare === '::1') return true;
  const v4 = bare.startsWith('::ffff:') ? bare.slice('::ffff:'.length) : bare;
  return isIP(v4) === 4 && v4.startsWith('127.');
}

/** The addresses that mean "every interface of this machine". */
export function isWildcardHost(host: string): boolean {
  const bare = unbracketed(host);
  return bare === '0.0.0.0' || bare === '::';
}

/**
 * An address a browser on this machine can open for a server listening on `host`: the
 * loopback address of the same family in place of a wildcard, `host` itself otherwise.
 *
 * @example browsableHost('0.0.0.0') // '127.0.0.1'
 */
export function browsableHost(host: string): string {
  const bare = unbracketed(host);
  if (bare === '0.0.0.0') return '127.0.0.1';
  if (bare === '::') return '::1';
  return bare;
}

/** `http://host:port`, with an IPv6 address in brackets. */
export function httpOrigin(host: string, port: number): string {
  const bare = unbracketed(host);
  return `http://${bare.includes(':') ? `[${bare}]` : bare}:${port}`;
}

function unbracketed(host: string): string {
  return host.startsWith('[') && host.endsWith(']') ? host.slice(1, -1) : host;
}
