import { beforeEach, describe, expect, it, vi } from 'vitest';
import { electronModule, FakeBrowserWindow, resetElectron } from './fake-electron.ts';

vi.mock('electron', () => electronModule);

const { createMainWindow, mainWindowOptions } = await import('../../src/main/window.ts');

beforeEach(() => resetElectron());

const securePreferences = {
  preload: '/app/out/preload/index.cjs',
  contextIsolation: true,
  sandbox: true,
  nodeIntegration: false,
  nodeIntegrationInWorker: false,
  nodeIntegrationInSubFrames: false,
  webSecurity: true,
  allowRunningInsecureContent: false,
  webviewTag: false,
  spellcheck: false,
};

describe('mainWindowOptions', () => {
  it('isolates and sandboxes the renderer with no Node and web security on', () => {
    expect(mainWindowOptions({ preload: '/app/out/preload/index.cjs', isDev: false })).toEqual({
      width: 1280,
      height: 820,
      minWidth: 720,
      minHeight: 480,
      show: false,
      title: 'Streamlens',
      autoHideMenuBar: false,
      webPreferences: { ...securePreferences, devTools: false },
    });
  });

  it('allows the dev tools in development only', () => {
    const options = mainWindowOptions({ preload: '/app/out/preload/index.cjs', isDev: true });
    expect(options.webPreferences).toEqual({ ...securePreferences, devTools: true });
  });
});

describe('createMainWindow', () => {
  it('loads the renderer URL and shows the window once it is ready', () => {
    const url = 'file:///app/out/renderer/index.html';
    const window = createMainWindow({
      preload: '/p.cjs',
      isDev: false,
      url,
    }) as never as FakeBrowserWindow;
    expect(FakeBrowserWindow.instances).toEqual([window]);
    expect(window.loadedUrl).toBe(url);
    expect(window.visible).toBe(false);
    window.emit('ready-to-show');
    expect(window.visible).toBe(true);
  });
});
