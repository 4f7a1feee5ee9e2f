import { BrowserWindow, type BrowserWindowConstructorOptions } from 'electron';

/** What the main window is made from. */
export interface MainWindowSpec {
  /** Absolute path of the built preload script. */
  preload: string;
  /** Development build: the dev tools may open. */
  isDev: boolean;
  /** The renderer: `file://…/out/renderer/index.html` or the dev server's URL. */
  url: string;
}

/**
 * The main window's options. The renderer is isolated and sandboxed, has no Node, and reaches
 * the engine only through the preload's `window.streamlens`.
 */
export function mainWindowOptions(spec: Pick<MainWindowSpec, 'preload' | 'isDev'>) {
  return {
    width: 1280,
    height: 820,
    minWidth: 720,
    minHeight: 480,
    show: false,
    title: 'Streamlens',
    autoHideMenuBar: false,
    webPreferences: {
      preload: spec.preload,
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
      spellcheck: false,
      devTools: spec.isDev,
    },
  } satisfies BrowserWindowConstructorOptions;
}

/** Opens the main window on the renderer; it shows once its first frame is painted. */
export function createMainWindow(spec: MainWindowSpec): BrowserWindow {
  const window = new BrowserWindow(mainWindowOptions(spec));
  window.once('ready-to-show', () => window.show());
  void window.loadURL(spec.url);
  return window;
}
