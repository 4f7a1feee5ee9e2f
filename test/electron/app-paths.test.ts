import { describe, expect, it } from 'vitest';
import { appLayout, chromiumProfileDir, desktopArgs } from '../../src/main/app-paths.ts';
import { electronSqliteBinary, nativeBindingFor } from '../../src/main/native-binding.ts';

const linux = { version: '45.6.0', platform: 'linux' as const, arch: 'x64' };

describe('appLayout', () => {
  it('points at the built renderer file, the CommonJS preload and the bundled worker', () => {
    const layout = appLayout('/opt/streamlens/out/main', true);
    expect(layout).toEqual({
      appUrl: 'file:///opt/streamlens/out/renderer/index.html',
      preload: '/opt/streamlens/out/preload/index.cjs',
      workerUrl: new URL('file:///opt/streamlens/out/main/engine-worker.js'),
    });
  });

  it('uses the dev server only when not packaged', () => {
    expect(appLayout('/r/out/main', false, 'http://localhost:5173/').appUrl).toBe(
      'http://localhost:5173/',
    );
    expect(appLayout('/r/out/main', true, 'http://evil.example/').appUrl).toBe(
      'file:///r/out/renderer/index.html',
    );
    expect(appLayout('/r/out/main', false, '').appUrl).toBe('file:///r/out/renderer/index.html');
  });

  it('escapes characters a file URL cannot hold', () => {
    expect(appLayout('/home/a b/#x/out/main', true).appUrl).toBe(
      'file:///home/a%20b/%23x/out/renderer/index.html',
    );
  });
});

describe('chromiumProfileDir', () => {
  it('is a folder of its own beside the per-user folders', () => {
    expect(chromiumProfileDir('/home/ada/.config')).toBe('/home/ada/.config/streamlens-desktop');
  });
});

describe('desktopArgs', () => {
  it('reads --config and --data-dir in both spellings, resolved against cwd', () => {
    expect(desktopArgs(['electron', '.', '--config', 'a.yml', '--data-dir=/d'], '/w')).toEqual({
      configFile: '/w/a.yml',
      dataDir: '/d',
    });
    expect(desktopArgs(['app', '-c', 'b.yml', '-d', 'data'], '/w')).toEqual({
      configFile: '/w/b.yml',
      dataDir: '/w/data',
    });
  });

  it('ignores Electron and Chromium switches and a flag without a value', () => {
    expect(desktopArgs(['app', '--no-sandbox', '--enable-logging', '--config'], '/w')).toEqual({});
    expect(desktopArgs(['app', '--config='], '/w')).toEqual({});
    expect(desktopArgs(['app', '--config', '--data-dir', 'd'], '/w')).toEqual({ dataDir: '/w/d' });
  });

  it('takes the last of repeated flags', () => {
    expect(desktopArgs(['app', '-c', 'a.yml', '--config', 'b.yml'], '/')).toEqual({
      configFile: '/b.yml',
    });
  });
});

describe('nativeBindingFor', () => {
  it('uses the .native build of the project when run from source', () => {
    const running = { isPackaged: false, appPath: '/repo', resourcesPath: '/x', target: linux };
    expect(nativeBindingFor(running)).toBe(
      '/repo/.native/electron-45.6.0-linux-x64/better_sqlite3.node',
    );
    expect(nativeBindingFor(running)).toBe(electronSqliteBinary('/repo', linux));
  });

  it("uses the copy in the packaged app's resources", () => {
    const running = {
      isPackaged: true,
      appPath: '/a.asar',
      resourcesPath: '/opt/S/resources',
      target: linux,
    };
    expect(nativeBindingFor(running)).toBe('/opt/S/resources/native/better_sqlite3.node');
  });

  it('keeps builds for different Electron versions and CPUs apart', () => {
    const arm = electronSqliteBinary('/repo', { ...linux, arch: 'arm64' });
    const older = electronSqliteBinary('/repo', { ...linux, version: '44.0.0' });
    expect(new Set([arm, older, electronSqliteBinary('/repo', linux)]).size).toBe(3);
  });
});
