import { join } from 'node:path';

/** Folder (under the project root) holding better-sqlite3 builds for Electron's ABI. */
export const NATIVE_DIR = '.native';

/** The compiled module's file name, as better-sqlite3's own build names it. */
export const SQLITE_BINARY = 'better_sqlite3.node';

/** Where an Electron-packaged app carries the module (`extraResources` in electron-builder.yml). */
export const PACKAGED_NATIVE_DIR = 'native';

/** Identifies one Electron build target: its version, OS and CPU. */
export interface ElectronTarget {
  /** Electron version without a `v`, e.g. `45.6.0`. */
  version: string;
  platform: NodeJS.Platform;
  arch: string;
}

/**
 * The better-sqlite3 binary built for `target`, kept apart from node_modules (whose copy stays
 * the Node build the tests and the CLI load).
 *
 * @example electronSqliteBinary('/repo', { version: '45.6.0', platform: 'linux', arch: 'x64' })
 * // '/repo/.native/electron-45.6.0-linux-x64/better_sqlite3.node'
 */
export function electronSqliteBinary(root: string, target: ElectronTarget): string {
  const folder = `electron-${target.version}-${target.platform}-${target.arch}`;
  return join(root, NATIVE_DIR, folder, SQLITE_BINARY);
}

/** Facts about the running app that decide which binary the engine loads. */
export interface RunningApp {
  isPackaged: boolean;
  /** `app.getAppPath()`: the project root when run from source. */
  appPath: string;
  /** `process.resourcesPath`: the folder beside app.asar in a packaged app. */
  resourcesPath: string;
  target: ElectronTarget;
}

/**
 * The better-sqlite3 binary the engine must load inside Electron: from the app's resources
 * when packaged, else the `.native` build that `npm start` prepared.
 */
export function nativeBindingFor(running: RunningApp): string {
  if (running.isPackaged) {
    return join(running.resourcesPath, PACKAGED_NATIVE_DIR, SQLITE_BINARY);
  }
  return electronSqliteBinary(running.appPath, running.target);
}
