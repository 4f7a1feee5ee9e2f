import { randomBytes, timingSafeEqual } from 'node:crypto';

/** A fresh access token: 32 random bytes as 64 hex characters. */
export function createAccessToken(): string {
  return randomBytes(32).toString('hex');
}

/** True when `candidate` is the token; compared in constant time. */
export function isToken(candidate: unknown, token: string): boolean {
  if (typeof candidate !== 'string' || candidate.length !== token.length) return false;
  return timingSafeEqual(Buffer.from(candidate), Buffer.from(token));
}

/**
 * True when a request target (`/…`, query allowed) lies under `/<token>/`, or is `/<token>`
 * itself. The token sits in the path rather than in a cookie because browsers share cookies
 * between every port of a host: a cookie would reach any other server on this machine.
 *
 * @example isUnderToken('/abc/assets/x.js?v=1', 'abc') // true
 */
export function isUnderToken(target: string, token: string): boolean {
  const path = target.split('?', 1)[0];
  if (!path.startsWith('/')) return false;
  const end = path.indexOf('/', 1);
  const segment = end === -1 ? path.slice(1) : path.slice(1, end);
  return isToken(segment, token);
}
