import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { Snapshot } from '../../shared/snapshot.ts';
import { makeTempDir } from '../../../test/support/temp-dir.ts';
import { EngineStartupError, startEngineWorker } from './worker-client.ts';

const CONFIG = `sources:
  - id: demo
    plugin: synthetic
    options: { rate: 5000 }
`;

const temps: ReturnType<typeof makeTempDir>[] = [];
afterEach(() => temps.splice(0).forEach((temp) => temp.cleanup()));

function tempDir(): string {
  const temp = makeTempDir('streamlens-worker-');
  temps.push(temp);
  return temp.dir;
}

function configIn(dir: string, text = CONFIG): string {
  const file = join(dir, 'config.yml');
  writeFileSync(file, text);
  return file;
}

async function startupErrors(options: Parameters<typeof startEngineWorker>[0]) {
  const error = await startEngineWorker(options).then(
    () => undefined,
    (reason: unknown) => reason,
  );
  expect(error).toBeInstanceOf(EngineStartupError);
  return (error as EngineStartupError).errors;
}

describe('startEngineWorker', () => {
  it('refuses a missing config file with one line', async () => {
    const dir = tempDir();
    const configFile = join(dir, 'missing.yml');
    expect(await startupErrors({ configFile, dataDir: dir })).toEqual([
      `config file ${configFile} not found`,
    ]);
  });

  it('refuses an invalid config with one positioned line per error', async () => {
    const dir = tempDir();
    const configFile = configIn(dir, 'topK: 0\npane: soon\n');
    expect(await startupErrors({ configFile, dataDir: dir })).toEqual([
      `${configFile}: topK must be at least 1 (line 1, column 7)`,
      `${configFile}: pane must be a positive duration like 15s (line 2, column 7)`,
    ]);
  });

  it('refuses a data folder that is a file', async () => {
    const dir = tempDir();
    const dataDir = join(dir, 'data');
    writeFileSync(dataDir, 'not a folder');
    expect(await startupErrors({ configFile: configIn(dir), dataDir })).toEqual([
      `data directory ${dataDir} is not a directory`,
    ]);
  });

  it('stops with everything committed: a restart on the same folder counts the same events', async () => {
    const dir = tempDir();
    const options = { configFile: configIn(dir), dataDir: join(dir, 'data') };
    const first = await startEngineWorker(options);
    let last: Snapshot | undefined;
    first.subscribe('snapshot', (snapshot) => (last = snapshot as Snapshot));
    await new Promise((resolve) => setTimeout(resolve, 500));
    await first.stop();

    const logged = last?.counters.logged ?? 0;
    expect(logged).toBeGreaterThan(0);
    expect(await first.call('snapshot/get', [])).toEqual({
      ok: false,
      error: { name: 'ApiError', code: 'unavailable', message: 'the engine has stopped' },
    });

    const second = await startEngineWorker(options);
    const result = await second.call('snapshot/get', []);
    await second.stop();
    expect(result.ok && (result.value as Snapshot).counters.replayed).toBe(logged);
  });

  it('reports a crashed worker once and fails pending and later calls as unavailable', async () => {
    const workerUrl = new URL('./fixtures/crashing-worker.js', import.meta.url);
    const client = await startEngineWorker({ workerUrl });
    const errors: string[] = [];
    client.onError((error) => errors.push(error.message));

    const expected = {
      ok: false,
      error: {
        name: 'ApiError',
        code: 'unavailable',
        message: 'the engine stopped unexpectedly: engine exploded',
      },
    };
    expect(await client.call('snapshot/get', [])).toEqual(expected);
    expect(await client.call('sources/list', [])).toEqual(expected);
    expect(errors).toEqual(['the engine stopped unexpectedly: engine exploded']);
    await client.stop();
  });
});
