import { basename } from 'node:path';
import { app, BrowserWindow, dialog, ipcMain, Menu, session } from 'electron';
import { streamlensPaths } from './config/paths.ts';
import type { Logger } from './engine/logger.ts';
import { appLayout, chromiumProfileDir, desktopArgs } from './app-paths.ts';
import { EngineController, type EngineRequest, type StartEngine } from './engine-controller.ts';
import { ApiBridge } from './ipc.ts';
import { menuTemplate } from './menu.ts';
import { nativeBindingFor } from './native-binding.ts';
import { hardenSession, hardenWebContents } from './security.ts';
import { createMainWindow } from './window.ts';

/** The longest the app waits at quit for the engine to commit and stop, ms. */
export const ENGINE_STOP_DEADLINE_MS = 15_000;

const RESTART_HINT = 'Open a config with File > Open Config…, or restart Streamlens.';

/** What the desktop app is started with. */
export interface DesktopAppOptions {
  /** Starts the engine worker (`startEngineWorker`). */
  startEngine: StartEngine;
  /** Folder of the built main script (`out/main`). */
  mainDir: string;
  argv: readonly string[];
  cwd: string;
  env: NodeJS.ProcessEnv;
  /** The platform and Electron build the app runs on. */
  runtime: AppRuntime;
  logger: Logger;
}

/** Facts of the running process (from `process` in the app; set by hand in tests). */
export interface AppRuntime {
  platform: NodeJS.Platform;
  arch: string;
  /** `process.versions.electron`. */
  electronVersion: string;
  /** `process.resourcesPath`: where a packaged app's extra resources are. */
  resourcesPath: string;
}

/** The running app, for the entry point and for tests. */
export interface DesktopApp {
  engine: EngineController;
  /** Resolves once the window is open and the engine has started (or failed to). */
  ready: Promise<void>;
  mainWindow(): BrowserWindow | undefined;
  openConfig(): Promise<void>;
}

/**
 * The Electron shell: one instance, one hardened window on the built renderer, the engine in a
 * worker bound to IPC, the application menu, and a quit that waits for the engine to commit.
 * Returns undefined when another instance already runs (that one is focused instead).
 */
export function startDesktopApp(options: DesktopAppOptions): DesktopApp | undefined {
  app.setPath('userData', chromiumProfileDir(app.getPath('appData')));
  if (!app.requestSingleInstanceLock()) {
    app.quit();
    return undefined;
  }

  const layout = appLayout(options.mainDir, app.isPackaged, options.env.ELECTRON_RENDERER_URL);
  const engine = new EngineController(options.startEngine, (reason) => {
    options.logger.error({ reason }, 'the engine stopped unexpectedly');
    dialog.showErrorBox('The Streamlens engine stopped', `${reason}\n\n${RESTART_HINT}`);
  });
  const bridge = new ApiBridge({
    ipcMain,
    appUrl: layout.appUrl,
    transport: engine,
    logger: options.logger,
  });
  let request = engineRequest(options, layout.workerUrl);
  let window: BrowserWindow | undefined;

  const openWindow = () => {
    const isDev = !app.isPackaged;
    window = createMainWindow({ preload: layout.preload, isDev, url: layout.appUrl });
    bridge.attach(window);
    const opened = window;
    opened.once('closed', () => {
      if (window === opened) window = undefined;
    });
  };
  const focusWindow = () => {
    if (!window) return openWindow();
    if (window.isMinimized()) window.restore();
    window.focus();
  };

  const openConfig = async () => {
    const chosen = await chooseConfigFile(window);
    if (!chosen) return;
    const next = { ...request, configFile: chosen };
    const failure = await engine.restart(next);
    if (failure === undefined) request = next;
    else dialog.showErrorBox(`Could not open ${basename(chosen)}`, failure);
  };

  app.on('web-contents-created', (_event, contents) => hardenWebContents(contents, layout.appUrl));
  app.on('second-instance', focusWindow);
  app.on('activate', () => window ?? openWindow());
  app.on('window-all-closed', () => {
    if (options.runtime.platform !== 'darwin') app.quit();
  });
  stopEngineBeforeQuit(engine, options.logger);

  const ready = app.whenReady().then(async () => {
    hardenSession(session.defaultSession, layout.appUrl);
    const isMac = options.runtime.platform === 'darwin';
    const menu = { appName: 'Streamlens', isMac, isDev: !app.isPackaged, openConfig, showAbout };
    Menu.setApplicationMenu(Menu.buildFromTemplate(menuTemplate(menu)));
    openWindow();

    const failure = await engine.start(request);
    if (failure !== undefined) {
      options.logger.error({ failure }, 'the engine did not start');
      dialog.showErrorBox('Streamlens could not start its engine', failure);
    }
  });

  return { engine, ready, mainWindow: () => window, openConfig };
}

function engineRequest(options: DesktopAppOptions, workerUrl: URL): EngineRequest {
  const args = desktopArgs(options.argv, options.cwd);
  const { platform, arch, electronVersion, resourcesPath } = options.runtime;
  const nativeBinding = nativeBindingFor({
    isPackaged: app.isPackaged,
    appPath: app.getAppPath(),
    resourcesPath,
    target: { version: electronVersion, platform, arch },
  });
  return {
    configFile: args.configFile,
    dataDir: args.dataDir ?? streamlensPaths(options.env, options.cwd).dataDir,
    workerUrl,
    nativeBinding,
  };
}

async function chooseConfigFile(window: BrowserWindow | undefined): Promise<string | undefined> {
  const choice = {
    title: 'Open a Streamlens config',
    properties: ['openFile' as const],
    filters: [{ name: 'Streamlens config (YAML)', extensions: ['yml', 'yaml'] }],
  };
  const result = window
    ? await dialog.showOpenDialog(window, choice)
    : await dialog.showOpenDialog(choice);
  return result.canceled ? undefined : result.filePaths[0];
}

function showAbout(): void {
  app.setAboutPanelOptions({
    applicationName: 'Streamlens',
    applicationVersion: app.getVersion(),
    credits: 'Watch live event streams on your own machine.',
    copyright: 'MIT License',
  });
  app.showAboutPanel();
}

/**
 * Holds the first quit until the engine has committed what it ingested and stopped (at most
 * `ENGINE_STOP_DEADLINE_MS`), then quits for real.
 */
function stopEngineBeforeQuit(engine: EngineController, logger: Logger): void {
  let state: 'running' | 'stopping' | 'stopped' = 'running';
  app.on('before-quit', (event) => {
    if (state === 'stopped') return;
    event.preventDefault();
    if (state === 'stopping') return;
    state = 'stopping';
    void withDeadline(engine.stop(), ENGINE_STOP_DEADLINE_MS)
      .catch((error: unknown) =>
        logger.error({ error: String(error) }, 'the engine did not stop cleanly'),
      )
      .finally(() => {
        state = 'stopped';
        app.quit();
      });
  });
}

function withDeadline(work: Promise<void>, ms: number): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<void>((_resolve, reject) => {
    timer = setTimeout(() => reject(new Error(`still stopping after ${ms} ms`)), ms);
  });
  return Promise.race([work, deadline]).finally(() => clearTimeout(timer));
}
