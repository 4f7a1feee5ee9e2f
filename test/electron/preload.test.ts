import { beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import type { StreamlensApi } from '../../src/shared/api.ts';
import { silentLogger } from '../../src/main/engine/logger.ts';
import {
  electron,
  electronModule,
  FakeBrowserWindow,
  FakeIpcMain,
  resetElectron,
} from './fake-electron.ts';
import { RecordingTransport } from './recording-transport.ts';

vi.mock('electron', () => electronModule);

const APP = 'file:///opt/streamlens/out/renderer/index.html';
let transport: RecordingTransport;
let window: FakeBrowserWindow;
let api: StreamlensApi;

/*
 * The preload as the renderer sees it, over the real main-process bridge: the fake carries
 * `ipcRenderer.invoke/send` to `ipcMain` from our window's page, and `webContents.send` back.
 */
beforeAll(async () => {
  resetElectron();
  transport = new RecordingTransport();
  const { ApiBridge } = await import('../../src/main/ipc.ts');
  const bridge = new ApiBridge({
    ipcMain: electron.ipcMain as never,
    appUrl: APP,
    transport,
    logger: silentLogger,
  });
  window = new FakeBrowserWindow({});
  bridge.attach(window as never);
  window.webContents.renderer = electron.ipcRenderer;
  electron.ipcRenderer.from = { sender: window.webContents, senderFrame: { url: APP } };

  await import('../../src/preload/index.ts');
  api = electron.contextBridge.exposed.streamlens as StreamlensApi;
});

beforeEach(() => {
  transport.calls.length = 0;
  transport.answer = (name) => ({ ok: true, value: `answer to ${name}` });
});

describe('preload', () => {
  it('exposes exactly one object, streamlens, with the API and nothing else', () => {
    expect(Object.keys(electron.contextBridge.exposed)).toEqual(['streamlens']);
    expect(Object.keys(api).sort()).toEqual([
      'applyConfig',
      'getConfig',
      'getSnapshot',
      'listSources',
      'onLog',
      'onSnapshot',
      'onSourceState',
      'startSource',
      'stopSource',
      'validateConfig',
    ]);
    expect(Object.values(api).every((value) => typeof value === 'function')).toBe(true);
  });

  it('carries each call to its channel and resolves to the engine value', async () => {
    expect(await api.getSnapshot()).toBe('answer to snapshot/get');
    expect(await api.stopSource('demo')).toBe('answer to sources/stop');
    expect(await api.validateConfig('topK: 5\n')).toBe('answer to config/validate');
    expect(transport.calls).toEqual([
      { name: 'snapshot/get', args: [] },
      { name: 'sources/stop', args: ['demo'] },
      { name: 'config/validate', args: ['topK: 5\n'] },
    ]);
  });

  it('rejects a failed call with the error as plain data, which the context bridge keeps whole', async () => {
    const configErrors = [{ path: 'topK', line: 1, column: 7, message: 'must be at least 1' }];
    const error = { name: 'ApiError', code: 'invalid-config', message: 'bad', configErrors };
    transport.answer = () => ({ ok: false, error: error as never });
    const rejection = await api.applyConfig('topK: 0\n').catch((reason: unknown) => reason);
    expect(rejection).toEqual(error);
    expect(rejection).not.toBeInstanceOf(Error);
  });

  it('rejects with the main side refusal for a malformed argument', async () => {
    const rejection = await api.startSource('').catch((reason: unknown) => reason);
    expect(rejection).toEqual({
      name: 'ApiError',
      code: 'invalid-argument',
      message: 'sources/start: argument id: Too small: expected string to have >=1 characters',
    });
    expect(transport.calls).toEqual([]);
  });

  it('delivers events to every listener and unsubscribes in main when the last one leaves', () => {
    const first: unknown[] = [];
    const second: unknown[] = [];
    const stopFirst = api.onSnapshot((snapshot) => first.push(snapshot));
    const stopSecond = api.onSnapshot((snapshot) => second.push(snapshot));
    expect(transport.subscribed()).toEqual(['snapshot']);

    transport.emit('snapshot', { seq: 1 });
    stopFirst();
    transport.emit('snapshot', { seq: 2 });
    stopSecond();
    transport.emit('snapshot', { seq: 3 });

    expect(first).toEqual([{ seq: 1 }]);
    expect(second).toEqual([{ seq: 1 }, { seq: 2 }]);
    expect(transport.subscribed()).toEqual([]);
  });

  it('answers unavailable, as data, when the main process has no handler for a call', async () => {
    const { createIpcTransport } = await import('../../src/preload/ipc-transport.ts');
    const withoutHandlers = new FakeIpcMain();
    const nothingHandled = {
      invoke: (channel: string) => withoutHandlers.invoke(electron.ipcRenderer.from!, channel),
      send: () => {},
      on: () => {},
    };
    expect(await createIpcTransport(nothingHandled).call('snapshot/get', [])).toEqual({
      ok: false,
      error: {
        name: 'ApiError',
        code: 'unavailable',
        message: "No handler registered for 'snapshot/get'",
      },
    });
  });

  it('keeps each event to its own listeners', () => {
    const states: unknown[] = [];
    const lines: unknown[] = [];
    const stops = [api.onSourceState((s) => states.push(s)), api.onLog((l) => lines.push(l))];
    transport.emit('source-state', { id: 'demo', state: 'running' });
    transport.emit('log', { message: 'hello' });
    stops.forEach((stop) => stop());
    expect(states).toEqual([{ id: 'demo', state: 'running' }]);
    expect(lines).toEqual([{ message: 'hello' }]);
  });
});
