import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ApiError } from '../src/shared/api.ts';
import type { Snapshot } from '../src/shared/snapshot.ts';
import { type RunningHttpServer, startHttpServer } from '../src/main/host/http-server.ts';
import { type EngineWorkerClient, startEngineWorker } from '../src/main/host/worker-client.ts';
import { type ApiSocket, apiUrl, openApiSocket, upgradeStatus } from './e2e/support/api-socket.ts';
import { makeTempDir } from './support/temp-dir.ts';

/*
 * `streamlens serve` in process: the real engine worker, the real Fastify server on an
 * ephemeral port, and a real WebSocket client speaking the shared wire.
 */

const CONFIG = `# the test's stream
sources:
  - id: demo
    plugin: synthetic
    options: { rate: 2000 }
`;
const INDEX_HTML =
  '<!doctype html><title>Streamlens</title><script src="./assets/app.js"></script>\n';
const APP_JS = 'console.log("dashboard");\n';

let temp: ReturnType<typeof makeTempDir>;
let configFile: string;
let engine: EngineWorkerClient;
let server: RunningHttpServer;
let client: ApiSocket;

beforeAll(async () => {
  temp = makeTempDir('streamlens-serve-');
  configFile = join(temp.dir, 'config.yml');
  writeFileSync(configFile, CONFIG);
  const rendererDir = join(temp.dir, 'renderer');
  mkdirSync(join(rendererDir, 'assets'), { recursive: true });
  writeFileSync(join(rendererDir, 'index.html'), INDEX_HTML);
  writeFileSync(join(rendererDir, 'assets', 'app.js'), APP_JS);

  engine = await startEngineWorker({ configFile, dataDir: join(temp.dir, 'data') });
  server = await startHttpServer({ transport: engine, rendererDir, port: 0 });
  client = await openApiSocket(server.origin, server.token);
});

afterAll(async () => {
  await client?.close();
  await server?.close();
  await engine?.stop();
  temp?.cleanup();
});

/** The rejection of a promise that must fail, as an ApiError. */
async function failure(promise: Promise<unknown>): Promise<ApiError> {
  const error = await promise.then(
    () => undefined,
    (reason: unknown) => reason,
  );
  expect(error).toBeInstanceOf(ApiError);
  return error as ApiError;
}

describe('the access token', () => {
  const wrong = 'f'.repeat(64);

  it('is 64 hex characters and is the first folder of the printed URL', () => {
    expect(server.token).toMatch(/^[0-9a-f]{64}$/);
    expect(server.url).toBe(`http://127.0.0.1:${server.port}/${server.token}/`);
  });

  it('refuses with one line of 401 every request not under the token folder', async () => {
    const paths = [
      '/',
      '/app.js',
      '/assets/app.js',
      '/favicon.ico',
      '/health',
      `/?token=${server.token}`,
      `/${wrong}/`,
      `/${wrong}/health`,
      `/${server.token}x/`,
      `/x/${server.token}/`,
    ];
    for (const path of paths) {
      const response = await fetch(`${server.origin}${path}`, { redirect: 'manual' });
      expect([path, response.status]).toEqual([path, 401]);
      expect(await response.text()).toBe(
        'Unauthorized: open the address printed by `streamlens serve`, which carries the access ' +
          'token.\n',
      );
    }
  });

  it('serves the page and its relative assets under the token, and sets no cookie', async () => {
    const page = await fetch(server.url);
    expect(page.status).toBe(200);
    expect(await page.text()).toBe(INDEX_HTML);
    expect(page.headers.get('set-cookie')).toBeNull();

    const asset = await fetch(new URL('./assets/app.js', server.url));
    expect(asset.status).toBe(200);
    expect(await asset.text()).toBe(APP_JS);
  });

  it('sends the token folder without its slash to the folder', async () => {
    const response = await fetch(`${server.origin}/${server.token}`, { redirect: 'manual' });
    expect(response.status).toBe(301);
    expect(response.headers.get('location')).toBe(`/${server.token}/`);
  });

  it('answers health with an empty 204 under the token', async () => {
    const response = await fetch(`${server.url}health`);
    expect(response.status).toBe(204);
    expect(await response.text()).toBe('');
  });

  it('answers an unknown path under the token with a fixed 404 that does not repeat it', async () => {
    for (const path of ['nothing-here', 'assets/missing.js', 'api/more']) {
      const response = await fetch(`${server.url}${path}`);
      expect([path, response.status]).toEqual([path, 404]);
      expect(await response.text()).toBe('Not found\n');
    }
  });

  it('answers the API address without an upgrade with one line of 426', async () => {
    const response = await fetch(`${server.url}api`);
    expect(response.status).toBe(426);
    expect(response.headers.get('upgrade')).toBe('websocket');
    expect(await response.text()).toBe(
      'Upgrade Required: this address takes a WebSocket connection only\n',
    );
  });

  it('sends a strict content security policy, nosniff and no referrer, even on a 401', async () => {
    for (const response of [await fetch(server.url), await fetch(server.origin)]) {
      expect(response.headers.get('content-security-policy')).toBe(
        "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; " +
          `font-src 'self' data:; connect-src 'self' ws://127.0.0.1:${server.port}; ` +
          "object-src 'none'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'",
      );
      expect(response.headers.get('x-content-type-options')).toBe('nosniff');
      expect(response.headers.get('referrer-policy')).toBe('no-referrer');
    }
  });

  it('refuses the socket upgrade without the token, with a wrong one, or from another origin', async () => {
    const own = { origin: server.origin };
    const socketOf = (path: string) => `${server.origin.replace('http', 'ws')}${path}`;
    expect(await upgradeStatus(socketOf('/api'), own)).toBe(401);
    expect(await upgradeStatus(socketOf(`/api?token=${server.token}`), own)).toBe(401);
    expect(await upgradeStatus(apiUrl(server.origin, wrong), own)).toBe(401);

    const url = apiUrl(server.origin, server.token);
    expect(await upgradeStatus(url)).toBe(403);
    expect(await upgradeStatus(url, { origin: 'http://evil.example' })).toBe(403);
    expect(await upgradeStatus(url, { origin: `http://127.0.0.1:${server.port + 1}` })).toBe(403);
    expect(await upgradeStatus(url, { origin: 'null' })).toBe(403);
    expect(await upgradeStatus(url, own)).toBe(101);
  });
});

describe('calls over the socket', () => {
  it('list the configured source with its plugin', async () => {
    const sources = await client.api.listSources();
    expect(sources.map(({ id, plugin }) => ({ id, plugin }))).toEqual([
      { id: 'demo', plugin: 'synthetic' },
    ]);
  });

  it('return the config file as written, comments included', async () => {
    expect(await client.api.getConfig()).toEqual({ text: CONFIG, file: configFile });
  });

  it('validate config text with positioned errors', async () => {
    expect(await client.api.validateConfig('topK: 0\n')).toEqual({
      ok: false,
      errors: [{ path: 'topK', message: 'must be at least 1', line: 1, column: 7 }],
    });
    expect(await client.api.validateConfig(CONFIG)).toEqual({ ok: true, errors: [] });
  });

  it('refuse bad arguments as invalid-argument data naming the argument', async () => {
    const call = (name: string, args: unknown) => client.transport.call(name as never, args as []);
    expect(await call('sources/stop', [42])).toEqual({
      ok: false,
      error: {
        name: 'ApiError',
        code: 'invalid-argument',
        message: 'sources/stop: argument id: Invalid input: expected string, received number',
      },
    });
    const tooMany = await call('snapshot/get', [1]);
    expect(tooMany).toMatchObject({ error: { message: 'snapshot/get takes no arguments, got 1' } });
    const missing = await call('sources/start', []);
    expect(missing).toMatchObject({
      error: { code: 'invalid-argument', message: 'sources/start takes 1 argument (id), got 0' },
    });
    const notAList = await call('config/validate', 'topK: 3');
    expect(notAList).toMatchObject({
      error: { message: 'config/validate: the arguments must be a list' },
    });
  });

  it('answer an unknown source id with not-found', async () => {
    const error = await failure(client.api.stopSource('nope'));
    expect([error.code, error.message]).toEqual(['not-found', 'there is no source with id nope']);
  });

  it('answer malformed messages with an error result instead of failing', async () => {
    const refused = (id: number, message: string) => ({
      type: 'result',
      id,
      result: { ok: false, error: { name: 'ApiError', code: 'invalid-argument', message } },
    });
    expect(await client.exchange('{not json')).toEqual(refused(0, 'a message must be JSON'));
    expect(await client.exchange('[1]')).toEqual(refused(0, 'a message must be a JSON object'));
    expect(
      await client.exchange('{"type":"call","id":7,"name":"engine/shutdown","args":[]}'),
    ).toEqual(refused(7, 'unknown call "engine/shutdown"'));
    expect(await client.exchange('{"type":"launch","id":8}')).toEqual(
      refused(8, 'unknown message type "launch"'),
    );
    expect(await client.exchange('{"type":"subscribe","event":"secrets"}')).toEqual(
      refused(0, 'unknown event "secrets"'),
    );
    expect(await client.exchange('{"type":"call","name":"sources/list","args":[]}')).toEqual(
      refused(0, 'a call needs an id: a positive integer'),
    );
    expect((await client.api.listSources()).map((source) => source.id)).toEqual(['demo']);
  });

  it('stop a source and then list it as stopped, and start it again', async () => {
    expect(await client.api.stopSource('demo')).toMatchObject({ id: 'demo', state: 'stopped' });
    expect((await client.api.listSources()).map(({ id, state }) => ({ id, state }))).toEqual([
      { id: 'demo', state: 'stopped' },
    ]);
    expect(await client.api.startSource('demo')).toMatchObject({ id: 'demo', state: 'running' });
  });
});

describe('snapshots', () => {
  it('arrive at the capped rate of 4 a second, never closer than 250 ms apart', async () => {
    const arrivals: { at: number; snapshot: Snapshot }[] = [];
    const unsubscribe = client.api.onSnapshot((snapshot) => {
      arrivals.push({ at: performance.now(), snapshot });
    });
    await waitFor(() => arrivals.length > 0);
    const start = arrivals[0].at;
    await new Promise((resolve) => setTimeout(resolve, 3_100));
    unsubscribe();

    const inThreeSeconds = arrivals.filter(({ at }) => at - start < 3_000);
    // At most 12 fit in 3 s at 4/s; an uncapped stream (one per 50 ms commit) would send 60.
    expect(inThreeSeconds.length).toBeGreaterThanOrEqual(9);
    expect(inThreeSeconds.length).toBeLessThanOrEqual(12);
    const taken = inThreeSeconds.map(({ snapshot }) => snapshot.takenAt);
    const gaps = taken.slice(1).map((time, index) => time - taken[index]);
    expect(Math.min(...gaps)).toBeGreaterThanOrEqual(249);
  });
});

describe('config/apply', () => {
  it('refuses invalid YAML with positioned errors and leaves the file untouched', async () => {
    const before = readFileSync(configFile);
    const error = await failure(client.api.applyConfig('windows: [5s\ntopK: 3\n'));
    expect(error.code).toBe('invalid-config');
    expect(error.configErrors).toEqual([
      {
        path: '',
        message: 'Flow sequence in block collection must be sufficiently indented and end with a ]',
        line: 2,
        column: 1,
      },
    ]);
    expect(readFileSync(configFile).equals(before)).toBe(true);
  });

  it('writes a valid text byte for byte and restarts the engine on it', async () => {
    const text = `# two windows now
windows: [2s, 4s] # short ones
sources:
  - id: second
    plugin: synthetic
    options: { rate: 500, seed: 7 }
`;
    expect(await client.api.applyConfig(text)).toEqual({ text, file: configFile });
    expect(readFileSync(configFile, 'utf8')).toBe(text);

    const snapshot = await client.api.getSnapshot();
    expect(snapshot.windows.map((window) => window.label)).toEqual(['2s', '4s']);
    expect(snapshot.sources.map(({ id, state }) => ({ id, state }))).toEqual([
      { id: 'second', state: 'running' },
    ]);
    expect(snapshot.counters.replayed).toBeGreaterThan(0);
  });
});

/** Polls `condition` every 20 ms until it holds, for at most 5 s. */
async function waitFor(condition: () => boolean): Promise<void> {
  const deadline = Date.now() + 5_000;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error('condition not met within 5 s');
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}
