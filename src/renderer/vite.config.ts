import { fileURLToPath } from 'node:url';
import vue from '@vitejs/plugin-vue';
import { defineConfig } from 'vite';

/**
 * Builds the renderer alone into `out/renderer`, as `electron-vite build` does with the rest of
 * the app: `npx vite build --config src/renderer/vite.config.ts`. Relative asset paths, so the
 * same build loads from a file (Electron) and from `streamlens serve`.
 */
export default defineConfig({
  root: fileURLToPath(new URL('.', import.meta.url)),
  base: './',
  plugins: [vue()],
  build: {
    outDir: fileURLToPath(new URL('../../out/renderer', import.meta.url)),
    emptyOutDir: true,
  },
});
