import { mkdirSync, writeFileSync } from 'node:fs';
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

  it('says so in one line and exits with 1 when the port is taken', async () => {
    const taken: Server = createServer();
    await new Promise<void>((resolve) => taken.listen(0, '127.0.0.1', resolve));
    const port = (taken.address() as { port: number }).port;
    const config = join(temp.dir, 'config.yml');
    writeFileSync(config, 'sources: []\n');
    try {
      const result = await serve({ rendererDir, config, dataDir: join(temp.dir, 'data'), port });
      expect(result.code).toBe(1);
      expect(result.out).toEqual([]);
      expect(result.err).toHaveLength(1);
      expect(result.err[0]).toMatch(
        new RegExp(`^streamlens: could not listen on 127\\.0\\.0\\.1:${port}: .*EADDRINUSE`),
      );
    } finally {
      taken.close();
    }
  });
});
