import { afterEach, describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { EventLog, EventFlag, type LogRow } from './event-log.ts';
import { makeTempDir } from '../../../test/support/temp-dir.ts';

let cleanup = () => {};
afterEach(() => cleanup());

function openLog(): { log: EventLog; file: string } {
  const temp = makeTempDir();
  cleanup = temp.cleanup;
  const file = join(temp.dir, 'events.db');
  return { log: new EventLog(file), file };
}

function rows(count: number, sourceNum: number, tsStart = 1000): LogRow[] {
  return Array.from({ length: count }, (_, i) => ({
    ts: tsStart + i,
    sourceNum,
    key: `k${i % 7}`,
    id: i % 2 ? `id-${i}` : null,
    payload: i === 0 ? 'first line' : null,
    flags: i === 3 ? EventFlag.duplicate : 0,
  }));
}

const none = new Map();

describe('EventLog', () => {
  it('assigns consecutive seqs across multi-row and single-row inserts', () => {
    const { log } = openLog();
    const web = log.sourceNum('web', 'file-tail');
    const first = log.append({
      rows: rows(250, web),
      clockStart: 0,
      clockEnd: 1249,
      positions: none,
      counters: none,
    });
    const second = log.append({
      rows: rows(3, web, 2000),
      clockStart: 1249,
      clockEnd: 2002,
      positions: none,
      counters: none,
    });
    expect(first).toEqual({ firstSeq: 1, lastSeq: 250, clockStart: 0, clockEnd: 1249 });
    expect(second).toEqual({ firstSeq: 251, lastSeq: 253, clockStart: 1249, clockEnd: 2002 });
    const stored = [...log.events(249, 252)];
    expect(stored.map((e) => [e.seq, e.ts, e.key])).toEqual([
      [249, 1248, 'k3'],
      [250, 1249, 'k4'],
      [251, 2000, 'k0'],
      [252, 2001, 'k1'],
    ]);
    log.close();
  });

  it('keeps rows, positions, counters and state across a reopen', () => {
    const { log, file } = openLog();
    const web = log.sourceNum('web', 'file-tail');
    log.append({
      rows: rows(5, web),
      clockStart: 0,
      clockEnd: 1004,
      positions: new Map([['web', { offset: 420 }]]),
      counters: new Map([
        ['web/received', 5],
        ['all/duplicates', 1],
      ]),
      state: new Map([['bursts', '{"streaks":[]}']]),
    });
    log.close();

    const reopened = new EventLog(file);
    expect(reopened.lastSeq).toBe(5);
    expect(reopened.sourceNum('web', 'file-tail')).toBe(web);
    expect(reopened.positions()).toEqual(new Map([['web', { offset: 420 }]]));
    expect(reopened.counters()).toEqual(
      new Map([
        ['web/received', 5],
        ['all/duplicates', 1],
      ]),
    );
    expect(reopened.state('bursts')).toBe('{"streaks":[]}');
    const [third, fourth] = [...reopened.events(4, 5)];
    expect(third).toEqual({
      seq: 4,
      ts: 1003,
      sourceNum: web,
      key: 'k3',
      id: 'id-3',
      payload: null,
      flags: 1,
    });
    expect(fourth.id).toBeNull();
    reopened.close();
  });

  it('finds the commits a replay needs by clock', () => {
    const { log } = openLog();
    const web = log.sourceNum('web', 'synthetic');
    log.append({
      rows: rows(2, web, 0),
      clockStart: 0,
      clockEnd: 1000,
      positions: none,
      counters: none,
    });
    log.append({ rows: [], clockStart: 1000, clockEnd: 5000, positions: none, counters: none });
    log.append({
      rows: rows(2, web, 9000),
      clockStart: 5000,
      clockEnd: 9001,
      positions: none,
      counters: none,
    });
    expect(log.commitsSince(4000)).toEqual([
      { firstSeq: 3, lastSeq: 2, clockStart: 1000, clockEnd: 5000 },
      { firstSeq: 3, lastSeq: 4, clockStart: 5000, clockEnd: 9001 },
    ]);
    expect(log.commitsSince(10_000)).toEqual([]);
    expect(log.lastCommit()).toEqual({ firstSeq: 3, lastSeq: 4, clockStart: 5000, clockEnd: 9001 });
    log.close();
  });

  it('leaves nothing of a commit that failed half-way', () => {
    const { log } = openLog();
    const web = log.sourceNum('web', 'synthetic');
    const bad = rows(150, web);
    (bad[120] as { key: unknown }).key = null; // NOT NULL violation after 100 rows went in
    expect(() =>
      log.append({
        rows: bad,
        clockStart: 0,
        clockEnd: 1,
        positions: new Map([['web', { n: 1 }]]),
        counters: none,
      }),
    ).toThrow(/NOT NULL/);
    expect(log.lastCommit()).toBeUndefined();
    expect([...log.events(1, 1000)]).toEqual([]);
    expect(log.positions()).toEqual(new Map());
    const next = log.append({
      rows: rows(1, web),
      clockStart: 0,
      clockEnd: 1,
      positions: none,
      counters: none,
    });
    expect(next.firstSeq).toBe(1);
    log.close();
  });
});
