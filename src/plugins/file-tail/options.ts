import { z } from 'zod';
import { durationSchema } from '../../shared/config/duration.ts';
import { lineParserShape } from '../common/line-parser.ts';
import { hasGlobInFolder } from './paths.ts';

/** The longest `maxLineBytes` allowed, bytes: every followed file may hold one such line. */
export const MAX_LINE_BYTES_LIMIT = 16 * 1024 * 1024;

/** What a user writes to follow a file or a glob of files; unknown keys are refused. */
export const fileTailOptionsSchema = z.strictObject({
  path: z
    .string()
    .min(1)
    .refine((path) => !hasGlobInFolder(path), {
      message: 'may use * and ? only in its last segment (the file name)',
    })
    .describe('File to follow, or a glob like logs/*.log; relative to the config folder'),
  startAt: z
    .enum(['beginning', 'end'])
    .default('end')
    .describe('Where to start in a file seen for the first time: beginning or end'),
  ...lineParserShape,
  maxLineBytes: z
    .number()
    .int()
    .min(16)
    .max(MAX_LINE_BYTES_LIMIT)
    .default(65_536)
    .describe('Longer lines are cut to this many bytes and counted as line-too-long'),
  pollInterval: durationSchema
    .default(250)
    .describe('How often files are checked for new lines, rotation and truncation, e.g. 250ms'),
  encoding: z.literal('utf8').default('utf8').describe('Text encoding of the files (utf8)'),
});

export type FileTailOptions = z.output<typeof fileTailOptionsSchema>;
