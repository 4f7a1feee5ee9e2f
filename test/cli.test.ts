import { afterEach, describe, expect, it } from 'vitest';
import { existsSync, mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { makeTempDir } from './support/temp-dir.ts';
import Database from 'better-sqlite3';
import { finished, readSnapshot, runCli, startCli, waitFor } from './support/cli.ts';

let cleanup = () => {};
afterEach(() => cleanup());

function tempDir(): string {
  const temp = makeTempDir();
  cleanup = temp.cleanup;
  return temp.dir;
}

describe('streamlens', () => {
  it('prints its usage with --help', async () => {
    const result = await runCli(['--help']);
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('Usage: streamlens [options] [command]');
    expect(result.stdout).toMatch(/run \[options\]\s+run the engine headless/);
  });

  it('runs the synthetic default stream and writes the last snapshot', async () => {
    const dir = tempDir();
    const out = join(dir, 'snapshot.json');
    const result = await runCli(
      ['run', '--data-dir', join(dir, 'data'), '--for', '2', '--snapshot-json', out],
      dir,
    );
    expect(result.code).toBe(0);
    const snapshot = readSnapshot(out);
    expect(snapshot.sources).toEqual([
      expect.objectContaining({ id: 'demo', plugin: 'synthetic', state: 'stopped' }),
    ]);
    expect(snapshot.counters.received).toBeGreaterThan(1000);
    expect(snapshot.counters.logged).toBe(snapshot.counters.received);
    expect(snapshot.windows.map((w) => w.label)).toEqual(['5s', '15s', '60s']);
    expect(snapshot.windows[2].top[0].key).toBe('apple');
    // The dashboard printed at least once a second, and once more at the end.
    expect(result.stdout.match(/^5s window: /gm)?.length).toBeGreaterThanOrEqual(2);
  });

  it('refuses a missing config file in one line and creates nothing', async () => {
    const dir = tempDir();
    const data = join(dir, 'data');
    const result = await runCli(['run', '-c', join(dir, 'nope.yml'), '-d', data, '--for', '1']);
    expect(result.code).toBe(2);
    expect(result.stderr).toBe(`streamlens: config file ${join(dir, 'nope.yml')} not found\n`);
    expect(existsSync(data)).toBe(false);
  });

  it('refuses an invalid config with the path, line and column of each error', async () => {
    const dir = tempDir();
    const config = join(dir, 'bad.yml');
    writeFileSync(config, 'windows: [5s, fast]\ntopK: 0\n');
    const data = join(dir, 'data');
    const result = await runCli(['run', '-c', config, '-d', data, '--for', '1']);
    expect(result.code).toBe(2);
    expect(result.stderr.trim().split('\n')).toEqual([
      `streamlens: ${config}: windows[1] must be a positive duration like 15s (line 1, column 15)`,
      `streamlens: ${config}: topK must be at least 1 (line 2, column 7)`,
    ]);
    expect(existsSync(data)).toBe(false);
  });

  it('refuses a data directory that is a file', async () => {
    const dir = tempDir();
    const data = join(dir, 'data');
    writeFileSync(data, 'not a folder');
    const result = await runCli(['run', '-d', data, '--for', '1']);
    expect(result.code).toBe(2);
    expect(result.stderr).toBe(`streamlens: data directory ${data} is not a directory\n`);
  });

  it('refuses a data directory below a file without leaving anything behind', async () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'file'), '');
    const data = join(dir, 'file', 'data');
    const result = await runCli(['run', '-d', data, '--for', '1']);
    expect(result.code).toBe(2);
    expect(result.stderr).toBe(
      `streamlens: data directory ${data} is not usable: a folder on its path is a file\n`,
    );
    expect(readdirSync(dir)).toEqual(['file']);
  });

  it('prints its version', async () => {
    const result = await runCli(['--version']);
    expect(result).toMatchObject({ code: 0, stdout: '0.1.0\n' });
  });

  it('refuses a bad --for value', async () => {
    const result = await runCli(['run', '--for', 'soon']);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain(
      "error: option '--for <seconds>' argument 'soon' is invalid. must be a number of seconds from 0 to 2147483",
    );
  });
});

describe('streamlens run on Ctrl-C', () => {
  it('stops cleanly with everything committed', async () => {
    const dir = tempDir();
    const out = join(dir, 'snapshot.json');
    const child = startCli(['run', '-d', join(dir, 'data'), '-q', '--snapshot-json', out], dir);
    const exited = finished(child);
    await new Promise((resolve) => setTimeout(resolve, 2500));
    child.kill('SIGINT');
    const result = await exited;

    expect(result.code).toBe(0);
    const snapshot = readSnapshot(out);
    expect(snapshot.counters.received).toBeGreaterThan(0);
    const db = new Database(join(dir, 'data', 'events.db'), { readonly: true });
    const logged = db.prepare('SELECT count(*) AS n FROM events').get();
    db.close();
    expect(logged).toEqual({ n: snapshot.counters.logged });
    expect(snapshot.counters.logged).toBe(snapshot.counters.received);
  });
});

describe('streamlens run refuses', () => {
  it('a second engine on the same data folder, naming the first', async () => {
    const dir = tempDir();
    const data = join(dir, 'data');
    const first = startCli(['run', '-d', data, '-q', '--for', '4'], dir);
    const firstDone = finished(first);
    await waitFor(() => existsSync(join(data, 'engine.lock')), 10_000, 'the first engine');
    const second = await runCli(['run', '-d', data, '-q', '--for', '1'], dir);
    expect(second.code).toBe(1);
    expect(second.stderr).toBe(
      `streamlens: could not open the event log in ${data}: ` +
        `the data directory is in use by another Streamlens (pid ${first.pid})\n`,
    );
    expect((await firstDone).code).toBe(0);
    expect(existsSync(join(data, 'engine.lock'))).toBe(false);
  });

  it('a log file that is not a database', async () => {
    const dir = tempDir();
    const data = join(dir, 'data');
    mkdirSync(data);
    writeFileSync(join(data, 'events.db'), 'x'.repeat(4096));
    const result = await runCli(['run', '-d', data, '-q', '--for', '1'], dir);
    expect(result.code).toBe(1);
    expect(result.stderr).toBe(
      `streamlens: could not open the event log in ${data}: file is not a database\n`,
    );
    expect(readdirSync(data).sort()).toEqual(['events.db']);
  });

  it('a snapshot file it could not write, before running', async () => {
    const dir = tempDir();
    const out = join(dir, 'missing', 'snapshot.json');
    const result = await runCli([
      'run',
      '-d',
      join(dir, 'd'),
      '--for',
      '1',
      '--snapshot-json',
      out,
    ]);
    expect(result.code).toBe(2);
    expect(result.stderr).toBe(
      `streamlens: snapshot file ${out} cannot be written: its folder does not exist\n`,
    );
    expect(existsSync(join(dir, 'd'))).toBe(true); // the data folder check comes first
  });
});

describe('streamlens run with its output closed', () => {
  it('stops cleanly when the reader of a pipe goes away', async () => {
    const dir = tempDir();
    const out = join(dir, 'snapshot.json');
    const child = startCli(['run', '-d', join(dir, 'data'), '--snapshot-json', out], dir);
    const exited = finished(child);
    await new Promise((resolve) => child.stdout!.once('data', resolve));
    child.stdout!.destroy();
    const result = await exited;
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    expect(readSnapshot(out).counters.logged).toBeGreaterThan(0);
  });
});
