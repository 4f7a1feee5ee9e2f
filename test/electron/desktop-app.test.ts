import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import type { EngineClient, EngineRequest } from '../../src/main/engine-controller.ts';
import { silentLogger } from '../../src/main/engine/logger.ts';
import { startEngineWorker } from '../../src/main/host/worker-client.ts';
import type { Snapshot } from '../../src/shared/snapshot.ts';
import { makeTempDir } from '../support/temp-dir.ts';
import {
  electron,
  electronModule,
  FakeBrowserWindow,
  resetElectron,
  type FakeMenuItem,
} from './fake-electron.ts';
import { RecordingTransport } from './recording-transport.ts';

vi.mock('electron', () => electronModule);

const { startDesktopApp } = await import('../../src/main/desktop-app.ts');

const temp = makeTempDir('streamlens-desktop-');
afterAll(() => temp.cleanup());

const mainDir = join(temp.dir, 'app', 'out', 'main');
const rendererUrl = pathToFileURL(join(temp.dir, 'app', 'out', 'renderer', 'index.html')).href;
const runtime = {
  platform: 'linux',
  arch: 'x64',
  electronVersion: '45.6.0',
  resourcesPath: '/res',
};

function writeConfig(name: string, text: string): string {
  const file = join(temp.dir, name);
  writeFileSync(file, text);
  return file;
}

const demoConfig = writeConfig(
  'demo.yml',
  'sources:\n  - id: demo\n    plugin: synthetic\n    options: { rate: 500 }\n',
);

/** Starts the real engine worker from its sources (Node's better-sqlite3), recording requests. */
function realEngine() {
  const requests: EngineRequest[] = [];
  const start = (request: EngineRequest) => {
    requests.push(request);
    return startEngineWorker({ configFile: request.configFile, dataDir: request.dataDir });
  };
  return { requests, start };
}

function launch(options: {
  start: (request: EngineRequest) => Promise<EngineClient>;
  argv?: string[];
  platform?: NodeJS.Platform;
}) {
  return startDesktopApp({
    startEngine: options.start,
    mainDir,
    argv: options.argv ?? ['electron', '.'],
    cwd: temp.dir,
    env: { STREAMLENS_DATA_DIR: join(temp.dir, 'user-data') },
    runtime: { ...runtime, platform: options.platform ?? 'linux' },
    logger: silentLogger,
  });
}

async function waitFor(condition: () => boolean, what: string, deadlineMs = 10_000) {
  const deadline = Date.now() + deadlineMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

function menuEntry(menu: string, label: string): FakeMenuItem {
  const items = electron.Menu.applicationMenu!.items;
  return items.find((m) => m.label === menu)!.submenu!.find((i) => i.label === label)!;
}

describe('the desktop app with the real engine worker', () => {
  let engine: ReturnType<typeof realEngine>;
  let desktop: NonNullable<ReturnType<typeof launch>>;
  let window: FakeBrowserWindow;
  const fromPage = () => ({ sender: window.webContents, senderFrame: { url: rendererUrl } });

  beforeAll(async () => {
    resetElectron();
    electron.app.appPath = join(temp.dir, 'app');
    electron.app.setPath('appData', join(temp.dir, 'appdata'));
    engine = realEngine();
    const argv = ['electron', '.', '--config', 'demo.yml', '--data-dir=data'];
    desktop = launch({ start: engine.start, argv })!;
    electron.app.becomeReady();
    await desktop.ready;
    window = FakeBrowserWindow.instances[0];
  });

  it('keeps Chromium profile files apart from the Streamlens folders', () => {
    expect(electron.app.getPath('userData')).toBe(join(temp.dir, 'appdata', 'streamlens-desktop'));
  });

  it('opens one window on the built renderer with the built preload', () => {
    expect(FakeBrowserWindow.instances).toHaveLength(1);
    expect(window.loadedUrl).toBe(rendererUrl);
    const preferences = window.options.webPreferences as Record<string, unknown>;
    expect(preferences.preload).toBe(join(temp.dir, 'app', 'out', 'preload', 'index.cjs'));
    expect(preferences).toMatchObject({ contextIsolation: true, sandbox: true, devTools: true });
  });

  it('starts the engine once, in the worker, with the config, data folder and Electron build of SQLite', () => {
    expect(engine.requests).toEqual([
      {
        configFile: demoConfig,
        dataDir: join(temp.dir, 'data'),
        workerUrl: pathToFileURL(join(mainDir, 'engine-worker.js')),
        nativeBinding: join(
          temp.dir,
          'app',
          '.native',
          'electron-45.6.0-linux-x64',
          'better_sqlite3.node',
        ),
      },
    ]);
  });

  it('hardens the window it opened and the session', () => {
    expect(window.webContents.navigate('https://example.com/')).toBe(false);
    expect(window.webContents.windowOpenHandler!({ url: 'https://example.com/' })).toEqual({
      action: 'deny',
    });
    expect(electron.session.defaultSession.requestPermission('media')).toBe(false);
    expect(electron.session.defaultSession.request('https://example.com/x.js')).toBe(false);
  });

  it('sets the application menu', () => {
    const labels = electron.Menu.applicationMenu!.items.map((m) => m.label);
    expect(labels).toEqual(['File', 'Edit', 'View', 'Window', 'Help']);
  });

  it("answers the page's calls from the engine", async () => {
    const result = (await electron.ipcMain.invoke(fromPage(), 'snapshot/get')) as {
      ok: boolean;
      value: Snapshot;
    };
    expect(result.ok).toBe(true);
    expect(result.value.sources.map((s) => [s.id, s.plugin])).toEqual([['demo', 'synthetic']]);
  });

  it('refuses a call from a page that is not the app', async () => {
    const foreign = { sender: window.webContents, senderFrame: { url: 'https://example.com/' } };
    const result = await electron.ipcMain.invoke(foreign, 'sources/stop', 'demo');
    expect(result).toMatchObject({ ok: false, error: { code: 'unauthorized' } });
  });

  it('streams snapshots to the window after it subscribes', async () => {
    electron.ipcMain.send(fromPage(), 'api:subscribe', 'snapshot');
    const snapshots = () => window.webContents.sent.filter((m) => m[1] === 'snapshot');
    await waitFor(() => snapshots().length >= 2, 'two snapshots');
    const last = snapshots().at(-1)![2] as Snapshot;
    expect(last.sources[0].id).toBe('demo');
  });

  it('quits only after the engine has stopped with everything committed', async () => {
    electron.app.quit();
    expect(electron.app.quitted).toBe(false);
    await waitFor(() => electron.app.quitted, 'the quit');
    expect(await desktop.engine.call('snapshot/get', [])).toEqual({
      ok: false,
      error: {
        name: 'ApiError',
        code: 'unavailable',
        message: 'snapshot/get: the engine has stopped',
      },
    });

    // A fresh engine on the same folder finds what the first one counted.
    const again = await startEngineWorker({
      configFile: demoConfig,
      dataDir: join(temp.dir, 'data'),
    });
    const result = (await again.call('snapshot/get', [])) as { ok: true; value: Snapshot };
    await again.stop();
    expect(result.value.counters.logged).toBeGreaterThan(0);
  });
});

describe('the desktop app lifecycle', () => {
  let engines: RecordingTransport[];
  const start = async () => {
    const engine = new RecordingTransport();
    engines.push(engine);
    return engine;
  };

  beforeEach(() => {
    resetElectron();
    engines = [];
  });

  async function ready(platform: NodeJS.Platform = 'linux') {
    const desktop = launch({ start, platform })!;
    electron.app.becomeReady();
    await desktop.ready;
    return desktop;
  }

  it('gives way to an instance that already runs', () => {
    electron.app.hasLock = false;
    expect(launch({ start })).toBeUndefined();
    expect(electron.app.quitCalls).toBe(1);
    expect(electron.ipcMain.channels().handled).toEqual([]);
  });

  it('uses the same data folder as the command line when none is given', async () => {
    const requests: EngineRequest[] = [];
    const desktop = launch({ start: async (r) => (requests.push(r), start()) })!;
    electron.app.becomeReady();
    await desktop.ready;
    expect(requests[0].dataDir).toBe(join(temp.dir, 'user-data'));
    expect(requests[0].configFile).toBeUndefined();
  });

  it('quits when the last window closes on Windows and Linux', async () => {
    await ready('linux');
    FakeBrowserWindow.instances[0].close();
    await waitFor(() => electron.app.quitted, 'the quit');
    expect(engines[0].stopped).toBe(1);
  });

  it('keeps running without windows on macOS and reopens one on activate', async () => {
    await ready('darwin');
    expect(electron.Menu.applicationMenu!.items[0].label).toBe('Streamlens');
    FakeBrowserWindow.instances[0].close();
    expect(electron.app.quitCalls).toBe(0);
    electron.app.emit('activate');
    expect(FakeBrowserWindow.instances).toHaveLength(2);
  });

  it('focuses and restores the window when a second instance starts', async () => {
    await ready();
    const window = FakeBrowserWindow.instances[0];
    window.minimized = true;
    electron.app.emit('second-instance');
    expect([window.minimized, window.focused]).toEqual([false, true]);
    expect(FakeBrowserWindow.instances).toHaveLength(1);
  });

  it('stops the engine once however often quit is asked', async () => {
    await ready();
    electron.app.quit();
    electron.app.quit();
    await waitFor(() => electron.app.quitted, 'the quit');
    expect(engines[0].stopped).toBe(1);
  });

  it('shows why when the engine cannot start', async () => {
    const desktop = launch({ start: () => Promise.reject(new Error('pane must be positive')) })!;
    electron.app.becomeReady();
    await desktop.ready;
    expect(electron.dialog.errorBoxes).toEqual([
      ['Streamlens could not start its engine', 'pane must be positive'],
    ]);
  });

  it('tells the user when the engine dies on its own', async () => {
    await ready();
    engines[0].crash('the engine stopped unexpectedly: disk full');
    expect(electron.dialog.errorBoxes).toEqual([
      [
        'The Streamlens engine stopped',
        'the engine stopped unexpectedly: disk full\n\n' +
          'Open a config with File > Open Config…, or restart Streamlens.',
      ],
    ]);
  });

  it('restarts the engine on the config chosen with File > Open Config…', async () => {
    const requests: EngineRequest[] = [];
    const desktop = launch({ start: async (r) => (requests.push(r), start()) })!;
    electron.app.becomeReady();
    await desktop.ready;
    electron.dialog.openResult = { canceled: false, filePaths: ['/configs/other.yml'] };
    menuEntry('File', 'Open Config…').click!();
    await waitFor(() => requests.length === 2, 'the restart');
    expect(requests[1].configFile).toBe('/configs/other.yml');
    expect(engines[0].stopped).toBe(1);
    expect(electron.dialog.openCalls[0][1]).toMatchObject({
      properties: ['openFile'],
      filters: [{ name: 'Streamlens config (YAML)', extensions: ['yml', 'yaml'] }],
    });
  });

  it('changes nothing when the open dialog is cancelled', async () => {
    const desktop = await ready();
    await desktop.openConfig();
    expect(engines).toHaveLength(1);
    expect(engines[0].stopped).toBe(0);
  });

  it('shows the About panel from Help', async () => {
    await ready();
    menuEntry('Help', 'About Streamlens').click!();
    expect(electron.app.aboutShown).toBe(1);
    expect(electron.app.aboutOptions).toMatchObject({
      applicationName: 'Streamlens',
      applicationVersion: '0.1.0',
    });
  });
});
