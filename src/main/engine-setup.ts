import { accessSync, constants, mkdirSync, statSync } from 'node:fs';
import { resolve } from 'node:path';
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

  const dataDir = resolve(request.dataDir ?? streamlensPaths().dataDir);
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
