import type { FastifyReply, FastifyRequest } from 'fastify';

/** A `Host` header safe to repeat in a policy: a name or address and a port. */
const HOST_HEADER = /^[A-Za-z0-9.[\]:-]{1,255}$/;

/**
 * The page may load only its own scripts, styles and images and talk only to its own socket;
 * no inline script, no framing, no referrer (the address carries the token), no sniffing.
 */
export function setSecurityHeaders(request: FastifyRequest, reply: FastifyReply): void {
  const host = request.headers.host ?? '';
  const socketOrigin = HOST_HEADER.test(host) ? ` ws://${host}` : '';
  reply.header(
    'content-security-policy',
    [
      "default-src 'self'",
      "script-src 'self'",
      "style-src 'self'",
      "img-src 'self' data:",
      "font-src 'self' data:",
      `connect-src 'self'${socketOrigin}`,
      "object-src 'none'",
      "base-uri 'none'",
      "form-action 'none'",
      "frame-ancestors 'none'",
    ].join('; '),
  );
  reply.header('x-content-type-options', 'nosniff');
  reply.header('referrer-policy', 'no-referrer');
  reply.header('x-frame-options', 'DENY');
  reply.header('cross-origin-opener-policy', 'same-origin');
}
