import type { SourcePlugin } from '../../shared/plugin.ts';
import { type SyntheticOptions, syntheticOptionsSchema } from './options.ts';
import { SyntheticSource } from './source.ts';

export { generateSyntheticEvents, SyntheticGenerator } from './generator.ts';
export type { GenerateOptions } from './generator.ts';
export { DEFAULT_FRUITS, syntheticOptionsSchema } from './options.ts';
export type { SyntheticOptions } from './options.ts';

/** A producer of keyed events at a steady rate, with skewed keys, bursts and duplicates. */
export const syntheticPlugin: SourcePlugin<SyntheticOptions> = {
  name: 'synthetic',
  version: '1.0.0',
  description: 'Generates keyed events at a set rate, with skewed keys, bursts and duplicates.',
  optionsSchema: syntheticOptionsSchema,
  create: (options, context) => new SyntheticSource(options, context),
};
