#!/usr/bin/env node
// `npm start`: the desktop app where Electron is available, else the dashboard in a browser.
// The logic is in src/main/launcher/start.ts, run from its TypeScript source through tsx.
import { fileURLToPath } from 'node:url';
import { register } from 'tsx/esm/api';

register();
const { start } = await import('../src/main/launcher/start.ts');
process.exitCode = await start({
  root: fileURLToPath(new URL('..', import.meta.url)),
  // `npm start -- --port 0` passes `--port 0`; `node scripts/start.js -- --port 0` keeps the `--`.
  args: process.argv.slice(2).filter((arg, i) => i > 0 || arg !== '--'),
  env: process.env,
  log: (line) => console.log(line),
});
