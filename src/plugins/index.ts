import type { SourcePlugin } from '../shared/plugin.ts';
import { fileTailPlugin } from './file-tail/index.ts';
import { syntheticPlugin } from './synthetic/index.ts';

// Each plugin has its own options type; the engine validates them with the plugin's schema.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type AnySourcePlugin = SourcePlugin<any>;

/** The source plugins that ship with Streamlens, by name (what a source's `type` names). */
export const builtinPlugins: ReadonlyMap<string, AnySourcePlugin> = new Map<
  string,
  AnySourcePlugin
>([
  [syntheticPlugin.name, syntheticPlugin],
  [fileTailPlugin.name, fileTailPlugin],
]);
