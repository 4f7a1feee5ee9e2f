import { z } from 'zod';
import {
  durationSchema,
  formatDuration,
  nonNegativeDurationSchema,
  POSITIVE_DURATION_HINT,
} from './duration.ts';

/*
 * What the user writes in `config.yml`, section by section, and the typed config the engine
 * runs with. Each top-level key has its own schema so one bad section does not hide the
 * errors of the others (zod skips an object's refinements once a child fails).
 */

/** A duration with a default: `15s`, or a plain number of ms; `defaultMs` is in ms. */
function duration(defaultMs: number) {
  return durationSchema.default(defaultMs);
}

/** A duration that may be 0, with a default in ms. */
function durationOrZero(defaultMs: number) {
  return nonNegativeDurationSchema.default(defaultMs);
}

/** A window as written: its label is the user's text (`60s` stays `60s`), its length in ms. */
export interface WrittenWindow {
  label: string;
  lengthMs: number;
}

/** The default windows. */
export const DEFAULT_WINDOWS: WrittenWindow[] = [
  { label: '5s', lengthMs: 5_000 },
  { label: '15s', lengthMs: 15_000 },
  { label: '60s', lengthMs: 60_000 },
];

const windowInput = z
  .union([z.string(), z.number()], { error: POSITIVE_DURATION_HINT })
  .transform((written, ctx): WrittenWindow => {
    const parsed = durationSchema.safeParse(written);
    if (!parsed.success) {
      ctx.addIssue({ code: 'custom', message: parsed.error.issues[0].message });
      return z.NEVER;
    }
    const label = typeof written === 'string' ? written.trim() : formatDuration(parsed.data);
    return { label, lengthMs: parsed.data };
  });

/** Window lengths, each written once. */
const windowsSchema = z
  .array(windowInput)
  .min(1)
  .max(12)
  .superRefine((windows, ctx) => {
    windows.forEach(({ lengthMs }, index) => {
      const first = windows.findIndex((window) => window.lengthMs === lengthMs);
      if (first < index) {
        const message = `repeats windows[${first}] (${formatDuration(lengthMs)})`;
        ctx.addIssue({ code: 'custom', path: [index], message });
      }
    });
  })
  .default(DEFAULT_WINDOWS);

const queueSchema = z
  .strictObject({
    /** Events the queue holds before sources pause (or drop). */
    capacity: z.int().min(1).max(10_000_000).default(10_000),
    /** Fraction of capacity below which paused sources resume. */
    resumeAt: z.number().gt(0).lt(1).default(0.5),
  })
  .prefault({});

const dedupSchema = z
  .strictObject({
    falsePositiveRate: z.number().gt(0).max(0.5).default(0.01),
    /** Distinct ids per second the filters are sized for. */
    expectedRate: z.number().gt(0).max(1_000_000).default(10_000),
    rotation: duration(60_000),
    duplicates: z.enum(['flag', 'skip']).default('flag'),
  })
  .prefault({});

/** Per-window values keyed by window label (`5s: 1.5`); keys are checked against `windows`. */
function perWindow(value: z.ZodNumber) {
  return z.record(z.string(), value).default({});
}

const burstsSchema = z
  .strictObject({
    growth: perWindow(z.number().gt(1)),
    /** Events a key needs in the previous window before it can burst. */
    minPrevious: z.int().min(1).default(1),
    confirmations: z.int().min(1).max(100).default(2),
    /** 0 lets a key alert again at the next evaluation. */
    cooldown: durationOrZero(10_000),
  })
  .prefault({});

const alertsSchema = z
  .strictObject({
    weights: perWindow(z.number().gt(0)),
    ttl: duration(20_000),
    medium: z.number().gt(0).default(2),
    high: z.number().gt(0).default(4),
  })
  .superRefine((alerts, ctx) => {
    if (alerts.high < alerts.medium) {
      const message = `must be at least alerts.medium (${alerts.medium})`;
      ctx.addIssue({ code: 'custom', path: ['high'], message });
    }
  })
  .prefault({});

const snapshotsSchema = z
  .strictObject({ perSecond: z.number().min(0.1).max(60).default(4) })
  .prefault({});

const logSchema = z
  .strictObject({
    commitEvery: duration(50),
    checkpointEvery: duration(10_000),
    /** Bytes of WAL kept after a checkpoint. */
    journalSizeLimit: z
      .int()
      .min(0)
      .default(64 * 1024 * 1024),
    busyTimeout: duration(5_000),
  })
  .prefault({});

/** A source id: lowercase letters, digits, `_` and `-`, starting with a letter or digit. */
export const SOURCE_ID_PATTERN = /^[a-z0-9][a-z0-9_-]*$/;

/** One entry of `sources`; `options` is checked later by the named plugin's own schema. */
export const sourceSchema = z.strictObject({
  id: z.string().max(64).regex(SOURCE_ID_PATTERN, {
    error: 'must use only a-z, 0-9, _ and -, starting with a letter or digit',
  }),
  plugin: z.string().min(1),
  overflow: z.enum(['pause', 'drop']).default('pause'),
  options: z.record(z.string(), z.unknown()).default({}),
});

/** Used when the file has no `sources`: the synthetic demo stream. */
export const DEFAULT_SOURCES: SourceConfig[] = [
  { id: 'demo', plugin: 'synthetic', overflow: 'pause', options: {} },
];

/**
 * The top-level sections, each parsed on its own. `sources` is only checked to be a list
 * here; its entries go through `sourceSchema` one by one.
 */
export const sectionSchemas = {
  windows: windowsSchema,
  pane: duration(1_000),
  topK: z.int().min(1).max(1_000).default(10),
  paneCapacity: z.int().min(16).max(1_000_000).default(10_000),
  lateness: durationOrZero(5_000),
  queue: queueSchema,
  dedup: dedupSchema,
  bursts: burstsSchema,
  alerts: alertsSchema,
  snapshots: snapshotsSchema,
  log: logSchema,
  sources: z.array(z.unknown()).optional(),
};

/** The parsed sections, durations already in ms. */
export type ConfigSections = {
  [K in keyof typeof sectionSchemas]: z.output<(typeof sectionSchemas)[K]>;
};

/** One sliding window, as the engine runs it. */
export interface WindowConfig {
  /** How the user names it in `bursts.growth` and `alerts.weights`: `5s`, `2m`. */
  label: string;
  lengthMs: number;
  /** A key bursts when its count grows by more than this factor (> 1). */
  growth: number;
  /** What an alert in this window adds to the severity score. */
  weight: number;
}

/** What to do with a duplicate id: keep it in the log flagged, or skip it. */
export type DuplicatePolicy = 'flag' | 'skip';

/** What a source does when the queue is full: wait for room, or drop and count. */
export type OverflowPolicy = 'pause' | 'drop';

/** One configured source. */
export interface SourceConfig {
  /** Unique, `[a-z0-9][a-z0-9_-]*`, at most 64 characters. */
  id: string;
  /** The plugin's name, e.g. `file-tail`. */
  plugin: string;
  overflow: OverflowPolicy;
  /** The plugin's options, parsed by its schema (defaults filled) when the plugin is known. */
  options: unknown;
}

/** The validated configuration, every default filled, every duration in ms. */
export interface StreamlensConfig {
  /** Sorted by length, shortest first. */
  windows: WindowConfig[];
  paneMs: number;
  /** Keys reported per window. */
  topK: number;
  /** Keys counted exactly per pane before counts become estimates. */
  paneCapacity: number;
  /** How far behind the clock an event may be and still enter the windows; 0 allows none. */
  latenessMs: number;
  queue: {
    /** Events. */
    capacity: number;
    /** Fraction of capacity, in (0, 1), below which paused sources resume. */
    resumeAt: number;
  };
  dedup: {
    /** Target false-positive rate, in (0, 0.5]. */
    falsePositiveRate: number;
    /** Ids per second the filters are sized for. */
    expectedRate: number;
    rotationMs: number;
    duplicates: DuplicatePolicy;
  };
  bursts: {
    /** Events a key needs in the previous window before it can burst. */
    minPrevious: number;
    /** Consecutive evaluations a burst must last before it alerts. */
    confirmations: number;
    /** Quiet time before a key alerts again (a rise to HIGH does not wait); may be 0. */
    cooldownMs: number;
  };
  alerts: {
    ttlMs: number;
    /** Score (sum of window weights) from which an alert is MEDIUM. */
    medium: number;
    /** Score from which an alert is HIGH; at least `medium`. */
    high: number;
  };
  snapshots: {
    /** Snapshots pushed to the dashboard per second. */
    perSecond: number;
  };
  log: {
    commitEveryMs: number;
    checkpointEveryMs: number;
    journalSizeLimitBytes: number;
    busyTimeoutMs: number;
  };
  sources: SourceConfig[];
}

/** The burst growth factor of a window the user gave none for: shorter windows need more. */
export function defaultGrowth(lengthMs: number): number {
  if (lengthMs <= 5_000) return 1.5;
  if (lengthMs <= 15_000) return 1.4;
  return 1.3;
}

/**
 * The config file the app writes for a new user: the defaults, each explained. Parses to
 * exactly the config an empty file gives.
 */
export function defaultConfigText(): string {
  return DEFAULT_CONFIG_TEXT;
}

const DEFAULT_CONFIG_TEXT = `# Streamlens configuration. Durations are written like 250ms, 15s, 2m or 1h; a plain
# number is milliseconds (pane: 5 is 5ms, not 5s).
# Every setting is optional except the id and plugin of each source.

# Sliding windows for top-K and bursts: up to 12, each a multiple of pane.
windows: [5s, 15s, 60s]
# Windows move in steps of one pane.
pane: 1s
# Keys reported per window (1 to 1000).
topK: 10
# Keys counted exactly per pane before counts become estimates (16 to 1000000).
paneCapacity: 10000
# How late an event may arrive and still be counted in the windows (0: not at all).
lateness: 5s

queue:
  capacity: 10000 # events held before sources pause (or drop)
  resumeAt: 0.5 # paused sources resume once the queue is below this fraction

dedup:
  falsePositiveRate: 0.01 # up to 0.5
  expectedRate: 10000 # distinct ids per second the filters are sized for
  rotation: 60s
  duplicates: flag # flag: keep them in the log, marked; skip: leave them out

bursts:
  # How much a key's count must grow over the previous window, per window. Unset windows
  # get 1.5 up to 5s, 1.4 up to 15s, else 1.3.
  # growth: { 5s: 1.5, 15s: 1.4, 60s: 1.3 }
  minPrevious: 1 # events a key needs in the previous window to burst
  confirmations: 2 # evaluations in a row before a burst raises an alert
  cooldown: 10s # before a key alerts again, unless it turns HIGH (0: no wait)

alerts:
  # What an alert in each window adds to its score. Unset windows weigh 1, 2, 3, ... from
  # the shortest.
  # weights: { 5s: 1, 15s: 2, 60s: 3 }
  ttl: 20s
  medium: 2 # score from which an alert is MEDIUM
  high: 4 # score from which it is HIGH

snapshots:
  perSecond: 4 # dashboard updates per second (0.1 to 60)

log:
  commitEvery: 50ms
  checkpointEvery: 10s
  journalSizeLimit: 67108864 # bytes of write-ahead log kept after a checkpoint
  busyTimeout: 5s

sources:
  - id: demo # a-z, 0-9, _ and -, unique
    plugin: synthetic
    overflow: pause # when the queue is full: pause the source, or drop and count
    options: {}
`;
