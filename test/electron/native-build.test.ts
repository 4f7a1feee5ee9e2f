import { existsSync, mkdirSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, describe, expect, it } from 'vitest';
import { EventLog } from '../../src/main/engine/event-log.ts';
import {
  ELECTRON_HEADERS_DIR,
  nodeGypArgs,
  prepareElectronSqlite,
  type RunNodeGyp,
} from '../../src/main/launcher/native-build.ts';
import { makeTempDir } from '../support/temp-dir.ts';

const temp = makeTempDir('streamlens-native-');
afterAll(() => temp.cleanup());

const target = { version: '45.6.0', platform: 'linux' as const, arch: 'x64' };
const repo = join(import.meta.dirname, '..', '..');
const nodeBuild = join(
  repo,
  'node_modules',
  'better-sqlite3',
  'build',
  'Release',
  'better_sqlite3.node',
);

/** A project root whose node_modules/better-sqlite3 has the parts a build copies. */
function projectRoot(name: string): string {
  const root = join(temp.dir, name);
  const pkg = join(root, 'node_modules', 'better-sqlite3');
  for (const dir of ['src', 'deps']) mkdirSync(join(pkg, dir), { recursive: true });
  writeFileSync(join(pkg, 'binding.gyp'), '{}');
  writeFileSync(join(pkg, 'package.json'), '{"name":"better-sqlite3"}');
  writeFileSync(join(pkg, 'src', 'better_sqlite3.cpp'), '// source');
  writeFileSync(join(pkg, 'deps', 'sqlite3.gyp'), '{}');
  return root;
}

/*
 * node-gyp against Electron's headers needs the network, which these machines lack: a stand-in
 * runner records where and how it was run and leaves a binary where node-gyp would.
 */
function recordingGyp(runs: { cwd: string; args: string[]; files: string[] }[]): RunNodeGyp {
  return async (cwd, args) => {
    runs.push({ cwd, args, files: readdirSync(cwd).sort() });
    mkdirSync(join(cwd, 'build', 'Release'), { recursive: true });
    writeFileSync(join(cwd, 'build', 'Release', 'better_sqlite3.node'), 'electron build');
  };
}

describe('nodeGypArgs', () => {
  it("builds against Electron's headers for the target, kept apart from Node's", () => {
    expect(nodeGypArgs(target, '/home/ada/.electron-gyp')).toEqual([
      'rebuild',
      '--release',
      '--target=45.6.0',
      '--arch=x64',
      '--dist-url=https://electronjs.org/headers',
      '--devdir=/home/ada/.electron-gyp',
    ]);
  });
});

describe('prepareElectronSqlite', () => {
  it('builds a copy of the package and keeps only the binary under .native', async () => {
    const root = projectRoot('fresh');
    const runs: { cwd: string; args: string[]; files: string[] }[] = [];
    const lines: string[] = [];
    const binary = await prepareElectronSqlite({
      root,
      target,
      log: (line) => lines.push(line),
      runNodeGyp: recordingGyp(runs),
    });

    expect(binary).toBe(join(root, '.native', 'electron-45.6.0-linux-x64', 'better_sqlite3.node'));
    expect(readFileSync(binary, 'utf8')).toBe('electron build');
    expect(runs).toHaveLength(1);
    expect(runs[0].files).toEqual(['binding.gyp', 'deps', 'package.json', 'src']);
    expect(runs[0].args).toEqual(nodeGypArgs(target, ELECTRON_HEADERS_DIR));
    expect(existsSync(runs[0].cwd)).toBe(false);
    expect(readdirSync(join(root, '.native', 'electron-45.6.0-linux-x64'))).toEqual([
      'better_sqlite3.node',
    ]);
    expect(lines).toEqual([
      'Building better-sqlite3 for Electron 45.6.0 (first start only, about a minute)…',
    ]);
  });

  it('never touches the Node build in node_modules', async () => {
    const root = projectRoot('untouched');
    const nodeBinary = join(root, 'node_modules', 'better-sqlite3', 'build', 'Release');
    mkdirSync(nodeBinary, { recursive: true });
    writeFileSync(join(nodeBinary, 'better_sqlite3.node'), 'node build');
    await prepareElectronSqlite({ root, target, log: () => {}, runNodeGyp: recordingGyp([]) });
    expect(readFileSync(join(nodeBinary, 'better_sqlite3.node'), 'utf8')).toBe('node build');
  });

  it('builds nothing when the binary for this target exists', async () => {
    const root = projectRoot('ready');
    const runs: { cwd: string; args: string[]; files: string[] }[] = [];
    const options = { root, target, log: () => {}, runNodeGyp: recordingGyp(runs) };
    await prepareElectronSqlite(options);
    await prepareElectronSqlite(options);
    await prepareElectronSqlite({ ...options, target: { ...target, version: '46.0.0' } });
    expect(runs.map((run) => run.args[2])).toEqual(['--target=45.6.0', '--target=46.0.0']);
  });

  it('leaves no binary and no work folder behind when the build fails', async () => {
    const root = projectRoot('failing');
    let workDir = '';
    const failing: RunNodeGyp = async (cwd) => {
      workDir = cwd;
      throw new Error('gyp ERR! stack Error: 403 status code downloading headers');
    };
    await expect(
      prepareElectronSqlite({ root, target, log: () => {}, runNodeGyp: failing }),
    ).rejects.toThrow('403 status code');
    expect(existsSync(join(root, '.native', 'electron-45.6.0-linux-x64'))).toBe(false);
    expect(existsSync(workDir)).toBe(false);
  });
});

describe('the nativeBinding option of the event log', () => {
  it('loads the better-sqlite3 binary it is given', () => {
    const log = new EventLog(join(temp.dir, 'given.db'), { nativeBinding: nodeBuild });
    log.close();
    const db = new Database(join(temp.dir, 'given.db'), { readonly: true });
    const tables = db.prepare("SELECT name FROM sqlite_master WHERE type = 'table'").all();
    db.close();
    expect(tables.map((t) => (t as { name: string }).name)).toContain('events');
  });

  it('fails naming the binary when it is missing, creating no database', () => {
    const missing = join(temp.dir, '.native', 'nope', 'better_sqlite3.node');
    expect(() => new EventLog(join(temp.dir, 'missing.db'), { nativeBinding: missing })).toThrow(
      missing,
    );
    expect(existsSync(join(temp.dir, 'missing.db'))).toBe(false);
  });
});
