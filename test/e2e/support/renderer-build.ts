import { execFileSync } from 'node:child_process';
import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The repository's root folder. */
export const ROOT = fileURLToPath(new URL('../../..', import.meta.url));

/** Where the renderer is built, and what `streamlens serve` serves. */
export const RENDERER_OUT = join(ROOT, 'out', 'renderer');

/** What the renderer build reads: its own sources and the shared contracts. */
const RENDERER_SOURCES = ['src/renderer', 'src/shared'].map((folder) => join(ROOT, folder));

/** True when `out/renderer` is missing or older than a source file it is built from. */
export function rendererIsStale(): boolean {
  const built = statSync(join(RENDERER_OUT, 'index.html'), { throwIfNoEntry: false });
  return !built || newestSourceMtime() > built.mtimeMs;
}

/** Builds the renderer alone (as `npm run build` does, without main and preload) when stale. */
export function ensureRendererBuilt(): void {
  if (!rendererIsStale()) return;
  const vite = join(ROOT, 'node_modules', 'vite', 'bin', 'vite.js');
  const config = join(ROOT, 'src', 'renderer', 'vite.config.ts');
  execFileSync(process.execPath, [vite, 'build', '--config', config, '--logLevel', 'error'], {
    cwd: ROOT,
    stdio: 'inherit',
  });
}

function newestSourceMtime(): number {
  let newest = 0;
  for (const folder of RENDERER_SOURCES) {
    for (const entry of readdirSync(folder, { recursive: true, withFileTypes: true })) {
      if (!entry.isFile() || entry.name.endsWith('.test.ts')) continue;
      newest = Math.max(newest, statSync(join(entry.parentPath, entry.name)).mtimeMs);
    }
  }
  return newest;
}
