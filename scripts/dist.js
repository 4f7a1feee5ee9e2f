#!/usr/bin/env node
// `npm run dist`: builds the installers of the desktop app for this OS into dist/ (AppImage and
// deb on Linux, NSIS on Windows, dmg on macOS). Needs the network: Electron itself and its
// headers for better-sqlite3. Extra arguments go to electron-builder (e.g. `-- --linux deb`).
import { spawnSync } from 'node:child_process';
import { cpSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { register } from 'tsx/esm/api';

register();
const { prepareElectronSqlite } = await import('../src/main/launcher/native-build.ts');
const root = fileURLToPath(new URL('..', import.meta.url));
const electron = JSON.parse(readFileSync(`${root}node_modules/electron/package.json`, 'utf8'));

function run(script, args) {
  const result = spawnSync(process.execPath, [`${root}node_modules/${script}`, ...args], {
    cwd: root,
    stdio: 'inherit',
  });
  if (result.status !== 0) process.exit(result.status ?? 1);
}

run('electron-vite/bin/electron-vite.js', ['build']);

const target = { version: electron.version, platform: process.platform, arch: process.arch };
const binary = await prepareElectronSqlite({ root, target, log: (line) => console.log(line) });
// electron-builder.yml takes the binary from .native/package (its path has no version in it).
rmSync(`${root}.native/package`, { recursive: true, force: true });
mkdirSync(`${root}.native/package`, { recursive: true });
cpSync(binary, `${root}.native/package/better_sqlite3.node`);

const platformFlag = { linux: '--linux', win32: '--win', darwin: '--mac' }[process.platform];
const extra = process.argv.slice(2);
run('electron-builder/cli.js', extra.length > 0 ? extra : [platformFlag]);
