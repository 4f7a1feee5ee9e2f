import fastifyStatic from '@fastify/static';
import fastifyWebsocket from '@fastify/websocket';
import Fastify, { type FastifyInstance, type FastifyReply, type FastifyRequest } from 'fastify';
import type { ApiTransport } from '../../shared/api.ts';
import { createAccessToken, isUnderToken } from './access-token.ts';
import { browsableHost, httpOrigin, isLoopbackHost } from './listen-address.ts';
import { isOwnOrigin } from './origin-check.ts';
import { setSecurityHeaders } from './security-headers.ts';
import { attachSocketSession } from './socket-session.ts';

export interface HttpServerOptions {
  /** Where the API calls go: the engine worker, usually. */
  transport: ApiTransport;
  /** The built renderer (`out/renderer`), whose assets are linked by relative URLs. */
  rendererDir: string;
  /** Address to listen on; loopback unless told otherwise. */
  host?: string;
  /** TCP port; 0 picks a free one. */
  port?: number;
  /** The access token; a fresh random one by default. */
  token?: string;
}

export interface RunningHttpServer {
  /** `http://host:port/<token>/`: what a person opens (loopback in place of a wildcard). */
  url: string;
  /** `http://host:port`, as in `url`. */
  origin: string;
  port: number;
  token: string;
  /** Closes the sockets and stops listening; the transport is left to its owner. */
  close(): Promise<void>;
}

/** The API's WebSocket, under the token folder: `/<token>/api`. */
export const API_PATH = 'api';
/** Answers 204 to a page that wants to know whether its address (its token) still works. */
export const HEALTH_PATH = 'health';

/** The largest message a socket may send, bytes: a config text (1 MiB) as JSON, and room. */
const MAX_MESSAGE_BYTES = 4 * 1024 * 1024;

const TEXT = 'text/plain; charset=utf-8';
const UNAUTHORIZED_BODY =
  'Unauthorized: open the address printed by `streamlens serve`, which carries the access token.\n';
const FORBIDDEN_BODY = 'Forbidden: the socket must be opened by a page of this server\n';
const NOT_FOUND_BODY = 'Not found\n';
const UPGRADE_BODY = 'Upgrade Required: this address takes a WebSocket connection only\n';

/**
 * Builds the browser mode's server. Everything lives under `/<token>/`: the renderer's files,
 * `health`, and the API's WebSocket at `api`; any other request gets a one-line 401. A socket
 * upgrade must also come from a page of this server (`Origin`).
 */
export async function buildHttpServer(
  options: HttpServerOptions & { token: string; loopbackOnly: boolean },
): Promise<FastifyInstance> {
  const { token, transport } = options;
  const app = Fastify({ logger: false });
  // Registered first so that its hooks run first: it marks upgrades (`request.ws`) and closes
  // the socket of an upgrade that our hook refuses.
  await app.register(fastifyWebsocket, { options: { maxPayload: MAX_MESSAGE_BYTES } });
  app.addHook('onRequest', async (request, reply) => {
    setSecurityHeaders(request, reply);
    return checkAccess(request, reply, options);
  });
  app.setNotFoundHandler((_request, reply) => refuse(reply, 404, NOT_FOUND_BODY));

  app.route({
    method: 'GET',
    url: `/${token}/${API_PATH}`,
    handler: (_request, reply) => refuse(reply.header('upgrade', 'websocket'), 426, UPGRADE_BODY),
    wsHandler: (socket) => attachSocketSession(socket, transport),
  });
  app.get(`/${token}/${HEALTH_PATH}`, (_request, reply) => reply.code(204).send());
  // The prefix without its slash makes `/<token>` redirect to `/<token>/`, where the page's
  // relative asset URLs resolve under the token.
  await app.register(fastifyStatic, {
    root: options.rendererDir,
    prefix: `/${token}`,
    index: 'index.html',
    redirect: true,
  });
  return app;
}

/** Builds the server and listens; resolves once it accepts connections. */
export async function startHttpServer(options: HttpServerOptions): Promise<RunningHttpServer> {
  const token = options.token ?? createAccessToken();
  const host = options.host ?? '127.0.0.1';
  const app = await buildHttpServer({ ...options, token, loopbackOnly: isLoopbackHost(host) });
  await app.listen({ host, port: options.port ?? 0 });
  const address = app.server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  const origin = httpOrigin(browsableHost(host), port);
  return { url: `${origin}/${token}/`, origin, port, token, close: () => app.close() };
}

/**
 * Lets in a request under the token folder; a socket upgrade must also carry this server's
 * origin. Answers 401 (or 403) with one line otherwise, the upgrade included.
 */
async function checkAccess(
  request: FastifyRequest,
  reply: FastifyReply,
  options: { token: string; loopbackOnly: boolean },
) {
  if (!isUnderToken(request.url, options.token)) return refuse(reply, 401, UNAUTHORIZED_BODY);
  const server = { port: request.socket.localPort ?? 0, loopbackOnly: options.loopbackOnly };
  if (request.ws && !isOwnOrigin(request.headers, server)) {
    return refuse(reply, 403, FORBIDDEN_BODY);
  }
  return undefined;
}

function refuse(reply: FastifyReply, status: number, body: string): FastifyReply {
  return reply.code(status).type(TEXT).send(body);
}
