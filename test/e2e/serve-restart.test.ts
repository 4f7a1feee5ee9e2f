import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeTempDir } from '../support/temp-dir.ts';
import { launchChromium } from './support/chromium.ts';
import { type ServeProcess, startServe } from './support/serve-process.ts';

/*
 * A page left open while `streamlens serve` restarts on the same port with a new token: it must
 * find out that its address is dead and say so, instead of retrying forever.
 */

const CONFIG = `sources:
  - id: demo
    plugin: synthetic
    options: { rate: 200 }
`;
const UI_TIMEOUT_MS = 30_000;
const REVOKED =
  'This address is no longer valid — open the new address that streamlens serve printed.';

let temp: ReturnType<typeof makeTempDir>;
let config: string;
let first: ServeProcess;
let second: ServeProcess | undefined;
let browser: Browser;
let page: Page;
const sockets: string[] = [];

beforeAll(async () => {
  temp = makeTempDir('streamlens-restart-');
  config = join(temp.dir, 'config.yml');
  writeFileSync(config, CONFIG);
  first = await startServe(config, join(temp.dir, 'data'));
  browser = await launchChromium();
  page = await browser.newPage();
  page.on('websocket', (socket) => sockets.push(socket.url()));
  await page.goto(first.url);
}, 60_000);

afterAll(async () => {
  await browser?.close();
  await first?.stop();
  await second?.stop();
  temp?.cleanup();
});

describe('a page of a serve that restarted', () => {
  it('says its address is no longer valid, with no retry', async () => {
    await expect
      .poll(() => page.getByTestId('health-status').innerText(), { timeout: UI_TIMEOUT_MS })
      .toMatch(/HEALTHY|WARNING|CRITICAL/);

    expect(await first.stop()).toBe(0);
    const port = new URL(first.origin).port;
    second = await startServe(config, join(temp.dir, 'data'), Number(port));
    expect(second.token).not.toBe(first.token);

    const banner = page.getByTestId('error-banner');
    await expect.poll(() => banner.innerText(), { timeout: UI_TIMEOUT_MS }).toContain(REVOKED);
    // No Retry button: the state is final (the channel's own tests show it opens no socket).
    expect(await banner.getByRole('button').count()).toBe(0);
    expect(new Set(sockets)).toEqual(new Set([`ws://${first.origin.slice(7)}/${first.token}/api`]));
  });

  it('works again at the new address', async () => {
    await page.goto(second?.url ?? '');
    await expect
      .poll(() => page.getByTestId('health-status').innerText(), { timeout: UI_TIMEOUT_MS })
      .toMatch(/HEALTHY|WARNING|CRITICAL/);
    expect(await page.getByTestId('error-banner').count()).toBe(0);
  });
});
