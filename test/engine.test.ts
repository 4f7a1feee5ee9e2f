import { afterEach, describe, expect, it } from 'vitest';
import { Engine, LOG_FILE } from '../src/main/engine/engine.ts';
import { EventLog, EventFlag } from '../src/main/engine/event-log.ts';
import { ManualClock } from '../src/main/engine/clock.ts';
import type { SourceEvent } from '../src/shared/event.ts';
import type { Snapshot } from '../src/shared/snapshot.ts';
import { makeTempDir } from './support/temp-dir.ts';
import { scriptedPlugin } from './support/scripted-plugin.ts';
import { settingsFrom } from './support/engine-fixtures.ts';
import { join } from 'node:path';

/** Event time of the scripts: a day before the test's wall clock, so nothing drains. */
const T0 = 1_700_000_000_000;
const WALL = T0 + 86_400_000;

let cleanup = () => {};
afterEach(() => cleanup());

function dataDir(): string {
  const temp = makeTempDir();
  cleanup = temp.cleanup;
  return temp.dir;
}

/** Runs an engine over `script` until the source has emitted it all, then stops it. */
async function runEngine(
  dir: string,
  script: SourceEvent[],
  yaml = '',
  batchSize = 100,
): Promise<{ snapshot: Snapshot; pauses: number }> {
  const { plugin, progress } = scriptedPlugin(script, batchSize);
  const engine = Engine.open({
    settings: settingsFrom(yaml),
    sources: [{ id: 'src', plugin: 'scripted', overflow: 'pause', options: {} }],
    plugins: new Map([['scripted', plugin]]),
    dataDir: dir,
    baseDir: dir,
    clock: new ManualClock(WALL, 0),
  });
  await engine.start();
  await progress.done;
  await engine.stop();
  return { snapshot: engine.snapshot(), pauses: progress.pauses };
}

/** One event per 100 ms for `seconds`, keys cycling through `keys`. */
function steady(seconds: number, keys: string[], start = T0): SourceEvent[] {
  return Array.from({ length: seconds * 10 }, (_, i) => ({
    ts: start + 100 * (i + 1),
    key: keys[i % keys.length],
  }));
}

describe('Engine', () => {
  it('logs every event and counts it in its windows', async () => {
    const dir = dataDir();
    const script = steady(30, ['a', 'a', 'b']); // 300 events over (T0, T0 + 30s]
    const { snapshot } = await runEngine(dir, script);

    expect(snapshot.clock).toBe(T0 + 30_000);
    expect(snapshot.counters).toMatchObject({ received: 300, logged: 300, late: 0 });
    const [w5, w15, w60] = snapshot.windows;
    expect(w5.total).toBe(50);
    expect(w15.total).toBe(150);
    expect(w60.total).toBe(300);
    expect(w60.top.map((e) => [e.key, e.count])).toEqual([
      ['a', 200],
      ['b', 100],
    ]);

    const log = new EventLog(join(dir, LOG_FILE), { readonly: true });
    expect(log.lastSeq).toBe(300);
    expect([...log.events(300, 300)][0]).toMatchObject({ ts: T0 + 30_000, key: 'b' });
    log.close();
  });

  it('flags duplicate ids, keeps them out of the windows and counts them', async () => {
    const dir = dataDir();
    const script: SourceEvent[] = [
      { ts: T0 + 1, key: 'a', id: 'x' },
      { ts: T0 + 2, key: 'a', id: 'x' },
      { ts: T0 + 3, key: 'b', id: 'y' },
      { ts: T0 + 4, key: 'b' },
    ];
    const { snapshot } = await runEngine(dir, script);
    expect(snapshot.counters).toMatchObject({ received: 4, logged: 4, duplicates: 1 });
    expect(snapshot.windows[0].top.map((e) => [e.key, e.count])).toEqual([
      ['b', 2],
      ['a', 1],
    ]);
    const log = new EventLog(join(dir, LOG_FILE), { readonly: true });
    expect([...log.events(1, 4)].map((e) => e.flags)).toEqual([0, EventFlag.duplicate, 0, 0]);
    log.close();
  });

  it('does not log duplicates when told to skip them', async () => {
    const dir = dataDir();
    const script: SourceEvent[] = [
      { ts: T0 + 1, key: 'a', id: 'x' },
      { ts: T0 + 2, key: 'a', id: 'x' },
    ];
    const { snapshot } = await runEngine(dir, script, 'dedup: { duplicates: skip }');
    expect(snapshot.counters).toMatchObject({ received: 2, logged: 1, duplicates: 1 });
  });

  it('counts late events and keeps them in the windows they still fit', async () => {
    const dir = dataDir();
    const script: SourceEvent[] = [
      { ts: T0 + 20_000, key: 'now' },
      { ts: T0 + 12_000, key: 'late-8s' }, // beyond the 5s lateness, inside 15s and 60s
      { ts: T0 + 19_000, key: 'late-1s' }, // within the lateness
    ];
    const { snapshot } = await runEngine(dir, script);
    expect(snapshot.counters.late).toBe(1);
    const keys = snapshot.windows.map((w) => w.top.map((e) => e.key).sort());
    expect(keys).toEqual([
      ['late-1s', 'now'],
      ['late-1s', 'late-8s', 'now'],
      ['late-1s', 'late-8s', 'now'],
    ]);
  });

  it('counts nothing late in order with no lateness allowed, and any step back as late', async () => {
    const dir = dataDir();
    const script: SourceEvent[] = [
      { ts: T0 + 1000, key: 'a' },
      { ts: T0 + 1000, key: 'b' }, // same time: not late
      { ts: T0 + 2000, key: 'a' },
      { ts: T0 + 1999, key: 'c' }, // 1 ms behind the clock: late
    ];
    const { snapshot } = await runEngine(dir, script, 'lateness: 0s');
    expect(snapshot.counters.late).toBe(1);
    expect(snapshot.windows[0].total).toBe(4);
  });

  it('keeps events from the future out of the windows and the clock', async () => {
    const dir = dataDir();
    const script: SourceEvent[] = [
      { ts: T0 + 1000, key: 'a' },
      { ts: WALL + 3_600_000, key: 'from-the-future' },
    ];
    const { snapshot } = await runEngine(dir, script);
    expect(snapshot.clock).toBe(T0 + 1000);
    expect(snapshot.counters).toMatchObject({ received: 2, logged: 2, future: 1 });
    expect(snapshot.windows[2].top.map((e) => e.key)).toEqual(['a']);
  });

  it('pauses a source on a full queue and loses nothing', async () => {
    const dir = dataDir();
    const script = steady(100, ['a', 'b', 'c', 'd']); // 1000 events
    const { snapshot, pauses } = await runEngine(dir, script, 'queue: { capacity: 100 }', 50);
    expect(pauses).toBeGreaterThan(0);
    expect(snapshot.counters).toMatchObject({ received: 1000, logged: 1000, dropped: 0 });
    expect(snapshot.windows[2].total).toBe(600);
  });

  it('rebuilds the same state after a restart as without one', async () => {
    const keys = ['a', 'b', 'c'];
    // Five calm minutes, then `b` bursts: alerts fire before and after the restart.
    const calm = steady(300, keys);
    const burst = Array.from({ length: 400 }, (_, i) => ({
      ts: T0 + 300_000 + 50 * (i + 1),
      key: i % 4 === 0 ? 'a' : 'b',
    }));
    const script = [...calm, ...burst];

    // A small queue keeps commits small, as a live stream's are: replay reads whole commits.
    const yaml = 'queue: { capacity: 100 }';
    const { snapshot: straight } = await runEngine(dataDir(), script, yaml);

    const dir = dataDir();
    await runEngine(dir, script.slice(0, 3200), yaml);
    const { snapshot: restarted } = await runEngine(dir, script, yaml); // resumes from its committed position

    const comparable = (s: Snapshot) => ({
      clock: s.clock,
      windows: s.windows,
      bursts: s.bursts,
      alerts: s.alerts,
      counters: { ...s.counters, replayed: 0 },
    });
    expect(straight.alerts.length).toBeGreaterThan(0);
    expect(comparable(restarted)).toEqual(comparable(straight));
    // Only the last 132 s of event time are replayed: twice the longest window, the 10 s the
    // burst state may be behind, and two panes.
    expect(restarted.counters.replayed).toBeGreaterThanOrEqual(1320);
    expect(restarted.counters.replayed).toBeLessThanOrEqual(1320 + 200);
  });
});
