import type { SourcePlugin } from '../../shared/plugin.ts';
import { type FileTailOptions, fileTailOptionsSchema } from './options.ts';
import { FileTailSource } from './tail.ts';

export { fileTailOptionsSchema } from './options.ts';
export type { FileTailOptions } from './options.ts';
export type { FilePosition, FileTailPosition } from './position.ts';

/** Follows a log file, or a glob of them, like `tail -F`, one event per line. */
export const fileTailPlugin: SourcePlugin<FileTailOptions> = {
  name: 'file-tail',
  version: '1.0.0',
  description: 'Follows a file or a glob of files like tail -F, through rotation and truncation.',
  optionsSchema: fileTailOptionsSchema,
  create: (options, context) => new FileTailSource(options, context),
};
