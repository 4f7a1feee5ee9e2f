import { dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { app } from 'electron';
import { startDesktopApp } from './desktop-app.ts';
import { createLogger } from './engine/logger.ts';
import { startEngineWorker } from './host/worker-client.ts';

/*
 * The Electron main process: everything is in startDesktopApp; this file only hands it the
 * real worker, the process's command line and environment, and routes termination signals
 * through the app's quit, so the engine commits before the process ends.
 */
const desktop = startDesktopApp({
  startEngine: startEngineWorker,
  mainDir: dirname(fileURLToPath(import.meta.url)),
  argv: process.argv,
  cwd: process.cwd(),
  env: process.env,
  runtime: {
    platform: process.platform,
    arch: process.arch,
    electronVersion: process.versions.electron,
    resourcesPath: process.resourcesPath,
  },
  logger: createLogger(),
});

if (desktop) {
  for (const signal of ['SIGINT', 'SIGTERM'] as const) process.on(signal, () => app.quit());
}
