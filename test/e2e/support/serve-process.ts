import { type ChildProcess, spawn } from 'node:child_process';
import { join } from 'node:path';
import { ROOT } from './renderer-build.ts';

/** A running `streamlens serve` child process. */
export interface ServeProcess {
  /** The printed address, with its token. */
  url: string;
  /** `http://127.0.0.1:PORT`. */
  origin: string;
  token: string;
  /** SIGTERM, then the exit code once the process ended. */
  stop(): Promise<number | null>;
}

const URL_LINE = /^Streamlens dashboard: (http:\/\/[^/]+)\/([0-9a-f]{64})\/$/m;
const START_TIMEOUT_MS = 30_000;

/** Starts the real command (on a free port by default) and resolves once it printed its address. */
export function startServe(config: string, dataDir: string, port = 0): Promise<ServeProcess> {
  const args = ['bin/streamlens.js', 'serve', '--config', config, '--data-dir', dataDir];
  const child = spawn(process.execPath, [...args, '--port', String(port)], {
    cwd: ROOT,
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...process.env, STREAMLENS_CONFIG_DIR: join(dataDir, 'config') },
  });
  let stdout = '';
  let stderr = '';
  child.stderr?.on('data', (chunk) => (stderr += chunk));

  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => fail('printed no address'), START_TIMEOUT_MS);
    const fail = (why: string) => {
      clearTimeout(timer);
      child.kill('SIGKILL');
      reject(new Error(`streamlens serve ${why}:\n${stdout}${stderr}`));
    };
    child.once('exit', (code) => fail(`exited with ${code}`));
    child.stdout?.on('data', (chunk) => {
      stdout += chunk;
      const match = URL_LINE.exec(stdout);
      if (!match) return;
      clearTimeout(timer);
      child.removeAllListeners('exit');
      const [url, origin, token] = [`${match[1]}/${match[2]}/`, match[1], match[2]];
      resolve({ url, origin, token, stop: () => stop(child) });
    });
  });
}

function stop(child: ChildProcess): Promise<number | null> {
  if (child.exitCode !== null) return Promise.resolve(child.exitCode);
  return new Promise((resolve) => {
    child.once('exit', (code) => resolve(code));
    child.kill('SIGTERM');
  });
}
