import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';

/** Where the built app's pieces are, relative to the main script's folder (`out/main`). */
export interface AppLayout {
  /** The page the window shows: the built renderer file, or the dev server in development. */
  appUrl: string;
  /** The sandboxed preload script (CommonJS: sandboxed preloads cannot be ES modules). */
  preload: string;
  /** The engine worker's entry, started with `startEngineWorker`. */
  workerUrl: URL;
}

/**
 * The built app's layout. `devServerUrl` (electron-vite sets `ELECTRON_RENDERER_URL` in
 * `electron-vite dev`) is used only when not packaged, so a packaged app never loads a URL
 * from its environment.
 */
export function appLayout(mainDir: string, isPackaged: boolean, devServerUrl?: string): AppLayout {
  const rendererFile = join(mainDir, '..', 'renderer', 'index.html');
  return {
    appUrl: !isPackaged && devServerUrl ? devServerUrl : pathToFileURL(rendererFile).href,
    preload: join(mainDir, '..', 'preload', 'index.cjs'),
    workerUrl: pathToFileURL(join(mainDir, 'engine-worker.js')),
  };
}

/**
 * Chromium's profile folder (cache, local storage). Kept apart from the per-user folders the
 * CLI shares with the app (`streamlensPaths()`), which on a case-insensitive disk would
 * otherwise be the very folder Electron picks for a product named Streamlens.
 */
export function chromiumProfileDir(appDataDir: string): string {
  return join(appDataDir, 'streamlens-desktop');
}

/** What the command line of the desktop app asks for. */
export interface DesktopArgs {
  configFile?: string;
  dataDir?: string;
}

const FLAGS: Record<string, keyof DesktopArgs> = {
  '--config': 'configFile',
  '-c': 'configFile',
  '--data-dir': 'dataDir',
  '-d': 'dataDir',
};

/**
 * Reads `--config FILE` and `--data-dir DIR` (or `--flag=value`, `-c`, `-d`) from the app's
 * command line, as `streamlens run` and `serve` take them; other arguments (Electron's and
 * Chromium's own) are ignored. Paths are resolved against `cwd`.
 *
 * @example desktopArgs(['electron', '.', '--config', 'a.yml'], '/w') // { configFile: '/w/a.yml' }
 */
export function desktopArgs(argv: readonly string[], cwd: string): DesktopArgs {
  const found: DesktopArgs = {};
  for (let i = 0; i < argv.length; i++) {
    const [flag, inline] = splitFlag(argv[i]);
    const key = FLAGS[flag];
    if (!key) continue;
    const next = argv[i + 1];
    const value = inline ?? (next?.startsWith('-') ? undefined : next);
    if (inline === undefined && value !== undefined) i++;
    if (value) found[key] = resolve(cwd, value);
  }
  return found;
}

function splitFlag(arg: string): [string, string | undefined] {
  const equals = arg.indexOf('=');
  return equals > 0 ? [arg.slice(0, equals), arg.slice(equals + 1)] : [arg, undefined];
}
