import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { LogLine } from '../../shared/api.ts';
import { defaultConfigText } from '../../shared/config/schema.ts';
import type { Snapshot, SourceSnapshot } from '../../shared/snapshot.ts';
import { makeTempDir } from '../../../test/support/temp-dir.ts';
import { silentLogger } from '../engine/logger.ts';
import { EngineHost } from './engine-host.ts';

const SLOW_SOURCE = `sources:
  - id: trickle
    plugin: synthetic
    options: { rate: 200 }
`;

let temp: ReturnType<typeof makeTempDir>;
let host: EngineHost | undefined;
const savedConfigDir = process.env.STREAMLENS_CONFIG_DIR;

beforeEach(() => {
  temp = makeTempDir('streamlens-host-');
  // No config file given: the host falls back to the user's, which must be this temp folder.
  process.env.STREAMLENS_CONFIG_DIR = join(temp.dir, 'config');
});

afterEach(async () => {
  await host?.stop();
  host = undefined;
  process.env.STREAMLENS_CONFIG_DIR = savedConfigDir;
  temp.cleanup();
});

async function startHost(): Promise<EngineHost> {
  host = await EngineHost.start({ dataDir: join(temp.dir, 'data'), logger: silentLogger });
  return host;
}

describe('EngineHost without a config file', () => {
  it('shows the default config text and runs the demo source', async () => {
    const started = await startHost();
    expect(await started.handle('config/get', [])).toEqual({
      ok: true,
      value: { text: defaultConfigText() },
    });
    const sources = await started.handle('sources/list', []);
    expect(sources.ok && (sources.value as SourceSnapshot[]).map((source) => source.id)).toEqual([
      'demo',
    ]);
  });

  it("applies a config to the user's config file, restarts on it and says so in the log", async () => {
    const started = await startHost();
    const lines: LogLine[] = [];
    started.subscribe('log', (line) => lines.push(line));
    const states: string[] = [];
    started.subscribe('source-state', (source) => states.push(`${source.id} ${source.state}`));

    const file = join(temp.dir, 'config', 'config.yml');
    expect(await started.handle('config/apply', [SLOW_SOURCE])).toEqual({
      ok: true,
      value: { text: SLOW_SOURCE, file },
    });
    expect(readFileSync(file, 'utf8')).toBe(SLOW_SOURCE);
    expect(await started.handle('config/get', [])).toEqual({
      ok: true,
      value: { text: SLOW_SOURCE, file },
    });
    // The engine may report a state twice in a row (source and host both say it); one is enough.
    const changes = states.filter((state, index) => state !== states[index - 1]);
    expect(changes).toEqual(['demo stopped', 'trickle starting', 'trickle running']);
    expect(lines.map((line) => line.message)).toEqual([
      'replayed the log',
      'applied a new config; the engine restarted',
    ]);
    expect(lines[1]).toMatchObject({ level: 'info', fields: { file } });
  });

  it('answers a call made during an apply from the restarted engine', async () => {
    const started = await startHost();
    const applying = started.handle('config/apply', [SLOW_SOURCE]);
    const listing = started.handle('sources/list', []);
    expect((await applying).ok).toBe(true);
    const sources = await listing;
    expect(sources.ok && (sources.value as SourceSnapshot[]).map((source) => source.id)).toEqual([
      'trickle',
    ]);
  });

  it('publishes snapshots to subscribers and refuses calls once stopped', async () => {
    const started = await startHost();
    const snapshots: Snapshot[] = [];
    started.subscribe('snapshot', (snapshot) => snapshots.push(snapshot));
    await started.stop();
    expect(snapshots.length).toBeGreaterThanOrEqual(1);
    expect(await started.handle('sources/list', [])).toEqual({
      ok: false,
      error: { name: 'ApiError', code: 'unavailable', message: 'the engine has stopped' },
    });
    expect(await started.handle('config/apply', [SLOW_SOURCE])).toMatchObject({
      ok: false,
      error: { code: 'unavailable' },
    });
  });
});
