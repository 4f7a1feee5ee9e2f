import { type ChildProcess, spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Snapshot } from '../../src/shared/snapshot.ts';

export const ROOT = join(import.meta.dirname, '..', '..');
const BIN = join(ROOT, 'bin', 'streamlens.js');

export interface CliResult {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
}

/** Starts the real `streamlens` command as a child process. */
export function startCli(args: string[], cwd = ROOT): ChildProcess {
  return spawn(process.execPath, [BIN, ...args], {
    cwd,
    // No user config or data folder of the machine may leak into a test.
    env: {
      ...process.env,
      STREAMLENS_LOG_LEVEL: 'warn',
      STREAMLENS_CONFIG_DIR: join(cwd, '.no-user-config'),
      STREAMLENS_DATA_DIR: join(cwd, '.no-user-data'),
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
}

/** Runs the real `streamlens` command to its end and collects what it printed. */
export function runCli(args: string[], cwd = ROOT): Promise<CliResult> {
  return finished(startCli(args, cwd));
}

/** Collects a started command's output until it exits. */
export function finished(child: ChildProcess): Promise<CliResult> {
  let stdout = '';
  let stderr = '';
  child.stdout?.on('data', (chunk) => (stdout += chunk));
  child.stderr?.on('data', (chunk) => (stderr += chunk));
  return new Promise((resolve) => {
    child.on('close', (code, signal) => resolve({ code, signal, stdout, stderr }));
  });
}

export function readSnapshot(file: string): Snapshot {
  return JSON.parse(readFileSync(file, 'utf8')) as Snapshot;
}

/** Polls `check` every 50 ms until it returns true or `timeoutMs` passes. */
export async function waitFor(check: () => boolean, timeoutMs: number, what: string) {
  const deadline = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}
