// The engine worker's entry when Streamlens runs from its TypeScript sources (CLI, tests):
// tsx's loader is per thread, so the worker registers it before importing the real entry.
// The desktop build bundles `engine-worker.ts` itself and does not use this file.
import { register } from 'tsx/esm/api';

register();
await import('./engine-worker.ts');
