import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { PARENT_PID_ENV } from '../host/parent-watch.ts';
import { runChild } from './child.ts';
import { probeElectron } from './electron-probe.ts';
import { decideLaunch, unavailableNotice } from './launch-plan.ts';
import { prepareElectronSqlite } from './native-build.ts';

/** What `npm start` runs with. */
export interface StartOptions {
  /** The project root. */
  root: string;
  /** Arguments after `npm start --`, passed to the app or to `streamlens serve`. */
  args: string[];
  env: NodeJS.ProcessEnv;
  log(line: string): void;
}

/**
 * `npm start`: builds the app, then opens the desktop app when Electron is there (or can be
 * fetched), preparing its better-sqlite3 build on first use; otherwise says why in one line and
 * serves the same dashboard to a browser with `streamlens serve`. Resolves to the exit code.
 */
export async function start(options: StartOptions): Promise<number> {
  const built = await buildApp(options);
  if (built !== 0) return built;

  const electronDir = join(options.root, 'node_modules', 'electron');
  const fetching = () => options.log('Fetching Electron (first start only)…');
  const plan = decideLaunch(await probeElectron(electronDir, options.env, fetching));
  if (plan.mode === 'browser') {
    options.log(plan.notice);
    return serveInBrowser(options);
  }

  const target = {
    version: packageVersion(electronDir),
    platform: process.platform,
    arch: process.arch,
  };
  try {
    await prepareElectronSqlite({ root: options.root, target, log: options.log });
  } catch (error) {
    const firstLine = (error instanceof Error ? error.message : String(error)).split('\n')[0];
    options.log(unavailableNotice(`better-sqlite3 could not be built for it: ${firstLine}`));
    return serveInBrowser(options);
  }
  return openDesktopApp(plan.binary, options);
}

function buildApp(options: StartOptions): Promise<number> {
  const electronVite = join(
    options.root,
    'node_modules',
    'electron-vite',
    'bin',
    'electron-vite.js',
  );
  return runChild({
    command: process.execPath,
    args: [electronVite, 'build', '--logLevel', 'error'],
    cwd: options.root,
    env: options.env,
  });
}

function packageVersion(packageDir: string): string {
  const text = readFileSync(join(packageDir, 'package.json'), 'utf8');
  return (JSON.parse(text) as { version: string }).version;
}

function openDesktopApp(binary: string, options: StartOptions): Promise<number> {
  // ELECTRON_RUN_AS_NODE would make the binary a plain Node and ignore the app.
  const env = { ...options.env };
  delete env.ELECTRON_RUN_AS_NODE;
  return runChild({
    command: binary,
    args: [options.root, ...options.args],
    cwd: options.root,
    env,
  });
}

/**
 * Runs `streamlens serve` in the foreground. The child watches this process through
 * `STREAMLENS_PARENT_PID`: should the launcher be killed outright (SIGKILL, no signal to
 * forward), the child still stops cleanly instead of holding the port and the data folder.
 */
export function serveInBrowser(options: Omit<StartOptions, 'log'>): Promise<number> {
  return runChild({
    command: process.execPath,
    args: [join(options.root, 'bin', 'streamlens.js'), 'serve', ...options.args],
    cwd: options.root,
    env: { ...options.env, [PARENT_PID_ENV]: String(process.pid) },
  });
}
