#!/usr/bin/env node
// Builds better-sqlite3 for the installed Electron into .native/ (node_modules keeps its Node
// build). `npm start` and `npm run dist` do this themselves; run it alone to prepare ahead.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { register } from 'tsx/esm/api';

register();
const { prepareElectronSqlite } = await import('../src/main/launcher/native-build.ts');
const root = fileURLToPath(new URL('..', import.meta.url));
const electron = JSON.parse(
  readFileSync(new URL('../node_modules/electron/package.json', import.meta.url)),
);
const target = { version: electron.version, platform: process.platform, arch: process.arch };
const binary = await prepareElectronSqlite({ root, target, log: (line) => console.log(line) });
console.log(`better-sqlite3 for Electron ${target.version}: ${binary}`);
