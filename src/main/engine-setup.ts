import { accessSync, constants, mkdirSync, statSync } from 'node:fs';
import { createHash } from 'node:crypto';
import { basename, extname, join, resolve } from 'node:path';
import { builtinPlugins } from '../plugins/index.ts';
import { loadConfig } from './config/load.ts';
import { streamlensPaths } from './config/paths.ts';
import { settingsFromConfig } from './config/settings.ts';
import type { EngineOptions } from './engine/engine.ts';

export interface SetupRequest {
  configFile?: string;
  dataDir?: string;
  /** better-sqlite3 binary built for the runtime (Electron); passed through to the engine. */
  nativeBinding?: string;
}

export type SetupResult =
  | { ok: true; options: Omit<EngineOptions, 'logger' | 'clock'>; configFile?: string }
  | { ok: false; errors: string[] };

/**
 * Everything `run`, `serve` and the desktop app do before an engine exists: load and
 * validate the config, and make sure the data folder is usable. Bad input is refused here, so
 * it never leaves a half-written log behind.
 */
export function prepareEngine(request: SetupRequest): SetupResult {
  const schemas = new Map([...builtinPlugins].map(([name, p]) => [name, p.optionsSchema]));
  const loaded = loadConfig(request.configFile, { plugins: schemas });
  if (!loaded.ok) return { ok: false, errors: loaded.errors };

  const dataDir = resolve(request.dataDir ?? defaultDataDirFor(loaded.file));
  const problem = checkDataDir(dataDir);
  if (problem) return { ok: false, errors: [problem] };

  return {
    ok: true,
    configFile: loaded.file,
    options: {
      settings: settingsFromConfig(loaded.config),
      sources: loaded.config.sources,
      plugins: builtinPlugins,
      dataDir,
      baseDir: loaded.baseDir,
      ...(request.nativeBinding ? { nativeBinding: request.nativeBinding } : {}),
    },
  };
}

/**
 * Where a config keeps its log when no data folder is given: the per-user data folder for the
 * user's own config (and the built-in default), and a folder of its own inside it for any
 * other config file, so that trying an example never mixes its events into your stream.
 */
export function defaultDataDirFor(configFile: string | undefined): string {
  const paths = streamlensPaths();
  if (configFile === undefined || resolve(configFile) === resolve(paths.configFile)) {
    return paths.dataDir;
  }
  const file = resolve(configFile);
  const name = basename(file, extname(file)).replace(/[^A-Za-z0-9_-]/g, '_');
  const digest = createHash('sha256').update(file).digest('hex').slice(0, 8);
  return join(paths.dataDir, 'configs', `${name}-${digest}`);
}

const FS_REASONS: Record<string, string> = {
  EACCES: 'permission denied',
  EPERM: 'permission denied',
  ENOTDIR: 'a folder on its path is a file',
  EROFS: 'read-only file system',
  ENOSPC: 'no space left on the device',
};

/** Creates the data folder if needed; returns a one-line problem, or undefined when usable. */
export function checkDataDir(dataDir: string): string | undefined {
  try {
    const existing = statSync(dataDir, { throwIfNoEntry: false });
    if (existing && !existing.isDirectory()) return `data directory ${dataDir} is not a directory`;
    if (!existing) mkdirSync(dataDir, { recursive: true });
    accessSync(dataDir, constants.R_OK | constants.W_OK | constants.X_OK);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code ?? '';
    return `data directory ${dataDir} is not usable: ${FS_REASONS[code] ?? code}`;
  }
  return undefined;
}
