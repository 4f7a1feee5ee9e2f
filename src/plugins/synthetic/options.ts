import { z } from 'zod';
import { durationSchema } from '../../shared/config/duration.ts';

/** The keys a synthetic source draws from unless told otherwise, most frequent first. */
export const DEFAULT_FRUITS: readonly string[] = [
  'apple',
  'banana',
  'cherry',
  'date',
  'elderberry',
  'fig',
  'grape',
  'honeydew',
  'kiwi',
  'lemon',
  'mango',
  'nectarine',
];

/** The most keys `keys: N` may ask for; each key is a string kept in memory. */
export const MAX_GENERATED_KEYS = 1_000_000;

/** What a user writes to configure a synthetic source; unknown keys are refused. */
export const syntheticOptionsSchema = z
  .strictObject({
    rate: z
      .number()
      .positive()
      .max(10_000_000)
      .default(2000)
      .describe('Events per second, held on average'),
    keys: z
      .union([z.array(z.string().min(1)).min(1), z.int().min(1).max(MAX_GENERATED_KEYS)], {
        error: 'must be a list of keys or a whole number of keys',
      })
      .default([...DEFAULT_FRUITS])
      .describe('The keys, most frequent first, or a count N for key-0 … key-(N-1)'),
    skew: z
      .number()
      .min(0)
      .max(10)
      .default(1)
      .describe('Zipf exponent of key popularity: 0 is uniform, higher favours the first keys'),
    burstEvery: durationSchema
      .default(20_000)
      .describe('Time between the starts of two bursts, e.g. 20s'),
    burstFor: durationSchema.default(8_000).describe('How long one key stays dominant, e.g. 8s'),
    burstShare: z
      .number()
      .min(0)
      .max(1)
      .default(0.5)
      .describe('Share of events that go to the bursting key during a burst (0 turns bursts off)'),
    duplicates: z
      .number()
      .min(0)
      .max(0.9)
      .default(0)
      .describe('Share of events that re-send an earlier id (ids are added when above 0)'),
    seed: z
      .number()
      .int()
      .min(0)
      .max(2 ** 32 - 1)
      .default(1)
      .describe('Seed of the pseudo-random sequence: the same seed gives the same events'),
  })
  .superRefine((options, ctx) => {
    if (options.burstFor >= options.burstEvery) {
      ctx.addIssue({
        code: 'custom',
        path: ['burstFor'],
        message: 'must be shorter than burstEvery',
      });
    }
  });

export type SyntheticOptions = z.output<typeof syntheticOptionsSchema>;
