import { spawn } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, renameSync, rmSync } from 'node:fs';
import { homedir, tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { electronSqliteBinary, SQLITE_BINARY, type ElectronTarget } from '../native-binding.ts';

/** Where node-gyp keeps Electron's headers, apart from Node's (the same place @electron/rebuild uses). */
export const ELECTRON_HEADERS_DIR = join(homedir(), '.electron-gyp');

/** What better-sqlite3's build needs from its package: its gyp files, C++ and SQLite sources. */
const PACKAGE_PARTS = ['binding.gyp', 'package.json', 'src', 'deps'];

/**
 * node-gyp's arguments for a build against Electron's headers for `target`.
 *
 * @example nodeGypArgs({ version: '45.6.0', platform: 'linux', arch: 'x64' }, '/h/.electron-gyp')
 */
export function nodeGypArgs(target: ElectronTarget, headersDir: string): string[] {
  return [
    'rebuild',
    '--release',
    `--target=${target.version}`,
    `--arch=${target.arch}`,
    '--dist-url=https://electronjs.org/headers',
    `--devdir=${headersDir}`,
  ];
}

/** Runs node-gyp in `cwd`; rejects with the tail of its output when it fails. */
export type RunNodeGyp = (cwd: string, args: string[]) => Promise<void>;

export interface NativeBuildOptions {
  /** The project root (holds node_modules and receives `.native/`). */
  root: string;
  target: ElectronTarget;
  log(line: string): void;
  runNodeGyp?: RunNodeGyp;
}

/**
 * Makes sure a better-sqlite3 built for Electron `target` exists under `.native/`, building it
 * on first use from a copy of the package: node_modules/better-sqlite3 keeps its Node build,
 * so `npm test` and `npm start` work in either order. Resolves to the binary's path.
 */
export async function prepareElectronSqlite(options: NativeBuildOptions): Promise<string> {
  const output = electronSqliteBinary(options.root, options.target);
  if (existsSync(output)) return output;

  const runNodeGyp = options.runNodeGyp ?? nodeGypRunner(options.root);
  const workDir = mkdtempSync(join(tmpdir(), 'streamlens-sqlite-'));
  try {
    const source = join(options.root, 'node_modules', 'better-sqlite3');
    for (const part of PACKAGE_PARTS)
      cpSync(join(source, part), join(workDir, part), { recursive: true });
    options.log(
      `Building better-sqlite3 for Electron ${options.target.version} (first start only, about a minute)…`,
    );
    await runNodeGyp(workDir, nodeGypArgs(options.target, ELECTRON_HEADERS_DIR));

    mkdirSync(dirname(output), { recursive: true });
    // Copied under a temporary name first, so an interrupted copy never passes for a build.
    const partial = `${output}.partial`;
    cpSync(join(workDir, 'build', 'Release', SQLITE_BINARY), partial);
    renameSync(partial, output);
  } finally {
    rmSync(workDir, { recursive: true, force: true });
  }
  return output;
}

/** node-gyp from the project's node_modules, its output kept for the error message only. */
export function nodeGypRunner(root: string): RunNodeGyp {
  const nodeGyp = join(root, 'node_modules', 'node-gyp', 'bin', 'node-gyp.js');
  return (cwd, args) =>
    new Promise((resolve, reject) => {
      const child = spawn(process.execPath, [nodeGyp, ...args], {
        cwd,
        stdio: ['ignore', 'pipe', 'pipe'],
      });
      let output = '';
      child.stdout.on('data', (chunk) => (output += chunk));
      child.stderr.on('data', (chunk) => (output += chunk));
      child.on('error', reject);
      child.on('close', (code) => {
        if (code === 0) return resolve();
        const tail = output.trim().split('\n').slice(-15).join('\n');
        reject(new Error(`node-gyp ${args.join(' ')} failed (exit code ${code}):\n${tail}`));
      });
    });
}
