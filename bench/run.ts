/**
 * `npm run bench`: the engine's throughput against the SQLite ceiling, and its memory, measured
 * in one run on this machine. A benchmark, not a test: it prints a table and asserts nothing.
 *
 * (a) ceiling: raw batched multi-row inserts of the same rows into the same schema;
 * (b) the engine end to end: synthetic source in process -> queue -> dedup -> windows -> top-K
 *     -> bursts -> log, at 10 000 and at 1 000 000 distinct keys;
 * (c) b / a;
 * (d) resident memory after 5M and after 20M events.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { z } from 'zod';
import { Engine, LOG_FILE } from '../src/main/engine/engine.ts';
import { EventLog } from '../src/main/engine/event-log.ts';
import { parseConfig } from '../src/shared/config/parse.ts';
import { settingsFromConfig } from '../src/main/config/settings.ts';
import type { SourcePlugin } from '../src/shared/plugin.ts';
import { SyntheticGenerator } from '../src/plugins/synthetic/generator.ts';
import { syntheticOptionsSchema } from '../src/plugins/synthetic/options.ts';

const BATCH = 1000;
/**
 * Event-time rate of the generated stream, events per second of event time. At 10 000 the
 * first memory reading (5M events) already lies 500 s of event time in, well past the 121 s
 * the engine's state spans, so both readings are of a state that has stopped growing.
 */
const EVENT_RATE = Number(process.env.BENCH_EVENT_RATE ?? 1_000_000);
const T0 = Date.UTC(2026, 0, 1);
const TOTAL = Number(process.env.BENCH_EVENTS ?? 20_000_000);
const MEMORY_MARK = Math.min(5_000_000, TOTAL);
const CEILING_ROWS = 2_000_000;
const COMMIT_ROWS = 10_000;
/** Distinct-key counts of the engine runs; `BENCH_KEYS=10000` runs just one. */
const KEY_COUNTS = (process.env.BENCH_KEYS ?? '10000,1000000').split(',').map(Number);

interface EngineRun {
  keys: number;
  eventsPerSecond: number;
  rssAtMarkMiB: number;
  rssAtEndMiB: number;
}

function generator(keys: number): SyntheticGenerator {
  return new SyntheticGenerator(
    syntheticOptionsSchema.parse({ keys, rate: EVENT_RATE, skew: 1, seed: 7 }),
  );
}

/** (a): the same rows the engine logs, inserted as fast as SQLite takes them. */
function measureCeiling(keys: number): number {
  const dir = mkdtempSync(join(tmpdir(), 'streamlens-bench-'));
  try {
    new EventLog(join(dir, LOG_FILE)).close(); // the engine's own schema and pragmas
    const db = new Database(join(dir, LOG_FILE));
    db.pragma('journal_mode = WAL');
    db.pragma('synchronous = NORMAL');
    const perStatement = 100;
    const values = Array(perStatement).fill('(?,?,?,?,?,?,?)').join(',');
    const insert = db.prepare(
      `INSERT INTO events (seq, ts, source, key, id, payload, flags) VALUES ${values}`,
    );
    const events = generator(keys).batch(0, CEILING_ROWS, T0);
    const args: unknown[] = new Array(perStatement * 7);
    const commit = db.transaction((from: number) => {
      for (let i = from; i < from + COMMIT_ROWS; i += perStatement) {
        for (let j = 0; j < perStatement; j++) {
          const at = j * 7;
          const event = events[i + j];
          args[at] = i + j + 1;
          args[at + 1] = T0 + Math.floor((i + j) / 1000);
          args[at + 2] = 1;
          args[at + 3] = event.key;
          args[at + 4] = null;
          args[at + 5] = null;
          args[at + 6] = 0;
        }
        insert.run(args);
      }
    });
    const started = performance.now();
    for (let from = 0; from < CEILING_ROWS; from += COMMIT_ROWS) commit(from);
    const seconds = (performance.now() - started) / 1000;
    db.close();
    return CEILING_ROWS / seconds;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** A source that emits `total` synthetic events as fast as the engine takes them. */
function benchPlugin(keys: number, total: number, onMark: () => void) {
  const progress = { done: Promise.resolve() };
  const plugin: SourcePlugin<Record<string, never>> = {
    name: 'bench',
    version: '1.0.0',
    description: 'Synthetic events at full speed (benchmark only).',
    optionsSchema: z.strictObject({}),
    create: (_options, context) => {
      const source = generator(keys);
      let next = 0;
      let finish = () => {};
      progress.done = new Promise((resolve) => (finish = resolve));
      const pump = () => {
        while (next < total) {
          const ts = T0 + Math.floor(next / (EVENT_RATE / 1000));
          const batch = source.batch(next, BATCH, ts);
          const crossedMark = next < MEMORY_MARK && next + BATCH >= MEMORY_MARK;
          next += BATCH;
          const keepGoing = context.emit(batch, { next });
          if (crossedMark) onMark();
          if (!keepGoing) return;
        }
        finish();
      };
      context.onResume(pump);
      return { start: async () => void setImmediate(pump), stop: async () => finish() };
    },
  };
  return { plugin, progress };
}

function rssMiB(): number {
  globalThis.gc?.();
  return process.memoryUsage().rss / 2 ** 20;
}

async function measureEngine(keys: number): Promise<EngineRun> {
  const dir = mkdtempSync(join(tmpdir(), 'streamlens-bench-'));
  let rssAtMark = 0;
  const { plugin, progress } = benchPlugin(keys, TOTAL, () => (rssAtMark = rssMiB()));
  const parsed = parseConfig('');
  if (!parsed.ok) throw new Error('default config is invalid');
  const engine = Engine.open({
    settings: settingsFromConfig(parsed.config),
    sources: [{ id: 'bench', plugin: 'bench', overflow: 'pause', options: {} }],
    plugins: new Map([['bench', plugin]]),
    dataDir: dir,
    baseDir: dir,
  });
  try {
    const started = performance.now();
    await engine.start();
    await progress.done;
    const rssAtEnd = rssMiB();
    await engine.stop();
    const seconds = (performance.now() - started) / 1000;
    const logged = engine.snapshot().counters.logged;
    if (logged !== TOTAL) throw new Error(`logged ${logged} of ${TOTAL} events`);
    return {
      keys,
      eventsPerSecond: TOTAL / seconds,
      rssAtMarkMiB: rssAtMark,
      rssAtEndMiB: rssAtEnd,
    };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

const number = new Intl.NumberFormat('en-US', { maximumFractionDigits: 0 });
const fixed = (value: number, digits = 2) => value.toFixed(digits);

async function main(): Promise<void> {
  if (!globalThis.gc) console.warn('run with node --expose-gc for steadier memory readings');
  const ceiling = measureCeiling(10_000);
  const runs: EngineRun[] = [];
  for (const keys of KEY_COUNTS) runs.push(await measureEngine(keys));

  const millions = (n: number) => `${n / 1e6}M`;
  console.log(
    `\n${millions(TOTAL)} events per engine run, ${millions(CEILING_ROWS)} rows for (a)\n`,
  );
  console.log('| measure | 10 000 keys | 1 000 000 keys |');
  console.log('|---|---:|---:|');
  console.log(`| (a) SQLite ceiling, rows/s | ${number.format(ceiling)} | |`);
  console.log(
    `| (b) engine end to end, events/s | ${runs.map((r) => number.format(r.eventsPerSecond)).join(' | ')} |`,
  );
  console.log(
    `| (c) ratio b / a | ${runs.map((r) => fixed(r.eventsPerSecond / ceiling)).join(' | ')} |`,
  );
  console.log(
    `| (d) RSS after ${millions(MEMORY_MARK)} events, MiB | ${runs.map((r) => number.format(r.rssAtMarkMiB)).join(' | ')} |`,
  );
  console.log(
    `| (d) RSS after ${millions(TOTAL)} events, MiB | ${runs.map((r) => number.format(r.rssAtEndMiB)).join(' | ')} |`,
  );
  console.log(
    `| (d) growth between the two | ${runs.map((r) => `${fixed((100 * (r.rssAtEndMiB - r.rssAtMarkMiB)) / r.rssAtMarkMiB, 1)} %`).join(' | ')} |`,
  );
}

await main();
