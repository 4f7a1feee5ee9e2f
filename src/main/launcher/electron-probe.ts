import { spawn } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { downloadSkipReason, type ElectronProbe } from './launch-plan.ts';

/**
 * The Electron binary the `electron` package installed, or undefined. The package writes the
 * executable's path inside `dist/` to `path.txt` once its download succeeded.
 */
export function installedElectronBinary(electronDir: string): string | undefined {
  const pathFile = join(electronDir, 'path.txt');
  if (!existsSync(pathFile)) return undefined;
  const binary = join(electronDir, 'dist', readFileSync(pathFile, 'utf8').trim());
  return existsSync(binary) ? binary : undefined;
}

/** How a fetch of the binary ended: undefined when it worked, else a one-line reason. */
export type FetchOutcome = string | undefined;

/**
 * Runs the `electron` package's own installer (which downloads the binary for this platform),
 * giving up after `timeoutMs`. Without a network it fails within a second.
 */
export function fetchElectron(electronDir: string, timeoutMs: number): Promise<FetchOutcome> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [join(electronDir, 'install.js')], {
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    child.stdout.on('data', (chunk) => (output += chunk));
    child.stderr.on('data', (chunk) => (output += chunk));
    const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
    child.on('error', (error) => resolve(error.message));
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      if (code === 0) resolve(undefined);
      else if (signal) resolve(`no answer within ${timeoutMs / 1000} s`);
      else resolve(firstErrorLine(output) ?? `the installer exited with code ${code}`);
    });
  });
}

/**
 * The line of an installer's output that says what went wrong: the first that is neither blank
 * nor a stack frame.
 *
 * @example firstErrorLine('TypeError: fetch failed\n    at x (y.js:1:1)') // 'TypeError: fetch failed'
 */
export function firstErrorLine(output: string): string | undefined {
  return output
    .split('\n')
    .map((line) => line.trim())
    .find((line) => line !== '' && !line.startsWith('at '));
}

/** How long `npm start` lets the installer try before serving in the browser, ms. */
export const DEFAULT_FETCH_TIMEOUT_MS = 120_000;

/**
 * Finds the Electron binary, fetching it once when it is missing and downloads are allowed.
 * `onSlowFetch` is called if the fetch is still going after 2 s (a real download), so a fetch
 * that fails at once adds no output.
 */
export async function probeElectron(
  electronDir: string,
  env: NodeJS.ProcessEnv,
  onSlowFetch: () => void = () => {},
): Promise<ElectronProbe> {
  const binary = installedElectronBinary(electronDir);
  if (binary) return { binary };
  const fetchSkipped = downloadSkipReason(env);
  if (fetchSkipped) return { fetchSkipped };

  const timeoutMs = Number(env.STREAMLENS_ELECTRON_FETCH_TIMEOUT_MS) || DEFAULT_FETCH_TIMEOUT_MS;
  const slow = setTimeout(onSlowFetch, 2000);
  const fetchFailure = await fetchElectron(electronDir, timeoutMs).finally(() =>
    clearTimeout(slow),
  );
  if (fetchFailure) return { fetchFailure };
  const fetched = installedElectronBinary(electronDir);
  return fetched ? { binary: fetched } : { fetchFailure: 'the installer wrote no binary' };
}
