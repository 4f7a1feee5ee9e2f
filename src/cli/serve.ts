import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { startHttpServer, type RunningHttpServer } from '../main/host/http-server.ts';
import { isLoopbackHost, isWildcardHost } from '../main/host/listen-address.ts';
import { parentPidFrom, watchParent } from '../main/host/parent-watch.ts';
import {
  EngineStartupError,
  type EngineWorkerClient,
  startEngineWorker,
} from '../main/host/worker-client.ts';
import { type StopReason, waitForStop } from './stop-signal.ts';

export interface ServeOptions {
  config?: string;
  dataDir?: string;
  /** Address to listen on. */
  host?: string;
  /** TCP port; 0 picks a free one. */
  port?: number;
  /** The built renderer; `out/renderer` of this package by default. */
  rendererDir?: string;
  /**
   * Stop once our parent process is no longer this pid; by default the pid in
   * `STREAMLENS_PARENT_PID`, which `npm start` sets, else never.
   */
  parentPid?: number;
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

const processOutput: ServeOutput = {
  out: (text) => process.stdout.write(`${text}\n`),
  err: (text) => process.stderr.write(`${text}\n`),
};

/**
 * `streamlens serve`: the engine in a worker thread, the dashboard and its API over HTTP and a
 * WebSocket under `/<token>/`. Runs until Ctrl-C / SIGTERM / SIGHUP or until the process that
 * started it is gone, then stops cleanly (everything committed). Resolves to the exit code, as
 * `streamlens run` does: 0 after a clean stop, 2 for bad input (config, data folder, no
 * dashboard build), 1 for a failure (the log in use, the port taken, the engine crashed).
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
    const known = error instanceof EngineStartupError;
    for (const line of known ? error.errors : [String(error)]) output.err(`streamlens: ${line}`);
    return known && error.kind === 'bad-input' ? 2 : 1;
  }

  const host = options.host ?? DEFAULT_SERVE_HOST;
  const port = options.port ?? DEFAULT_SERVE_PORT;
  let server: RunningHttpServer;
  try {
    server = await startHttpServer({ transport: engine, rendererDir, host, port });
  } catch (error) {
    output.err(`streamlens: could not listen on ${host}:${port}: ${listenProblem(error)}`);
    await engine.stop();
    return 1;
  }

  announce(server, host, output);
  const reason = await waitForStopOrParent(engine, options.parentPid, output);
  await server.close();
  await engine.stop();
  if (reason.kind === 'failure') output.err(`streamlens: ${reason.message}`);
  return reason.kind === 'failure' ? 1 : 0;
}

/** Prints the address to open, and on stderr what an address beyond loopback exposes. */
function announce(server: RunningHttpServer, host: string, output: ServeOutput): void {
  if (!isLoopbackHost(host)) {
    const where = isWildcardHost(host) ? `all interfaces (${host})` : host;
    output.err(
      `streamlens: warning: listening on ${where}: anyone who can reach it and has the address ` +
        'can read what the engine reads and change its config, over plain unencrypted HTTP',
    );
  }
  output.out(`Streamlens dashboard: ${server.url}`);
  if (isWildcardHost(host)) {
    output.out(`From another machine, put this machine's address in place of the loopback one.`);
  }
  output.out('Press Ctrl-C to stop.');
}

function listenProblem(error: unknown): string {
  const { code, message } = error as NodeJS.ErrnoException;
  if (code === 'EADDRINUSE') {
    return 'the port is in use (EADDRINUSE): pass --port 0 to pick a free one';
  }
  return message ?? String(error);
}

/**
 * Resolves at a stop signal, at the engine's crash, or (stopping as on SIGTERM) once the
 * parent named by `parentPid` or `STREAMLENS_PARENT_PID` is gone.
 */
async function waitForStopOrParent(
  engine: EngineWorkerClient,
  parentPid: number | undefined,
  output: ServeOutput,
): Promise<StopReason> {
  const watched = parentPid ?? parentPidFrom(process.env);
  let stopWatching = () => {};
  const reason = await waitForStop({
    onFailure: (listener) => engine.onError((error) => listener(error.message)),
    trigger: (stop) => {
      if (watched === undefined) return;
      stopWatching = watchParent({ parentPid: watched }, () => {
        output.err(`streamlens: the process that started it (pid ${watched}) is gone; stopping`);
        stop({ kind: 'signal', signal: 'SIGTERM' });
      });
    },
  });
  stopWatching();
  return reason;
}
