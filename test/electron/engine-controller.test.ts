import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import {
  EngineController,
  type EngineClient,
  type EngineRequest,
} from '../../src/main/engine-controller.ts';
import { startEngineWorker } from '../../src/main/host/worker-client.ts';
import type { SourceSnapshot } from '../../src/shared/snapshot.ts';
import { makeTempDir } from '../support/temp-dir.ts';
import { RecordingTransport } from './recording-transport.ts';

/** Starts a recording engine per request; a request for `bad.yml` fails like a bad config. */
function scriptedStarts() {
  const started: { request: EngineRequest; engine: RecordingTransport }[] = [];
  const start = async (request: EngineRequest): Promise<EngineClient> => {
    if (request.configFile === 'bad.yml') throw new Error('topK must be at least 1 (line 1)');
    const engine = new RecordingTransport();
    engine.answer = () => ({ ok: true, value: `from engine ${started.length}` });
    started.push({ request, engine });
    return engine;
  };
  return { started, start };
}

describe('EngineController', () => {
  it('holds a call made while the engine starts and answers it once the engine is up', async () => {
    const { started, start } = scriptedStarts();
    const controller = new EngineController(start);
    void controller.start({ configFile: 'a.yml' });
    const during = controller.call('snapshot/get', []);
    expect(started).toEqual([]);
    expect(await during).toEqual({ ok: true, value: 'from engine 1' });
    expect(started[0].engine.calls).toEqual([{ name: 'snapshot/get', args: [] }]);
  });

  it('answers unavailable to a call made before any start', async () => {
    const controller = new EngineController(scriptedStarts().start);
    expect(await controller.call('snapshot/get', [])).toEqual({
      ok: false,
      error: {
        name: 'ApiError',
        code: 'unavailable',
        message: 'snapshot/get: the engine has not started',
      },
    });
  });

  it('says why the engine is down when it failed to start', async () => {
    const controller = new EngineController(scriptedStarts().start);
    expect(await controller.start({ configFile: 'bad.yml' })).toBe(
      'topK must be at least 1 (line 1)',
    );
    expect(await controller.call('sources/list', [])).toEqual({
      ok: false,
      error: {
        name: 'ApiError',
        code: 'unavailable',
        message: 'sources/list: the engine did not start: topK must be at least 1 (line 1)',
      },
    });
  });

  it('restarts with a new config, stopping the old engine first', async () => {
    const { started, start } = scriptedStarts();
    const controller = new EngineController(start);
    await controller.start({ configFile: 'a.yml' });
    expect(await controller.restart({ configFile: 'b.yml' })).toBeUndefined();
    expect(started.map((s) => [s.request.configFile, s.engine.stopped])).toEqual([
      ['a.yml', 1],
      ['b.yml', 0],
    ]);
    expect(controller.configFile).toBe('b.yml');
    expect(await controller.call('config/get', [])).toEqual({ ok: true, value: 'from engine 2' });
  });

  it('goes back to the previous config when the new one fails', async () => {
    const { started, start } = scriptedStarts();
    const controller = new EngineController(start);
    await controller.start({ configFile: 'a.yml' });
    expect(await controller.restart({ configFile: 'bad.yml' })).toBe(
      'topK must be at least 1 (line 1)',
    );
    expect(started.map((s) => s.request.configFile)).toEqual(['a.yml', 'a.yml']);
    expect(controller.configFile).toBe('a.yml');
    expect(await controller.call('snapshot/get', [])).toEqual({ ok: true, value: 'from engine 2' });
  });

  it('moves subscriptions to the new engine, one per event name', async () => {
    const { started, start } = scriptedStarts();
    const controller = new EngineController(start);
    const seen: unknown[] = [];
    controller.subscribe('snapshot', (s) => seen.push(['first', s]));
    controller.subscribe('snapshot', (s) => seen.push(['second', s]));
    await controller.start({});
    started[0].engine.emit('snapshot', 1);
    await controller.restart({ configFile: 'b.yml' });

    expect(started[0].engine.subscribed()).toEqual([]);
    expect(started[1].engine.listeners.get('snapshot')?.size).toBe(1);
    started[1].engine.emit('snapshot', 2);
    expect(seen).toEqual([
      ['first', 1],
      ['second', 1],
      ['first', 2],
      ['second', 2],
    ]);
  });

  it('unsubscribes from the engine when the last listener leaves', async () => {
    const { started, start } = scriptedStarts();
    const controller = new EngineController(start);
    await controller.start({});
    const stopA = controller.subscribe('log', () => {});
    const stopB = controller.subscribe('log', () => {});
    stopA();
    expect(started[0].engine.subscribed()).toEqual(['log']);
    stopB();
    expect(started[0].engine.subscribed()).toEqual([]);
  });

  it('stops the engine and answers unavailable afterwards', async () => {
    const { started, start } = scriptedStarts();
    const controller = new EngineController(start);
    await controller.start({});
    await controller.stop();
    expect(started[0].engine.stopped).toBe(1);
    expect(await controller.call('snapshot/get', [])).toEqual({
      ok: false,
      error: {
        name: 'ApiError',
        code: 'unavailable',
        message: 'snapshot/get: the engine has stopped',
      },
    });
  });
});

describe('EngineController crashes', () => {
  it('reports an engine that died on its own, once', async () => {
    const { started, start } = scriptedStarts();
    const crashes: string[] = [];
    const controller = new EngineController(start, (reason) => crashes.push(reason));
    await controller.start({});
    started[0].engine.crash('the engine stopped unexpectedly: out of memory');
    expect(crashes).toEqual(['the engine stopped unexpectedly: out of memory']);
  });

  it('ignores the death of an engine it already replaced', async () => {
    const { started, start } = scriptedStarts();
    const crashes: string[] = [];
    const controller = new EngineController(start, (reason) => crashes.push(reason));
    await controller.start({});
    await controller.restart({ configFile: 'b.yml' });
    started[0].engine.crash('late news');
    expect(crashes).toEqual([]);
  });
});

describe('EngineController with the real engine worker', () => {
  const temp = makeTempDir('streamlens-controller-');
  afterEach(() => temp.cleanup());

  it('keeps the running config when a restart asks for an invalid one', async () => {
    const good = join(temp.dir, 'good.yml');
    const bad = join(temp.dir, 'bad.yml');
    writeFileSync(
      good,
      'sources:\n  - id: demo\n    plugin: synthetic\n    options: { rate: 200 }\n',
    );
    writeFileSync(bad, 'topK: 0\n');
    const dataDir = join(temp.dir, 'data');
    const controller = new EngineController(startEngineWorker);

    expect(await controller.start({ configFile: good, dataDir })).toBeUndefined();
    expect(await controller.restart({ configFile: bad, dataDir })).toBe(
      `${bad}: topK must be at least 1 (line 1, column 7)`,
    );
    const sources = await controller.call('sources/list', []);
    expect(sources.ok && (sources.value as SourceSnapshot[]).map((s) => s.id)).toEqual(['demo']);
    expect(controller.configFile).toBe(good);
    await controller.stop();
  });
});
