import { randomBytes, timingSafeEqual } from 'node:crypto';

/** A fresh access token: 32 random bytes as 64 hex characters. */
export function createAccessToken(): string {
  return randomBytes(32).toString('hex');
}

/** The cookie that carries the token once a page was opened with it; one name per port. */
export function tokenCookieName(port: number): string {
  return `streamlens-token-${port}`;
}

/** True when `candidate` is the token; compared in constant time. */
export function isToken(candidate: unknown, token: string): boolean {
  if (typeof candidate !== 'string' || candidate.length !== token.length) return false;
  return timingSafeEqual(Buffer.from(candidate), Buffer.from(token));
}

/** The value of cookie `name` in a `Cookie` header, or undefined. */
export function readCookie(header: string | undefined, name: string): string | undefined {
  for (const pair of (header ?? '').split(';')) {
    const separator = pair.indexOf('=');
    if (separator > 0 && pair.slice(0, separator).trim() === name) {
      return pair.slice(separator + 1).trim();
    }
  }
  return undefined;
}

/**
 * The `Set-Cookie` value that lets the page's own requests (assets, the socket) in without the
 * token in their URL: not readable by scripts, never sent by another site.
 */
export function tokenCookie(port: number, token: string): string {
  return `${tokenCookieName(port)}=${token}; Path=/; HttpOnly; SameSite=Strict`;
}
