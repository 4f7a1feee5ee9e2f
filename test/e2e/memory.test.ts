import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, CDPSession, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeTempDir } from '../support/temp-dir.ts';
import { launchChromium } from './support/chromium.ts';
import { type ServeProcess, startServe } from './support/serve-process.ts';

/*
 * The renderer under a sustained stream: 20 000 events/s for STREAMLENS_MEMORY_TEST_SECONDS
 * (default 150). After a warm-up, the page's JS heap (after a forced GC) and its number of
 * chart.js instances must hold flat, and snapshots must reach the page at the capped 4/s.
 */

const DURATION_MS = Number(process.env.STREAMLENS_MEMORY_TEST_SECONDS ?? 150) * 1000;
const WARM_UP_MS = Math.min(30_000, DURATION_MS / 4);
const SAMPLES = 6;
/**
 * Heap the page may gain after warm-up, bytes. The rate chart fills its 5-minute history
 * meanwhile (about 1.3 MB when full, measured), while keeping every snapshot (about 20 KB each
 * with 500 keys, 4 a second) would add some 10 MB over the measured two minutes.
 */
const HEAP_SLACK_BYTES = 2 * 1024 * 1024;

const CONFIG = `sources:
  - id: firehose
    plugin: synthetic
    options: { rate: 20000, keys: 500 }
`;

let temp: ReturnType<typeof makeTempDir>;
let serve: ServeProcess;
let browser: Browser;
let page: Page;
let cdp: CDPSession;
/** When each snapshot reached the page's socket (ms, this process's clock), and its size. */
const snapshotArrivals: number[] = [];
let snapshotBytes = 0;
/** Events the engine had received, per the newest snapshot the page got. */
let receivedEvents = 0;

beforeAll(async () => {
  temp = makeTempDir('streamlens-memory-');
  const config = join(temp.dir, 'config.yml');
  writeFileSync(config, CONFIG);
  serve = await startServe(config, join(temp.dir, 'data'));
  browser = await launchChromium();
  page = await browser.newPage();
  page.on('websocket', (socket) =>
    socket.on('framereceived', ({ payload }) => {
      if (String(payload).startsWith('{"type":"event","event":"snapshot"')) {
        snapshotArrivals.push(performance.now());
        snapshotBytes += String(payload).length;
        receivedEvents = JSON.parse(String(payload)).payload.counters.received;
      }
    }),
  );
  cdp = await page.context().newCDPSession(page);
  await cdp.send('Performance.enable');
  await page.goto(serve.url);
}, 60_000);

afterAll(async () => {
  await browser?.close();
  await serve?.stop();
  temp?.cleanup();
});

interface Sample {
  heapBytes: number;
  charts: number;
}

async function sample(): Promise<Sample> {
  await cdp.send('HeapProfiler.collectGarbage');
  const { metrics } = await cdp.send('Performance.getMetrics');
  const heapBytes = metrics.find((metric) => metric.name === 'JSHeapUsedSize')?.value ?? 0;
  const charts = await page.evaluate(
    () => (globalThis as { __streamlensCharts?: number }).__streamlensCharts ?? -1,
  );
  return { heapBytes, charts };
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('the live view under 20 000 events per second', () => {
  it(
    'keeps its heap and chart count flat and gets snapshots at the capped rate',
    async () => {
      await sleep(WARM_UP_MS);
      const measuredFrom = performance.now();
      const arrivalsBefore = snapshotArrivals.length;
      const receivedBefore = receivedEvents;
      const samples = [await sample()];
      for (let i = 1; i < SAMPLES; i++) {
        await sleep((DURATION_MS - WARM_UP_MS) / (SAMPLES - 1));
        samples.push(await sample());
      }
      const seconds = (performance.now() - measuredFrom) / 1000;
      const rate = (snapshotArrivals.length - arrivalsBefore) / seconds;
      const eventRate = (receivedEvents - receivedBefore) / seconds;
      const growth = Math.max(...samples.map((s) => s.heapBytes)) - samples[0].heapBytes;
      console.log(
        `memory: heap ${samples.map((s) => (s.heapBytes / 1e6).toFixed(2)).join(' → ')} MB, ` +
          `charts ${samples.map((s) => s.charts).join(' ')}, ${rate.toFixed(2)} snapshots/s ` +
          `of ${Math.round(snapshotBytes / snapshotArrivals.length)} bytes on average, ` +
          `${Math.round(eventRate)} events/s ingested`,
      );

      expect(samples[0].charts).toBeGreaterThan(0);
      expect(samples.map((s) => s.charts)).toEqual(samples.map(() => samples[0].charts));
      expect(growth).toBeLessThan(HEAP_SLACK_BYTES);
      // Capped at 4/s; an uncapped stream would be one per 50 ms commit, 20/s.
      expect(rate).toBeGreaterThan(3.2);
      expect(rate).toBeLessThanOrEqual(4.05);
    },
    DURATION_MS + 60_000,
  );
});
