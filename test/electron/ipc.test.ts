import { beforeEach, describe, expect, it, vi } from 'vitest';
import { API_CALL_NAMES } from '../../src/shared/api.ts';
import { silentLogger } from '../../src/main/engine/logger.ts';
import {
  electron,
  electronModule,
  FakeBrowserWindow,
  resetElectron,
  type FakeSender,
} from './fake-electron.ts';
import { RecordingTransport } from './recording-transport.ts';

vi.mock('electron', () => electronModule);

const { ApiBridge } = await import('../../src/main/ipc.ts');

const APP = 'file:///opt/streamlens/out/renderer/index.html';

let transport: RecordingTransport;
let window: FakeBrowserWindow;
let bridge: InstanceType<typeof ApiBridge>;
let fromApp: FakeSender;

beforeEach(() => {
  resetElectron();
  transport = new RecordingTransport();
  bridge = new ApiBridge({
    ipcMain: electron.ipcMain as never,
    appUrl: APP,
    transport,
    logger: silentLogger,
  });
  window = new FakeBrowserWindow({});
  bridge.attach(window as never);
  fromApp = { sender: window.webContents, senderFrame: { url: `${APP}#/live` } };
});

const unauthorized = (name: string) => ({
  ok: false,
  error: {
    name: 'ApiError',
    code: 'unauthorized',
    message: `${name} was refused: it did not come from the app window`,
  },
});

describe('ApiBridge channels', () => {
  it('handles exactly the API call names and listens on exactly subscribe and unsubscribe', () => {
    const { handled, listened } = electron.ipcMain.channels();
    expect(handled.sort()).toEqual([...API_CALL_NAMES].sort());
    expect(handled).toHaveLength(7);
    expect(listened.sort()).toEqual(['api:subscribe', 'api:unsubscribe']);
  });

  it('removes every handler and listener when disposed', () => {
    bridge.dispose();
    expect(electron.ipcMain.channels()).toEqual({ handled: [], listened: [] });
  });

  it('rejects an unknown channel as Electron does, since nothing handles it', async () => {
    await expect(electron.ipcMain.invoke(fromApp, 'fs/read', '/etc/passwd')).rejects.toThrow(
      "No handler registered for 'fs/read'",
    );
  });
});

describe('ApiBridge calls', () => {
  it('forwards a call from the app page to the engine and returns its result', async () => {
    transport.answer = () => ({ ok: true, value: { id: 'demo', state: 'stopped' } });
    const result = await electron.ipcMain.invoke(fromApp, 'sources/stop', 'demo');
    expect(result).toEqual({ ok: true, value: { id: 'demo', state: 'stopped' } });
    expect(transport.calls).toEqual([{ name: 'sources/stop', args: ['demo'] }]);
  });

  it('returns the engine error as data, unchanged', async () => {
    const error = { name: 'ApiError', code: 'not-found', message: 'no source x' } as const;
    transport.answer = () => ({ ok: false, error });
    const result = await electron.ipcMain.invoke(fromApp, 'sources/start', 'x');
    expect(result).toEqual({ ok: false, error });
  });

  it('refuses a call from another window as unauthorized data, without reaching the engine', async () => {
    const other = new FakeBrowserWindow({});
    const from = { sender: other.webContents, senderFrame: { url: APP } };
    expect(await electron.ipcMain.invoke(from, 'snapshot/get')).toEqual(
      unauthorized('snapshot/get'),
    );
    expect(transport.calls).toEqual([]);
  });

  it('refuses a call from our window showing another page', async () => {
    const from = { sender: window.webContents, senderFrame: { url: 'https://example.com/' } };
    expect(await electron.ipcMain.invoke(from, 'config/get')).toEqual(unauthorized('config/get'));
    const frame = { sender: window.webContents, senderFrame: { url: 'file:///tmp/x.html' } };
    expect(await electron.ipcMain.invoke(frame, 'config/get')).toEqual(unauthorized('config/get'));
    expect(transport.calls).toEqual([]);
  });

  it('refuses a call whose frame is gone', async () => {
    const from = { sender: window.webContents, senderFrame: null };
    expect(await electron.ipcMain.invoke(from, 'sources/list')).toEqual(
      unauthorized('sources/list'),
    );
  });

  it('refuses every call once the window has closed', async () => {
    window.close();
    expect(await electron.ipcMain.invoke(fromApp, 'snapshot/get')).toEqual(
      unauthorized('snapshot/get'),
    );
    expect(transport.calls).toEqual([]);
  });

  it('refuses malformed arguments before they reach the engine', async () => {
    expect(await electron.ipcMain.invoke(fromApp, 'sources/stop', 42)).toEqual({
      ok: false,
      error: {
        name: 'ApiError',
        code: 'invalid-argument',
        message: 'sources/stop: argument id: Invalid input: expected string, received number',
      },
    });
    expect(await electron.ipcMain.invoke(fromApp, 'snapshot/get', 'extra')).toEqual({
      ok: false,
      error: {
        name: 'ApiError',
        code: 'invalid-argument',
        message: 'snapshot/get takes no arguments, got 1',
      },
    });
    expect(transport.calls).toEqual([]);
  });

  it('answers unavailable when the engine transport throws', async () => {
    transport.call = () => Promise.reject(new Error('port closed'));
    expect(await electron.ipcMain.invoke(fromApp, 'snapshot/get')).toEqual({
      ok: false,
      error: { name: 'ApiError', code: 'unavailable', message: 'snapshot/get: port closed' },
    });
  });
});

describe('ApiBridge subscriptions', () => {
  const eventsSent = () => window.webContents.sent.filter(([channel]) => channel === 'api:event');

  it('delivers engine events to the window on the event channel', () => {
    electron.ipcMain.send(fromApp, 'api:subscribe', 'snapshot');
    transport.emit('snapshot', { seq: 1 });
    transport.emit('log', { message: 'not subscribed' });
    expect(window.webContents.sent).toEqual([['api:event', 'snapshot', { seq: 1 }]]);
  });

  it('holds one engine subscription per event name however often the page asks', () => {
    electron.ipcMain.send(fromApp, 'api:subscribe', 'snapshot');
    electron.ipcMain.send(fromApp, 'api:subscribe', 'snapshot');
    transport.emit('snapshot', 1);
    expect(eventsSent()).toEqual([['api:event', 'snapshot', 1]]);
    expect(transport.listeners.get('snapshot')?.size).toBe(1);
  });

  it('stops delivering after unsubscribe', () => {
    electron.ipcMain.send(fromApp, 'api:subscribe', 'source-state');
    electron.ipcMain.send(fromApp, 'api:unsubscribe', 'source-state');
    transport.emit('source-state', { id: 'demo' });
    expect(eventsSent()).toEqual([]);
    expect(transport.subscribed()).toEqual([]);
  });

  it('ends every subscription when the window closes', () => {
    electron.ipcMain.send(fromApp, 'api:subscribe', 'snapshot');
    electron.ipcMain.send(fromApp, 'api:subscribe', 'log');
    window.close();
    expect(transport.subscribed()).toEqual([]);
    transport.emit('snapshot', 2);
    expect(eventsSent()).toEqual([]);
  });

  it('ends every subscription when the page navigates or reloads', () => {
    electron.ipcMain.send(fromApp, 'api:subscribe', 'snapshot');
    window.webContents.emit('did-navigate');
    expect(transport.subscribed()).toEqual([]);
  });

  it('refuses unknown event names', () => {
    electron.ipcMain.send(fromApp, 'api:subscribe', 'secrets');
    electron.ipcMain.send(fromApp, 'api:subscribe', { toString: () => 'snapshot' });
    expect(transport.subscribed()).toEqual([]);
  });

  it('refuses subscriptions and unsubscriptions from a foreign sender', () => {
    const other = new FakeBrowserWindow({});
    const foreign = { sender: other.webContents, senderFrame: { url: APP } };
    electron.ipcMain.send(foreign, 'api:subscribe', 'snapshot');
    expect(transport.subscribed()).toEqual([]);

    electron.ipcMain.send(fromApp, 'api:subscribe', 'snapshot');
    electron.ipcMain.send(foreign, 'api:unsubscribe', 'snapshot');
    expect(transport.subscribed()).toEqual(['snapshot']);
  });

  it('sends nothing to a window whose contents were destroyed', () => {
    electron.ipcMain.send(fromApp, 'api:subscribe', 'snapshot');
    window.webContents.destroyed = true;
    expect(() => transport.emit('snapshot', 3)).not.toThrow();
    expect(eventsSent()).toEqual([]);
  });
});
