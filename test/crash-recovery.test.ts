import { afterEach, describe, expect, it } from 'vitest';
import { appendFileSync, existsSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { makeTempDir } from './support/temp-dir.ts';
import { finished, readSnapshot, runCli, startCli, waitFor } from './support/cli.ts';
import type { Snapshot } from '../src/shared/snapshot.ts';

/*
 * `kill -9` in the middle of a stream, then a restart: no committed event is lost, none is
 * counted twice, and the windows, bursts and alerts are those of a run that never crashed.
 */

const LINES = 24_000;
const START = Date.UTC(2025, 5, 1, 12, 0, 0);
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

let cleanup = () => {};
afterEach(() => cleanup());

function clf(ms: number): string {
  const d = new Date(ms);
  const pad = (n: number) => String(n).padStart(2, '0');
  return (
    `${pad(d.getUTCDate())}/${MONTHS[d.getUTCMonth()]}/${d.getUTCFullYear()}:` +
    `${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())} +0000`
  );
}

/** Line `i`: 100 requests a second over 4 minutes; `/sale` bursts in the fourth minute. */
function line(i: number): string {
  const ts = START + i * 10;
  const second = Math.floor(i / 100);
  const bursting = second >= 200 && second < 230 && i % 3 !== 0;
  const path = bursting ? '/sale' : ['/', '/products', '/cart', '/login'][i % 4];
  return `198.51.100.${i % 200} - - [${clf(ts)}] "GET ${path}?n=${i} HTTP/1.1" 200 512\n`;
}

const CONFIG = `
sources:
  - id: web
    plugin: file-tail
    options:
      path: ./access.log
      startAt: beginning
      pollInterval: 20ms
      key: { regex: '"[A-Z]+ ([^ ?]+)' }
      time: { regex: '\\[([^\\]]+)\\]', format: clf }
`;

function setup(): { dir: string; config: string; log: string } {
  const temp = makeTempDir();
  cleanup = temp.cleanup;
  const config = join(temp.dir, 'streamlens.yml');
  writeFileSync(config, CONFIG);
  return { dir: temp.dir, config, log: join(temp.dir, 'access.log') };
}

function appendLines(file: string, from: number, to: number): void {
  let text = '';
  for (let i = from; i < to; i++) text += line(i);
  appendFileSync(file, text);
}

function loggedEvents(dataDir: string): number {
  const file = join(dataDir, 'events.db');
  if (!existsSync(file)) return 0;
  const db = new Database(file, { readonly: true, fileMustExist: true });
  try {
    return (db.prepare('SELECT count(*) AS n FROM events').get() as { n: number }).n;
  } catch {
    return 0; // the schema is not there yet
  } finally {
    db.close();
  }
}

async function runToEnd(config: string, dataDir: string, out: string): Promise<Snapshot> {
  const result = await runCli([
    'run',
    '-c',
    config,
    '-d',
    dataDir,
    '--for',
    '2',
    '-q',
    '--snapshot-json',
    out,
  ]);
  expect(result.stderr).toBe('');
  expect(result.code).toBe(0);
  return readSnapshot(out);
}

function comparable(snapshot: Snapshot) {
  const { windows, bursts, alerts, clock } = snapshot;
  const { received, logged, duplicates, late, parseErrors, dropped } = snapshot.counters;
  return {
    clock,
    windows,
    bursts,
    alerts,
    received,
    logged,
    duplicates,
    late,
    parseErrors,
    dropped,
  };
}

describe('a crash mid-stream', () => {
  it('loses nothing, repeats nothing, and rebuilds the same windows and alerts', async () => {
    const { dir, config, log } = setup();
    const crashed = join(dir, 'crashed');
    const straight = join(dir, 'straight');
    writeFileSync(log, '');

    // The stream grows while the engine reads it; kill it once a good part is committed.
    const child = startCli(['run', '-c', config, '-d', crashed, '-q']);
    const exited = finished(child);
    let written = 0;
    const writer = setInterval(() => {
      const next = Math.min(LINES, written + 600);
      appendLines(log, written, next);
      written = next;
    }, 25);
    await waitFor(() => loggedEvents(crashed) >= LINES / 3, 20_000, 'a third of the stream');
    child.kill('SIGKILL');
    const killed = await exited;
    await waitFor(() => written === LINES, 20_000, 'the writer');
    clearInterval(writer);

    expect(killed.signal).toBe('SIGKILL');
    const committedBeforeRestart = loggedEvents(crashed);
    expect(committedBeforeRestart).toBeGreaterThanOrEqual(LINES / 3);
    expect(committedBeforeRestart).toBeLessThan(LINES);

    const restarted = await runToEnd(config, crashed, join(dir, 'restarted.json'));
    const reference = await runToEnd(config, straight, join(dir, 'straight.json'));

    expect(loggedEvents(crashed)).toBe(LINES);
    expect(restarted.counters.received).toBe(LINES);
    expect(restarted.counters.replayed).toBeGreaterThan(0);
    expect(restarted.alerts.length).toBeGreaterThan(0);
    expect(restarted.windows[2].top[0]).toMatchObject({ key: '/sale', exact: true });
    expect(comparable(restarted)).toEqual(comparable(reference));

    const db = new Database(join(crashed, 'events.db'), { readonly: true });
    const distinct = db.prepare('SELECT count(DISTINCT payload) AS n FROM events').get();
    db.close();
    expect(distinct).toEqual({ n: LINES });
  }, 90_000);
});
