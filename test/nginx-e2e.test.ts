import { afterEach, describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { makeTempDir } from './support/temp-dir.ts';
import { ROOT, readSnapshot, runCli } from './support/cli.ts';

/*
 * The real command on the real nginx log: `streamlens run --config examples/nginx-access.yml`.
 * Expected values come from the fixture's README (computed with awk and Python) and, again,
 * from a naive count in this file.
 */

const FIXTURE = join(ROOT, 'test', 'fixtures', 'nginx', 'access.log');
const LAST_LINE_TIME = Date.parse('2026-12-03T22:04:32+05:30');

const EXPECTED_TOP: Record<string, [string, number][]> = {
  '60s': [
    ['/api/export', 350],
    ['/', 315],
    ['/static/app.js', 166],
    ['/static/app.css', 112],
    ['/products', 92],
    ['/images/logo.png', 65],
    ['/products/42', 51],
    ['/api/cart', 50],
    ['/login', 40],
    ['/api/recommendations', 36],
  ],
  '15s': [
    ['/', 97],
    ['/static/app.js', 43],
    ['/products', 38],
    ['/static/app.css', 25],
    ['/products/42', 21],
    ['/api/cart', 20],
    ['/products/7', 15],
    ['/api/recommendations', 13],
    ['/images/logo.png', 13],
    ['/login', 12],
  ],
  '5s': [
    ['/', 30],
    ['/static/app.js', 18],
    ['/products', 13],
    ['/api/cart', 9],
    ['/products/42', 8],
    ['/static/app.css', 8],
    ['/api/recommendations', 6],
    ['/login', 6],
    ['/products/7', 5],
    ['/api/checkout', 4], // a three-way tie at 4, broken by key
  ],
};

const MONTHS = 'JanFebMarAprMayJunJulAugSepOctNovDec';

/** A deliberately plain reading of the fixture: [time ms, request target] per line. */
function readFixture(): [number, string][] {
  return readFileSync(FIXTURE, 'utf8')
    .trimEnd()
    .split('\n')
    .map((line) => {
      const [, day, month, year, clock, zone, target] =
        /\[(\d\d)\/(\w{3})\/(\d{4}):(\S+) ([+-]\d{4})\] "\w+ (\S+)/.exec(line)!;
      const monthNumber = String(MONTHS.indexOf(month) / 3 + 1).padStart(2, '0');
      const iso = `${year}-${monthNumber}-${day}T${clock}${zone.slice(0, 3)}:${zone.slice(3)}`;
      return [Date.parse(iso), target];
    });
}

function naiveTop(lines: [number, string][], lengthMs: number, end: number) {
  const counts = new Map<string, number>();
  for (const [time, target] of lines) {
    if (time > end - lengthMs && time <= end) counts.set(target, (counts.get(target) ?? 0) + 1);
  }
  return [...counts].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1)).slice(0, 10);
}

let cleanup = () => {};
afterEach(() => cleanup());

describe('streamlens run on a real nginx access log', () => {
  it('shows the exact top paths of each window as of the log’s last line', async () => {
    const temp = makeTempDir();
    cleanup = temp.cleanup;
    const out = join(temp.dir, 'snapshot.json');
    const config = join(ROOT, 'examples', 'nginx-access.yml');
    const args = ['run', '--config', config, '--data-dir', temp.dir, '--for', '5'];
    const result = await runCli([...args, '--snapshot-json', out]);

    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('60s window: 1,620 events, exact');
    const snapshot = readSnapshot(out);
    expect(snapshot.clock).toBe(LAST_LINE_TIME);
    expect(snapshot.counters).toMatchObject({
      received: 5498,
      logged: 5498,
      parseErrors: 0,
      late: 0,
      duplicates: 0,
      dropped: 0,
    });
    expect(snapshot.sources).toEqual([
      expect.objectContaining({ id: 'web', plugin: 'file-tail', state: 'stopped' }),
    ]);

    const lines = readFixture();
    for (const window of snapshot.windows) {
      const top = window.top.map((entry) => [entry.key, entry.count]);
      expect(top, window.label).toEqual(EXPECTED_TOP[window.label]);
      expect(top, window.label).toEqual(naiveTop(lines, window.lengthMs, LAST_LINE_TIME));
      expect(window.exact).toBe(true);
    }
    expect(snapshot.windows.map((w) => [w.label, w.total])).toEqual([
      ['5s', 138],
      ['15s', 400],
      ['60s', 1620],
    ]);

    // The three bursts the fixture was made with all raised alerts.
    const alerted = new Set(snapshot.alerts.map((alert) => alert.key));
    for (const path of ['/api/search?q=sale', '/products/42', '/api/export']) {
      expect(alerted.has(path), path).toBe(true);
    }
  });
});
