import { writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import type { Snapshot } from '../shared/snapshot.ts';
import { Engine } from '../main/engine/engine.ts';
import { createLogger } from '../main/engine/logger.ts';
import { prepareEngine } from '../main/engine-setup.ts';
import { formatDashboard } from './dashboard.ts';

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
}

const processOutput: Output = {
  out: (text) => process.stdout.write(`${text}\n`),
  err: (text) => process.stderr.write(`${text}\n`),
  isTTY: Boolean(process.stdout.isTTY),
};

const CLEAR_SCREEN = '\x1b[2J\x1b[H';

/**
 * `streamlens run`: the engine headless, a text dashboard once a second, and a clean stop
 * (everything committed) after `--for` seconds or on Ctrl-C / SIGTERM. Resolves to the exit
 * code: 0 after a clean stop, 2 for bad input (config, data folder), 1 for a failure.
 */
export async function runCommand(options: RunOptions, output = processOutput): Promise<number> {
  const prepared = prepareEngine({ configFile: options.config, dataDir: options.dataDir });
  if (!prepared.ok) {
    for (const error of prepared.errors) output.err(`streamlens: ${error}`);
    return 2;
  }

  let engine: Engine;
  try {
    engine = Engine.open({ ...prepared.options, logger: createLogger() });
  } catch (error) {
    output.err(
      `streamlens: could not open the event log in ${prepared.options.dataDir}: ${message(error)}`,
    );
    return 1;
  }

  const dashboard = options.quiet ? undefined : startDashboard(engine, output);
  await engine.start();
  await waitForStop(options.for);
  clearInterval(dashboard);
  await engine.stop();

  const last = engine.snapshot();
  if (!options.quiet) output.out(formatDashboard(last));
  if (options.snapshotJson) writeSnapshot(options.snapshotJson, last);
  return 0;
}

function startDashboard(engine: Engine, output: Output): NodeJS.Timeout {
  return setInterval(() => {
    const text = formatDashboard(engine.snapshot());
    output.out(output.isTTY ? `${CLEAR_SCREEN}${text}` : `${text}\n`);
  }, 1000);
}

/** Resolves after `seconds`, or at the first SIGINT / SIGTERM. */
function waitForStop(seconds: number | undefined): Promise<void> {
  return new Promise((done) => {
    const finish = () => {
      clearTimeout(timer);
      process.off('SIGINT', finish);
      process.off('SIGTERM', finish);
      done();
    };
    const timer = seconds === undefined ? undefined : setTimeout(finish, seconds * 1000);
    process.once('SIGINT', finish);
    process.once('SIGTERM', finish);
  });
}

function writeSnapshot(file: string, snapshot: Snapshot): void {
  writeFileSync(resolve(file), `${JSON.stringify(snapshot, null, 2)}\n`);
}

function message(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
