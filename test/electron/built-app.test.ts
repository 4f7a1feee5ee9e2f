import { cpSync, existsSync, mkdirSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { runInNewContext } from 'node:vm';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { StreamlensApi } from '../../src/shared/api.ts';
import type { Snapshot } from '../../src/shared/snapshot.ts';
import { runChild } from '../../src/main/launcher/child.ts';
import { electronSqliteBinary } from '../../src/main/native-binding.ts';
import { makeTempDir } from '../support/temp-dir.ts';
import { electron, electronModule, FakeBrowserWindow, resetElectron } from './fake-electron.ts';

vi.mock('electron', () => electronModule);

/*
 * The app as electron-vite builds it (main, engine worker, sandboxed preload, renderer), run
 * against the stand-in Electron: the bundles load, find each other, and the built worker runs
 * the engine on the better-sqlite3 binary the main process points it at.
 */
const repo = join(import.meta.dirname, '..', '..');
const temp = makeTempDir('streamlens-built-');
const app = join(temp.dir, 'app');
afterAll(() => temp.cleanup());

beforeAll(async () => {
  mkdirSync(app, { recursive: true });
  // The bundles import their dependencies from node_modules, as the packaged app does.
  symlinkSync(join(repo, 'node_modules'), join(app, 'node_modules'), 'dir');
  const build = await runChild(
    {
      command: process.execPath,
      args: [
        join(repo, 'node_modules', 'electron-vite', 'bin', 'electron-vite.js'),
        'build',
        '--outDir',
        join(app, 'out'),
        '--logLevel',
        'error',
      ],
      cwd: repo,
      env: process.env,
    },
    { on: () => {}, off: () => {} },
  );
  expect(build).toBe(0);
}, 120_000);

async function waitFor<T>(probe: () => Promise<T | undefined>, what: string): Promise<T> {
  const deadline = Date.now() + 15_000;
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

describe('the built desktop app', () => {
  it('runs the built engine worker through the built main process and answers the page', async () => {
    resetElectron();
    electron.app.appPath = app;
    electron.app.setPath('appData', join(temp.dir, 'appdata'));
    // Outside Electron `process.versions.electron` is undefined, and so is the folder name.
    const target = { version: 'undefined', platform: process.platform, arch: process.arch };
    const binary = electronSqliteBinary(app, target);
    mkdirSync(join(binary, '..'), { recursive: true });
    cpSync(
      join(repo, 'node_modules', 'better-sqlite3', 'build', 'Release', 'better_sqlite3.node'),
      binary,
    );
    const configDir = join(temp.dir, 'config');
    mkdirSync(configDir);
    writeFileSync(
      join(configDir, 'config.yml'),
      'sources:\n  - id: demo\n    plugin: synthetic\n    options: { rate: 500 }\n',
    );
    process.env.STREAMLENS_CONFIG_DIR = configDir;
    process.env.STREAMLENS_DATA_DIR = join(temp.dir, 'data');

    await import(pathToFileURL(join(app, 'out', 'main', 'index.js')).href);
    electron.app.becomeReady();
    const window = await waitFor(async () => FakeBrowserWindow.instances[0], 'the window');
    const page = { sender: window.webContents, senderFrame: { url: window.loadedUrl! } };
    const snapshot = await waitFor(async () => {
      const result = (await electron.ipcMain.invoke(page, 'snapshot/get')) as {
        ok: boolean;
        value: Snapshot;
      };
      return result.ok ? result.value : undefined;
    }, 'a snapshot');

    expect(snapshot.sources.map((s) => s.id)).toEqual(['demo']);
    expect(window.loadedUrl).toBe(pathToFileURL(join(app, 'out', 'renderer', 'index.html')).href);
    const preload = (window.options.webPreferences as { preload: string }).preload;
    expect(preload).toBe(join(app, 'out', 'preload', 'index.cjs'));
    expect(existsSync(preload)).toBe(true);

    electron.app.quit();
    await waitFor(async () => (electron.app.quitted ? true : undefined), 'the quit');
    expect(existsSync(join(temp.dir, 'data', 'events.db'))).toBe(true);
  });

  it('has a preload that runs as a sandboxed script, needing nothing but electron', () => {
    resetElectron();
    const source = readFileSync(join(app, 'out', 'preload', 'index.cjs'), 'utf8');
    const required: string[] = [];
    const sandboxRequire = (name: string) => {
      required.push(name);
      if (name !== 'electron') throw new Error(`a sandboxed preload cannot require ${name}`);
      return electronModule;
    };
    const module = { exports: {} };
    runInNewContext(source, { require: sandboxRequire, module, exports: module.exports });

    expect(required).toEqual(['electron']);
    expect(Object.keys(electron.contextBridge.exposed)).toEqual(['streamlens']);
    const api = electron.contextBridge.exposed.streamlens as StreamlensApi;
    expect(Object.keys(api)).toHaveLength(10);
  });

  it('gives the built renderer page a Content-Security-Policy that allows only its own scripts', () => {
    const html = readFileSync(join(app, 'out', 'renderer', 'index.html'), 'utf8');
    const policy = /http-equiv="Content-Security-Policy"\s+content="([^"]+)"/.exec(html)?.[1];
    expect(policy).toBeDefined();
    expect(policy).toContain("script-src 'self'");
    expect(policy).not.toContain('unsafe-eval');
    expect(html).not.toMatch(/<script[^>]+src="https?:/);
  });
});
