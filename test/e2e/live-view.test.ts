import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SyntheticGenerator } from '../../src/plugins/synthetic/generator.ts';
import { syntheticOptionsSchema } from '../../src/plugins/synthetic/options.ts';
import type { TopEntry } from '../../src/shared/snapshot.ts';
import { makeTempDir } from '../support/temp-dir.ts';
import { type ApiSocket, openApiSocket } from './support/api-socket.ts';
import { launchChromium } from './support/chromium.ts';
import { ROOT } from './support/renderer-build.ts';
import { type ServeProcess, startServe } from './support/serve-process.ts';

/*
 * The live view in Debian's Chromium, served by the real `streamlens serve` with a synthetic
 * source that bursts every 6 s, checked against the engine's own snapshot over the API.
 */

const SYNTHETIC = { rate: 2000, burstEvery: '6s', burstFor: '3s', burstShare: 0.6 };
const CONFIG = `sources:
  - id: demo
    plugin: synthetic
    options: ${JSON.stringify(SYNTHETIC)}
`;
const UI_TIMEOUT_MS = 30_000;

let temp: ReturnType<typeof makeTempDir>;
let serve: ServeProcess;
let browser: Browser;
let page: Page;
let client: ApiSocket;
const pageProblems: string[] = [];
/** The addresses of the sockets the page opened. */
const pageSockets: string[] = [];

beforeAll(async () => {
  temp = makeTempDir('streamlens-e2e-');
  const config = join(temp.dir, 'config.yml');
  writeFileSync(config, CONFIG);
  serve = await startServe(config, join(temp.dir, 'data'));
  client = await openApiSocket(serve.origin, serve.token);
  browser = await launchChromium();
  page = await browser.newPage({ viewport: { width: 1400, height: 1000 } });
  page.on('pageerror', (error) => pageProblems.push(error.message));
  page.on('websocket', (socket) => pageSockets.push(socket.url()));
  page.on('console', (message) => {
    if (message.type() === 'error') pageProblems.push(message.text());
  });
  await page.goto(serve.url);
}, 60_000);

afterAll(async () => {
  await client?.close();
  await browser?.close();
  expect(await serve?.stop()).toBe(0);
  temp?.cleanup();
});

const byTestId = (id: string, within: Page | Locator = page) => within.getByTestId(id);

/** The rows of a window's top list as the page shows them. */
async function shownTop(label: string): Promise<{ key: string; count: number }[]> {
  const rows = await byTestId('top-row', byTestId(`window-${label}`)).all();
  return Promise.all(
    rows.map(async (row) => ({
      key: (await byTestId('top-key', row).innerText()).trim(),
      count: Number((await byTestId('top-count', row).innerText()).replace(/[^\d]/g, '')),
    })),
  );
}

/**
 * Saves what the page shows as a test artifact (`docs/live-view.png`, the README's picture, is
 * a copy of one: a test run never changes the work tree).
 */
async function saveScreenshot(name: string): Promise<void> {
  mkdirSync(join(ROOT, 'test-artifacts'), { recursive: true });
  await page.screenshot({ path: join(ROOT, 'test-artifacts', name) });
}

/** The keys the synthetic source made burst in its first `cycles` burst cycles. */
function syntheticBurstKeys(cycles: number): Set<string> {
  const generator = new SyntheticGenerator(syntheticOptionsSchema.parse(SYNTHETIC));
  const keys = new Set<string>();
  for (let cycle = 1; cycle <= cycles; cycle++) {
    keys.add(generator.keys[generator.burstKeyIndexAt(cycle * 6_000)]);
  }
  return keys;
}

describe('the live view in Chromium', () => {
  it('shows the health status and each window with its top three keys', async () => {
    await expect
      .poll(() => byTestId('health-status').innerText(), { timeout: UI_TIMEOUT_MS })
      .toMatch(/HEALTHY|WARNING|CRITICAL/);
    for (const label of ['5s', '15s', '60s']) {
      await expect
        .poll(async () => (await shownTop(label)).length, { timeout: UI_TIMEOUT_MS })
        .toBe(3);
    }
  });

  it('shows in its burst feed a burst the synthetic source produced', async () => {
    const firstRow = byTestId('burst-row', byTestId('burst-feed')).first();
    await firstRow.waitFor({ timeout: UI_TIMEOUT_MS });
    const words = (await firstRow.innerText()).split(/\s+/);

    const { bursts } = await client.api.getSnapshot();
    const engineBurst = bursts.find(
      (burst) => words.includes(burst.key) && words.includes(burst.window),
    );
    expect(engineBurst).toBeDefined();
    expect(syntheticBurstKeys(20).has(engineBurst?.key ?? '')).toBe(true);

    // A fuller feed makes a screenshot worth showing in the README.
    const rows = byTestId('burst-row', byTestId('burst-feed'));
    await expect.poll(() => rows.count(), { timeout: UI_TIMEOUT_MS }).toBeGreaterThanOrEqual(6);
    await saveScreenshot('live-view.png');
  });

  it('holds the counts of sources and counters still while paused, with Stop live', async () => {
    const source = byTestId('source-demo');
    const figures = async () => [
      await byTestId('source-received', source).innerText(),
      await byTestId('counter-received').locator('dd').innerText(),
    ];
    await byTestId('pause-live').click();
    const held = await figures();
    await expect
      .poll(() => byTestId('updated').innerText(), { timeout: UI_TIMEOUT_MS })
      .toMatch(/· ([3-9]|\d\d+) updates waiting$/);

    expect(await figures()).toEqual(held);
    expect(await byTestId('source-stop', source).isEnabled()).toBe(true);
    await byTestId('pause-live').click();
    await expect.poll(figures, { timeout: UI_TIMEOUT_MS }).not.toEqual(held);
  });

  it('shows the source stopped after its stop button is clicked', async () => {
    const source = byTestId('source-demo');
    await byTestId('source-stop', source).click();
    await expect
      .poll(() => byTestId('source-state', source).innerText(), { timeout: UI_TIMEOUT_MS })
      .toMatch(/stopped/i);
    expect((await client.api.listSources()).map(({ id, state }) => ({ id, state }))).toEqual([
      { id: 'demo', state: 'stopped' },
    ]);
  });

  it('shows the top keys and counts of the engine, for the K chosen', async () => {
    await byTestId('k-select').selectOption('5');
    // With the source stopped, the 60 s window holds still (the stream ran for less than 60 s).
    const engineTop = async (): Promise<Pick<TopEntry, 'key' | 'count'>[]> => {
      const window = (await client.api.getSnapshot()).windows.find((w) => w.label === '60s');
      return (window?.top ?? []).slice(0, 5).map(({ key, count }) => ({ key, count }));
    };
    await expect.poll(() => shownTop('60s'), { timeout: UI_TIMEOUT_MS }).toEqual(await engineTop());
    expect(await shownTop('60s')).toHaveLength(5);
    expect(await shownTop('60s')).toEqual(await engineTop());
  });

  it('is refused without the token or with a wrong one, page and socket alike', async () => {
    const stranger = await browser.newContext();
    const strangerPage = await stranger.newPage();
    const wrong = `${serve.origin}/${'0'.repeat(64)}/`;
    for (const address of [serve.origin, wrong, `${serve.origin}/?token=${serve.token}`]) {
      const response = await strangerPage.goto(address);
      expect(response?.status()).toBe(401);
      expect(await strangerPage.locator('body').innerText()).toMatch(/^Unauthorized: .*token/);
    }
    const socketOpens = (url: string) =>
      strangerPage.evaluate(
        (address) =>
          new Promise<boolean>((resolve) => {
            const socket = new WebSocket(address);
            socket.onopen = () => resolve(true);
            socket.onerror = () => resolve(false);
          }),
        url,
      );
    const ws = serve.origin.replace('http', 'ws');
    expect(await socketOpens(`${ws}/api`)).toBe(false);
    expect(await socketOpens(`${ws}/${'0'.repeat(64)}/api`)).toBe(false);
    // A page of this server (here its 401 page) that knows the token does get the socket.
    expect(await socketOpens(`${ws}/${serve.token}/api`)).toBe(true);
    await stranger.close();
  });

  it('loads the page, its assets and its socket from under the token, with no cookie', async () => {
    expect(page.url()).toBe(serve.url);
    const assets = await page.evaluate(() =>
      performance.getEntriesByType('resource').map((entry) => new URL(entry.name).pathname),
    );
    expect(assets.length).toBeGreaterThan(0);
    expect(assets.filter((path) => !path.startsWith(`/${serve.token}/`))).toEqual([]);
    expect(await page.context().cookies()).toEqual([]);
    expect(pageSockets).toEqual([`${serve.origin.replace('http', 'ws')}/${serve.token}/api`]);
  });

  it('ran without page errors or content-security-policy violations', () => {
    expect(pageProblems).toEqual([]);
  });
});
