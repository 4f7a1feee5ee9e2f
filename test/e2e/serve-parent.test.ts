import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeTempDir } from '../support/temp-dir.ts';
import { ROOT } from './support/renderer-build.ts';

/*
 * `npm start`'s browser fallback killed with SIGKILL: a small parent runs the launcher's own
 * `serveInBrowser` (the real `bin/streamlens.js serve` as its child) and is killed outright.
 * The orphaned serve must notice within a few seconds, stop cleanly and let go of the data
 * folder. It lives with the browser tests because serve needs the built dashboard.
 */

const CONFIG = `sources:
  - id: demo
    plugin: synthetic
    options: { rate: 500 }
`;
const DEADLINE_MS = 15_000;

let temp: ReturnType<typeof makeTempDir>;
let parent: ChildProcess;
let output = '';
let dataDir: string;
let servePid = 0;

beforeAll(async () => {
  temp = makeTempDir('streamlens-parent-');
  dataDir = join(temp.dir, 'data');
  const config = join(temp.dir, 'config.yml');
  writeFileSync(config, CONFIG);

  // Records the exit code of every Node process started with it: the orphan has no parent
  // left to tell us.
  const recorder = join(temp.dir, 'record-exit.mjs');
  writeFileSync(
    recorder,
    `import { writeFileSync } from 'node:fs';
process.on('exit', (code) => writeFileSync(${JSON.stringify(temp.dir)} + '/exit-' + process.pid, String(code)));
`,
  );
  const parentScript = join(temp.dir, 'parent.mts');
  const launcher = pathToFileURL(join(ROOT, 'src', 'main', 'launcher', 'start.ts')).href;
  const args = ['--config', config, '--data-dir', dataDir, '--port', '0'];
  writeFileSync(
    parentScript,
    `const { serveInBrowser } = await import(${JSON.stringify(launcher)});
await serveInBrowser({ root: ${JSON.stringify(ROOT)}, args: ${JSON.stringify(args)}, env: process.env });
`,
  );

  const nodeOptions = `${process.env.NODE_OPTIONS ?? ''} --import=${pathToFileURL(recorder).href}`;
  parent = spawn(process.execPath, ['--import', 'tsx', parentScript], {
    cwd: ROOT,
    stdio: ['ignore', 'pipe', 'pipe'],
    env: {
      ...process.env,
      NODE_OPTIONS: nodeOptions.trim(),
      STREAMLENS_CONFIG_DIR: join(temp.dir, 'config'),
    },
  });
  parent.stdout?.on('data', (chunk) => (output += chunk));
  parent.stderr?.on('data', (chunk) => (output += chunk));
  await until(() => output.includes('Streamlens dashboard: '), 'serve to print its address');
  servePid = Number.parseInt(readFileSync(join(dataDir, 'engine.lock'), 'utf8'), 10);
}, 60_000);

afterAll(() => {
  // Never leave a serve behind when the test failed.
  for (const pid of [parent?.pid, servePid]) {
    if (pid && isAlive(pid)) process.kill(pid, 'SIGKILL');
  }
  temp?.cleanup();
});

describe('streamlens serve started by npm start', () => {
  it('is the child of the launcher, told its pid', () => {
    expect(servePid).toBeGreaterThan(0);
    expect(parentPidOf(servePid)).toBe(parent.pid);
  });

  it('stops cleanly with exit code 0 and frees the data folder once the launcher is killed', async () => {
    const url = /Streamlens dashboard: (\S+)/.exec(output)?.[1] ?? '';
    expect((await fetch(url)).status).toBe(200);

    parent.kill('SIGKILL');
    const exitFile = join(temp.dir, `exit-${servePid}`);
    await until(() => existsSync(exitFile), 'the orphaned serve to exit');

    expect(readFileSync(exitFile, 'utf8')).toBe('0');
    expect(existsSync(join(dataDir, 'engine.lock'))).toBe(false);
    expect(output).toContain(
      `streamlens: the process that started it (pid ${parent.pid}) is gone; stopping\n`,
    );
    await expect(fetch(url)).rejects.toThrow();
  });
});

/** Polls `condition` every 50 ms; a real process must be waited for. */
async function until(condition: () => boolean, what: string): Promise<void> {
  const deadline = Date.now() + DEADLINE_MS;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}:\n${output}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

function parentPidOf(pid: number): number {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  return Number(/^PPid:\s+(\d+)$/m.exec(status)?.[1]);
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}
