import fastifyStatic from '@fastify/static';
import fastifyWebsocket from '@fastify/websocket';
import Fastify, { type FastifyInstance, type FastifyReply, type FastifyRequest } from 'fastify';
import type { ApiTransport } from '../../shared/api.ts';
import {
  createAccessToken,
  isToken,
  readCookie,
  tokenCookie,
  tokenCookieName,
} from './access-token.ts';
import { attachSocketSession } from './socket-session.ts';

export interface HttpServerOptions {
  /** Where the API calls go: the engine worker, usually. */
  transport: ApiTransport;
  /** The built renderer (`out/renderer`). */
  rendererDir: string;
  /** Address to listen on; loopback unless told otherwise. */
  host?: string;
  /** TCP port; 0 picks a free one. */
  port?: number;
  /** The access token; a fresh random one by default. */
  token?: string;
}

export interface RunningHttpServer {
  /** `http://host:port/?token=…`: what a person opens. */
  url: string;
  /** `http://host:port`. */
  origin: string;
  port: number;
  token: string;
  /** Closes the sockets and stops listening; the transport is left to its owner. */
  close(): Promise<void>;
}

/** The path of the API's WebSocket. */
export const API_PATH = '/api';

/** The largest message a socket may send, bytes: a config text (1 MiB) as JSON, and room. */
const MAX_MESSAGE_BYTES = 4 * 1024 * 1024;

/** A `Host` header safe to repeat in a policy: a name or address and a port. */
const HOST_HEADER = /^[A-Za-z0-9.[\]:-]{1,255}$/;

const UNAUTHORIZED_BODY =
  'Unauthorized: open the address printed by `streamlens serve`, which carries the access token.\n';

/**
 * Builds the browser mode's server: the renderer's files and the API on a WebSocket at
 * `/api`, both refused without the access token (in the query, or in the cookie a request with
 * the token set).
 */
export async function buildHttpServer(
  options: HttpServerOptions & { token: string },
): Promise<FastifyInstance> {
  const app = Fastify({ logger: false });
  // Registered first so that its hooks run first: it marks upgrades (`request.ws`) and closes
  // the socket of an upgrade that our hook refuses.
  await app.register(fastifyWebsocket, { options: { maxPayload: MAX_MESSAGE_BYTES } });
  app.addHook('onRequest', async (request, reply) => {
    setSecurityHeaders(request, reply);
    return checkAccess(request, reply, options.token);
  });
  app.get(API_PATH, { websocket: true }, (socket) =>
    attachSocketSession(socket, options.transport),
  );
  await app.register(fastifyStatic, { root: options.rendererDir, index: 'index.html' });
  return app;
}

/** Builds the server and listens; resolves once it accepts connections. */
export async function startHttpServer(options: HttpServerOptions): Promise<RunningHttpServer> {
  const token = options.token ?? createAccessToken();
  const app = await buildHttpServer({ ...options, token });
  const host = options.host ?? '127.0.0.1';
  await app.listen({ host, port: options.port ?? 0 });
  const address = app.server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  const origin = `http://${host.includes(':') ? `[${host}]` : host}:${port}`;
  return { url: `${origin}/?token=${token}`, origin, port, token, close: () => app.close() };
}

/**
 * Lets in a request with the token in its query (and gives it the cookie) or in the cookie;
 * answers 401 to anything else, the socket's upgrade included. A socket from another origin
 * is refused even with the cookie.
 */
async function checkAccess(request: FastifyRequest, reply: FastifyReply, token: string) {
  const port = request.socket.localPort ?? 0;
  const fromQuery = isToken((request.query as Record<string, unknown>)?.token, token);
  const fromCookie = isToken(readCookie(request.headers.cookie, tokenCookieName(port)), token);
  if (!fromQuery && !fromCookie) {
    return reply.code(401).type('text/plain; charset=utf-8').send(UNAUTHORIZED_BODY);
  }
  if (request.ws && !isSameOrigin(request)) {
    return reply
      .code(403)
      .type('text/plain; charset=utf-8')
      .send('Forbidden: cross-origin socket\n');
  }
  if (fromQuery && !fromCookie) reply.header('set-cookie', tokenCookie(port, token));
  return undefined;
}

/** A browser always sends `Origin` on a socket upgrade; tools like `ws` may not. */
function isSameOrigin(request: FastifyRequest): boolean {
  const origin = request.headers.origin;
  if (origin === undefined) return true;
  try {
    return new URL(origin).host === request.headers.host;
  } catch {
    return false;
  }
}

/**
 * The page may load only its own scripts, styles and images and talk only to its own socket;
 * no inline script, no framing, no referrer, no content sniffing.
 */
function setSecurityHeaders(request: FastifyRequest, reply: FastifyReply): void {
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
