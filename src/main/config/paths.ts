import path from 'node:path';
import envPaths from 'env-paths';

/** The config file's name inside the config folder. */
export const CONFIG_FILE_NAME = 'config.yml';

/** Where Streamlens keeps a user's files. */
export interface StreamlensPaths {
  /** Holds `config.yml` and the plugins the user added. */
  configDir: string;
  /** Holds the event log and checkpoints. */
  dataDir: string;
  /** `configDir/config.yml`. */
  configFile: string;
}

/**
 * The per-user folders, as the platform expects them (`~/.config/streamlens` on Linux,
 * `~/Library/Preferences/streamlens` on macOS, `%APPDATA%\streamlens\Config` on Windows).
 * `STREAMLENS_CONFIG_DIR` and `STREAMLENS_DATA_DIR` in `env` replace them; a relative override
 * is taken from `cwd`. Nothing is created here.
 */
export function streamlensPaths(
  env: NodeJS.ProcessEnv = process.env,
  cwd: string = process.cwd(),
): StreamlensPaths {
  const platform = envPaths('streamlens', { suffix: '' });
  const configDir = override(env.STREAMLENS_CONFIG_DIR, cwd) ?? platform.config;
  const dataDir = override(env.STREAMLENS_DATA_DIR, cwd) ?? platform.data;
  return { configDir, dataDir, configFile: path.join(configDir, CONFIG_FILE_NAME) };
}

function override(value: string | undefined, cwd: string): string | undefined {
  // An empty variable is treated as unset, as shells make `VAR= cmd` easy to write by mistake.
  return value ? path.resolve(cwd, value) : undefined;
}
