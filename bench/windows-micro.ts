/**
 * Micro-benchmark of the sliding windows (and, second, of windows with burst evaluation on
 * every boundary): adds 5 M events with advancing event time and prints events per second.
 * Not a test; numbers depend on the machine.
 *
 *   node bin/run-ts.js bench/windows-micro.ts [events] [eventsPerEventSecond]
 */
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { BurstDetector } from '../src/main/engine/bursts.ts';
import { seededRandom, zipfSampler } from '../src/main/engine/seeded-random.ts';
import { SlidingWindows } from '../src/main/engine/sliding-windows.ts';

const events = Number(process.argv[2] ?? 5_000_000);
/** How many events share one second of event time: sets how often the windows slide. */
const ratePerSecond = Number(process.argv[3] ?? 100_000);
const START_MS = 1_700_000_000_000;
const RUN_TS = fileURLToPath(new URL('../bin/run-ts.js', import.meta.url));

interface Case {
  name: string;
  keyCount: number;
  skewed: boolean;
  bursts: boolean;
}

function keySequence(keyCount: number, skewed: boolean): Int32Array {
  const random = seededRandom(42);
  const draw = skewed ? zipfSampler(keyCount, random) : () => Math.floor(random() * keyCount);
  const sequence = new Int32Array(events);
  for (let i = 0; i < events; i++) sequence[i] = draw();
  return sequence;
}

function run({ keyCount, skewed, bursts }: Case): { seconds: number; boundaries: number } {
  const keys = Array.from({ length: keyCount }, (_, i) => `key-${i}`);
  const sequence = keySequence(keyCount, skewed);
  const windows = new SlidingWindows();
  const detector = new BurstDetector();
  let boundaries = 0;
  const onBoundary = bursts
    ? (b: number) => {
        boundaries++;
        detector.evaluate(b, windows);
      }
    : () => boundaries++;

  const started = process.hrtime.bigint();
  for (let i = 0; i < events; i++) {
    const ts = START_MS + Math.floor((i * 1000) / ratePerSecond);
    windows.advanceTo(ts, onBoundary);
    windows.add(keys[sequence[i]], ts);
  }
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  return { seconds, boundaries };
}

const onlyCase = process.env.CASE;
const allCases: Case[] = [
  { name: '10 000 keys, zipf', keyCount: 10_000, skewed: true, bursts: false },
  { name: '10 000 keys, uniform', keyCount: 10_000, skewed: false, bursts: false },
  { name: '1 000 000 keys, uniform', keyCount: 1_000_000, skewed: false, bursts: false },
  { name: '10 000 keys, zipf, bursts', keyCount: 10_000, skewed: true, bursts: true },
  { name: '1 000 000 keys, uniform, bursts', keyCount: 1_000_000, skewed: false, bursts: true },
];
/** Runs each case in a fresh process, so that no case pays for the garbage of another. */
function runEachInItsOwnProcess(): void {
  console.log(
    `${events} events, ${ratePerSecond} per second of event time, windows 5s/15s/60s, panes 1s`,
  );
  for (const { name } of allCases) {
    spawnSync(process.execPath, [RUN_TS, ...process.argv.slice(1)], {
      env: { ...process.env, CASE: name },
      stdio: 'inherit',
    });
  }
}

if (onlyCase === undefined) runEachInItsOwnProcess();
for (const benchCase of allCases.filter((c) => c.name === onlyCase)) {
  const { seconds, boundaries } = run(benchCase);
  const perSecond = Math.round(events / seconds).toLocaleString('en-US');
  console.log(
    `${benchCase.name.padEnd(34)} ${perSecond.padStart(12)} events/s  ` +
      `(${seconds.toFixed(2)} s, ${boundaries} boundaries)`,
  );
}
