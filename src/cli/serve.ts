import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { startHttpServer } from '../main/host/http-server.ts';
import {
  EngineStartupError,
  type EngineWorkerClient,
  startEngineWorker,
} from '../main/host/worker-client.ts';

export interface ServeOptions {
  config?: string;
  dataDir?: string;
  /** Address to listen on. */
  host?: string;
  /** TCP port; 0 picks a free one. */
  port?: number;
  /** The built renderer; `out/renderer` of this package by default. */
  rendererDir?: string;
}

/** Where `streamlens serve` writes: injectable so tests can read what it printed. */
export interface ServeOutput {
  out(text: string): void;
  err(text: string): void;
}

/** The port `streamlens serve` listens on unless told otherwise. */
export const DEFAULT_SERVE_PORT = 4780;
export const DEFAULT_SERVE_HOST = '127.0.0.1';

const DEFAULT_RENDERER_DIR = fileURLToPath(new URL('../../out/renderer', import.meta.url));
const LOOPBACK = new Set(['127.0.0.1', '::1', 'localhost']);

const processOutput: ServeOutput = {
  out: (text) => process.stdout.write(`${text}\n`),
  err: (text) => process.stderr.write(`${text}\n`),
};

/**
 * `streamlens serve`: the engine in a worker thread, the dashboard and its API over HTTP and a
 * WebSocket, refused without the printed token. Runs until Ctrl-C / SIGTERM, then stops
 * cleanly (everything committed). Resolves to the exit code: 0 after a clean stop, 2 for bad
 * input (config, data folder, no dashboard build), 1 for a failure.
 */
export async function serveCommand(options: ServeOptions, output = processOutput): Promise<number> {
  const rendererDir = options.rendererDir ?? DEFAULT_RENDERER_DIR;
  if (!existsSync(join(rendererDir, 'index.html'))) {
    output.err(`streamlens: the dashboard is not built (no ${rendererDir}): run \`npm run build\``);
    return 2;
  }

  let engine: EngineWorkerClient;
  try {
    engine = await startEngineWorker({ configFile: options.config, dataDir: options.dataDir });
  } catch (error) {
    const lines = error instanceof EngineStartupError ? error.errors : [String(error)];
    for (const line of lines) output.err(`streamlens: ${line}`);
    return error instanceof EngineStartupError ? 2 : 1;
  }

  const host = options.host ?? DEFAULT_SERVE_HOST;
  const port = options.port ?? DEFAULT_SERVE_PORT;
  let server;
  try {
    server = await startHttpServer({ transport: engine, rendererDir, host, port });
  } catch (error) {
    output.err(`streamlens: could not listen on ${host}:${port}: ${(error as Error).message}`);
    await engine.stop();
    return 1;
  }

  if (!LOOPBACK.has(host)) {
    output.err(
      `streamlens: listening on ${host}: anyone who can reach it and has the URL can watch`,
    );
  }
  output.out(`Streamlens dashboard: ${server.url}`);
  output.out('Press Ctrl-C to stop.');

  const crash = await waitForStopOrCrash(engine);
  await server.close();
  await engine.stop();
  if (crash) output.err(`streamlens: ${crash.message}`);
  return crash ? 1 : 0;
}

/** Resolves at the first SIGINT / SIGTERM (undefined), or with the engine's crash. */
function waitForStopOrCrash(engine: EngineWorkerClient): Promise<Error | undefined> {
  return new Promise((done) => {
    const finish = (crash?: Error) => {
      process.off('SIGINT', onSignal);
      process.off('SIGTERM', onSignal);
      stopListening();
      done(crash);
    };
    const onSignal = () => finish();
    const stopListening = engine.onError(finish);
    process.once('SIGINT', onSignal);
    process.once('SIGTERM', onSignal);
  });
}
