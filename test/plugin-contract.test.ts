import { appendFileSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { builtinPlugins } from '../src/plugins/index.ts';
import { SyntheticGenerator, syntheticOptionsSchema } from '../src/plugins/synthetic/index.ts';
import type { SourcePlugin } from '../src/shared/plugin.ts';
import { SourceHarness, sleep } from './support/source-harness.ts';

/** What the contract needs to drive one plugin: options, input, and the keys it must yield. */
interface PluginSetup {
  baseDir: string;
  options: Record<string, unknown>;
  /** Makes more input available (a no-op for a source that produces on its own). */
  feed(): void;
  /** The first `count` keys a single uninterrupted run would yield, in order. */
  expectedKeys(count: number): string[];
}

const folders: string[] = [];
afterAll(() => folders.forEach((dir) => rmSync(dir, { recursive: true, force: true })));

function tempFolder(): string {
  const dir = mkdtempSync(join(tmpdir(), 'streamlens-contract-'));
  folders.push(dir);
  return dir;
}

const setups: Record<string, () => PluginSetup> = {
  synthetic: () => {
    const options = { rate: 20_000, seed: 9 };
    const generator = new SyntheticGenerator(syntheticOptionsSchema.parse(options));
    return {
      baseDir: tempFolder(),
      options,
      feed: () => {},
      expectedKeys: (count) => generator.batch(0, count, 0).map((event) => event.key),
    };
  },
  'file-tail': () => {
    const baseDir = tempFolder();
    const file = join(baseDir, 'app.log');
    writeFileSync(file, '');
    let written = 0;
    return {
      baseDir,
      options: { path: 'app.log', startAt: 'beginning', pollInterval: 20 },
      feed: () => {
        let text = '';
        for (let i = 0; i < 1500; i++) text += `line-${written++}\n`;
        appendFileSync(file, text);
      },
      expectedKeys: (count) => Array.from({ length: count }, (_, i) => `line-${i}`),
    };
  },
};

/** Long enough for a source to have produced several times over, had it not been paused. */
const QUIET_MS = 200;

describe.each([...builtinPlugins.values()].map((plugin) => [plugin.name, plugin] as const))(
  'the %s plugin keeps the source contract',
  (name, plugin: SourcePlugin<unknown>) => {
    it('has a setup in this test, a version and a description', () => {
      expect(setups[name]).toBeDefined();
      expect(plugin.version).toMatch(/^\d+\.\d+\.\d+$/);
      expect(plugin.description.length).toBeGreaterThan(10);
    });

    it('describes every option for the options form', () => {
      const schema = z.toJSONSchema(plugin.optionsSchema, { io: 'input' }) as {
        properties: Record<string, { description?: string }>;
      };
      const undescribed = Object.entries(schema.properties)
        .filter(([, property]) => !property.description)
        .map(([option]) => option);
      expect(undescribed).toEqual([]);
    });

    it('starts, pauses on a refused emit, resumes, stops, and restarts without repeats', async () => {
      const setup = setups[name]();
      const options = plugin.optionsSchema.parse(setup.options);

      const first = new SourceHarness({ baseDir: setup.baseDir });
      const source = plugin.create(options, first);
      await source.start();
      setup.feed();
      await first.waitFor(() => first.events.length > 0, 'the first events');

      first.refuseEmits(1);
      setup.feed();
      await first.waitFor(() => first.isPaused, 'a refused emit');
      const whilePaused = first.batches.length;
      setup.feed();
      await sleep(QUIET_MS);
      expect(first.batches.length).toBe(whilePaused);

      first.resume();
      setup.feed();
      await first.waitFor(() => first.batches.length > whilePaused, 'events after resume');
      expect(first.emitsWhilePaused).toBe(0);

      await source.stop();
      const atStop = first.batches.length;
      setup.feed();
      await sleep(QUIET_MS);
      expect(first.batches.length).toBe(atStop);

      const second = new SourceHarness({ baseDir: setup.baseDir, position: first.lastPosition });
      const restarted = plugin.create(options, second);
      await restarted.start();
      setup.feed();
      await second.waitFor(() => second.events.length >= 1000, 'events after the restart');
      await restarted.stop();

      const keys = [...first.keys, ...second.keys];
      expect(keys).toEqual(setup.expectedKeys(keys.length));
      expect(first.lastState).toBe('stopped');
      expect(second.lastState).toBe('stopped');
    });
  },
);
