import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:net';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { serveCommand, type ServeOutput } from '../src/cli/serve.ts';
import { makeTempDir } from './support/temp-dir.ts';

/* `streamlens serve`'s refusals, each one line and an exit code, before anything listens. */

let temp: ReturnType<typeof makeTempDir>;
let rendererDir: string;
beforeEach(() => {
  temp = makeTempDir('streamlens-serve-command-');
  rendererDir = join(temp.dir, 'renderer');
  mkdirSync(rendererDir);
  writeFileSync(join(rendererDir, 'index.html'), '<!doctype html>\n');
});
afterEach(() => temp.cleanup());

/** Runs the command and returns its exit code and what it printed. */
async function serve(options: Parameters<typeof serveCommand>[0]) {
  const out: string[] = [];
  const err: string[] = [];
  const output: ServeOutput = { out: (text) => out.push(text), err: (text) => err.push(text) };
  const code = await serveCommand({ port: 0, ...options }, output);
  return { code, out, err };
}

describe('streamlens serve', () => {
  it('says in one line to run npm run build when the dashboard is not built', async () => {
    const missing = join(temp.dir, 'nothing');
    expect(await serve({ rendererDir: missing })).toEqual({
      code: 2,
      out: [],
      err: [`streamlens: the dashboard is not built (no ${missing}): run \`npm run build\``],
    });
  });

  it('prints each config error on its own line and exits with 2', async () => {
    const config = join(temp.dir, 'bad.yml');
    writeFileSync(config, 'topK: 0\nlateness: never\n');
    expect(await serve({ rendererDir, config, dataDir: join(temp.dir, 'data') })).toEqual({
      code: 2,
      out: [],
      err: [
        `streamlens: ${config}: topK must be at least 1 (line 1, column 7)`,
        `streamlens: ${config}: lateness must be 0 or a positive duration like 15s (line 2, column 11)`,
      ],
    });
  });

  it('says in one line that the port is taken, suggests --port 0, and exits with 1', async () => {
    const taken: Server = createServer();
    await new Promise<void>((resolve) => taken.listen(0, '127.0.0.1', resolve));
    const port = (taken.address() as { port: number }).port;
    const config = join(temp.dir, 'config.yml');
    writeFileSync(config, 'sources: []\n');
    try {
      expect(await serve({ rendererDir, config, dataDir: join(temp.dir, 'data'), port })).toEqual({
        code: 1,
        out: [],
        err: [
          `streamlens: could not listen on 127.0.0.1:${port}: the port is in use (EADDRINUSE): ` +
            'pass --port 0 to pick a free one',
        ],
      });
    } finally {
      taken.close();
    }
  });

  it('exits with 1, as run does, when another Streamlens holds the data folder', async () => {
    const config = join(temp.dir, 'config.yml');
    writeFileSync(config, 'sources: []\n');
    const dataDir = join(temp.dir, 'data');
    mkdirSync(dataDir);
    // The test runner's parent process is alive and is not this one: the lock is someone's.
    writeFileSync(join(dataDir, 'engine.lock'), `${process.ppid}\n`);
    expect(await serve({ rendererDir, config, dataDir })).toEqual({
      code: 1,
      out: [],
      err: [
        `streamlens: could not open the event log in ${dataDir}: the data directory is in use ` +
          `by another Streamlens (pid ${process.ppid})`,
      ],
    });
    expect(readFileSync(join(dataDir, 'engine.lock'), 'utf8')).toBe(`${process.ppid}\n`);
  });

  it('on all interfaces, warns on stderr and prints the loopback address, which works', async () => {
    const config = join(temp.dir, 'config.yml');
    writeFileSync(config, 'sources: []\n');
    const out: string[] = [];
    const err: string[] = [];
    const pageStatus: Promise<number>[] = [];
    const output: ServeOutput = {
      out: (text) => {
        out.push(text);
        const url = /^Streamlens dashboard: (.*)$/.exec(text)?.[1];
        if (url) pageStatus.push(fetch(url).then((response) => response.status));
      },
      err: (text) => err.push(text),
    };
    // Our own pid is never our parent: serve stops at its first parent check, 1 s in.
    const options = { rendererDir, config, dataDir: join(temp.dir, 'data'), port: 0 };
    const code = await serveCommand(
      { ...options, host: '0.0.0.0', parentPid: process.pid },
      output,
    );

    expect(code).toBe(0);
    expect(err).toEqual([
      'streamlens: warning: listening on all interfaces (0.0.0.0): anyone who can reach it and ' +
        'has the address can read what the engine reads and change its config, over plain ' +
        'unencrypted HTTP',
      `streamlens: the process that started it (pid ${process.pid}) is gone; stopping`,
    ]);
    expect(out).toHaveLength(3);
    expect(out[0]).toMatch(/^Streamlens dashboard: http:\/\/127\.0\.0\.1:\d+\/[0-9a-f]{64}\/$/);
    expect(out.slice(1)).toEqual([
      "From another machine, put this machine's address in place of the loopback one.",
      'Press Ctrl-C to stop.',
    ]);
    expect(await Promise.all(pageStatus)).toEqual([200]);
  });
});
