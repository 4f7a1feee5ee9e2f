import { accessSync, constants, statSync, writeFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import type { Snapshot } from '../shared/snapshot.ts';
import { Engine } from '../main/engine/engine.ts';
import { createLogger } from '../main/engine/logger.ts';
import { prepareEngine } from '../main/engine-setup.ts';
import { formatDashboard } from './dashboard.ts';
import { type StopReason, waitForStop } from './stop-signal.ts';

export interface RunOptions {
  config?: string;
  dataDir?: string;
  for?: number;
  snapshotJson?: string;
  quiet?: boolean;
}

/** Where `streamlens run` writes: injectable so tests can read what it printed. */
export interface Output {
  out(text: string): void;
  err(text: string): void;
  isTTY: boolean;
  /** Calls `listener` when the reader of `out` goes away (a closed pipe). */
  onOutClosed(listener: () => void): void;
}

export const processOutput: Output = {
  out: (text) => void process.stdout.write(`${text}\n`),
  err: (text) => void process.stderr.write(`${text}\n`),
  isTTY: Boolean(process.stdout.isTTY),
  onOutClosed: (listener) =>
    process.stdout.on('error', (error: NodeJS.ErrnoException) => {
      if (error.code === 'EPIPE') listener();
      else throw error;
    }),
};

const CLEAR_SCREEN = '\x1b[2J\x1b[H';

/**
 * `streamlens run`: the engine headless, a text dashboard once a second, and a clean stop
 * (everything committed) after `--for` seconds, on Ctrl-C / SIGTERM / SIGHUP, or when the
 * reader of its output goes away. Resolves to the exit code: 0 after a clean stop, 2 for bad
 * input (config, data folder, output file), 1 when the engine failed.
 */
export async function runCommand(options: RunOptions, output = processOutput): Promise<number> {
  const prepared = prepareEngine({ configFile: options.config, dataDir: options.dataDir });
  const problems = prepared.ok ? checkOutputFile(options.snapshotJson) : prepared.errors;
  if (!prepared.ok || problems.length > 0) {
    for (const problem of problems) output.err(`streamlens: ${problem}`);
    return 2;
  }

  let engine: Engine;
  try {
    engine = Engine.open({ ...prepared.options, logger: createLogger() });
  } catch (error) {
    const where = prepared.options.dataDir;
    output.err(`streamlens: could not open the event log in ${where}: ${message(error)}`);
    return 1;
  }

  let printing = !options.quiet;
  const dashboard = setInterval(() => {
    if (printing) printDashboard(engine.snapshot(), output);
  }, 1000);
  await engine.start();
  const reason = await waitForStop({
    seconds: options.for,
    onFailure: (listener) => engine.onFailure(listener),
    trigger: (stop) => output.onOutClosed(() => stop({ kind: 'signal', signal: 'SIGPIPE' })),
  });
  clearInterval(dashboard);
  if (reason.kind === 'signal' && reason.signal === 'SIGPIPE') printing = false;
  return finish(engine, reason, options, printing, output);
}

async function finish(
  engine: Engine,
  reason: StopReason,
  options: RunOptions,
  printing: boolean,
  output: Output,
): Promise<number> {
  let failure = reason.kind === 'failure' ? reason.message : undefined;
  try {
    await engine.stop();
  } catch (error) {
    failure = message(error);
  }
  const last = engine.snapshot();
  if (printing) output.out(formatDashboard(last));
  if (options.snapshotJson) writeSnapshot(options.snapshotJson, last);
  if (failure) output.err(`streamlens: ${failure}`);
  return failure ? 1 : 0;
}

function printDashboard(snapshot: Snapshot, output: Output): void {
  const text = formatDashboard(snapshot);
  output.out(output.isTTY ? `${CLEAR_SCREEN}${text}` : `${text}\n`);
}

/** Refuses, before anything runs, a snapshot file that could not be written at the end. */
function checkOutputFile(file: string | undefined): string[] {
  if (file === undefined) return [];
  const path = resolve(file);
  try {
    const existing = statSync(path, { throwIfNoEntry: false });
    if (existing?.isDirectory()) return [`snapshot file ${file} is a directory`];
    accessSync(existing ? path : dirname(path), constants.W_OK);
    return [];
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    const reason = code === 'ENOENT' ? 'its folder does not exist' : 'it is not writable';
    return [`snapshot file ${file} cannot be written: ${reason}`];
  }
}

function writeSnapshot(file: string, snapshot: Snapshot): void {
  writeFileSync(resolve(file), `${JSON.stringify(snapshot, null, 2)}\n`);
}

function message(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
