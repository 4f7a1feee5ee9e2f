import { readFileSync } from 'node:fs';
import { join } from 'node:path';
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
  const { root, env } = options;
  const build = await runChild({
    command: process.execPath,
    args: [
      join(root, 'node_modules', 'electron-vite', 'bin', 'electron-vite.js'),
      'build',
      '--logLevel',
      'error',
    ],
    cwd: root,
    env,
  });
  if (build !== 0) return build;

  const electronDir = join(root, 'node_modules', 'electron');
  const plan = decideLaunch(
    await probeElectron(electronDir, env, () =>
      options.log('Fetching Electron (first start only)…'),
    ),
  );
  if (plan.mode === 'browser') {
    options.log(plan.notice);
    return serve(options);
  }

  const version = (
    JSON.parse(readFileSync(join(electronDir, 'package.json'), 'utf8')) as { version: string }
  ).version;
  const target = { version, platform: process.platform, arch: process.arch };
  try {
    await prepareElectronSqlite({ root, target, log: options.log });
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    options.log(
      unavailableNotice(`better-sqlite3 could not be built for it: ${message.split('\n')[0]}`),
    );
    return serve(options);
  }
  // ELECTRON_RUN_AS_NODE would make the binary a plain Node and ignore the app.
  const appEnv = { ...env };
  delete appEnv.ELECTRON_RUN_AS_NODE;
  return runChild({ command: plan.binary, args: [root, ...options.args], cwd: root, env: appEnv });
}

function serve(options: StartOptions): Promise<number> {
  return runChild({
    command: process.execPath,
    args: [join(options.root, 'bin', 'streamlens.js'), 'serve', ...options.args],
    cwd: options.root,
    env: options.env,
  });
}
