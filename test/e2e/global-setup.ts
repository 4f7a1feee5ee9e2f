import { ensureRendererBuilt } from './support/renderer-build.ts';

/** Once per run of the browser tests: a renderer build at least as new as its sources. */
export default function setup(): void {
  ensureRendererBuilt();
}
