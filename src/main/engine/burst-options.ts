import { formatDuration } from '../../shared/config/duration.ts';
import { DEFAULT_WINDOWS } from './window-spec.ts';

/** Growth thresholds (current / previous) of the default windows, by window length in ms. */
export const DEFAULT_GROWTH_BY_LENGTH_MS: ReadonlyMap<number, number> = new Map([
  [5_000, 1.5],
  [15_000, 1.4],
  [60_000, 1.3],
]);

/** One window as the burst detector sees it. */
export interface BurstWindowOptions {
  /** The window's label, as `SlidingWindows` names it (e.g. `15s`). */
  label?: string;
  lengthMs: number;
  /** current / previous at or above which a key bursts; required for non-default lengths. */
  growth?: number;
  /** What a confirmed burst in this window adds to a key's score (default: 1, 2, 3... by order). */
  weight?: number;
}

export interface BurstDetectorOptions {
  /** Default: `5s`, `15s`, `60s` with growth 1.5, 1.4, 1.3 and weights 1, 2, 3. */
  windows?: ReadonlyArray<BurstWindowOptions>;
  /** The least count (events) in the previous range for a key to burst (default 1, at least 1). */
  minPrevious?: number;
  /** Consecutive bursting evaluations that confirm a burst (default 2). */
  confirmations?: number;
  /** How long a confirmed burst counts towards a key's score, ms (default 20 000). */
  ttlMs?: number;
  /** After an alert for a key, how long further alerts for it are held back, ms (default 10 000). */
  cooldownMs?: number;
  /** The least score (sum of window weights) of a MEDIUM alert (default 2). */
  mediumScore?: number;
  /** The least score (sum of window weights) of a HIGH alert (default 4). */
  highScore?: number;
  /** How many recent bursts and alerts are kept for snapshots (default 100 each). */
  recentLimit?: number;
}

export interface BurstWindowConfig {
  label: string;
  lengthMs: number;
  growth: number;
  weight: number;
}

/** Options with every default filled in and checked. */
export type BurstConfig = Required<Omit<BurstDetectorOptions, 'windows'>> & {
  windows: BurstWindowConfig[];
};

/** Fills in the defaults; throws a RangeError naming the option when one is out of range. */
export function resolveBurstOptions(options: BurstDetectorOptions = {}): BurstConfig {
  const windowOptions = options.windows ?? DEFAULT_WINDOWS;
  const config: BurstConfig = {
    windows: windowOptions.map(resolveWindow),
    minPrevious: options.minPrevious ?? 1,
    confirmations: options.confirmations ?? 2,
    ttlMs: options.ttlMs ?? 20_000,
    cooldownMs: options.cooldownMs ?? 10_000,
    mediumScore: options.mediumScore ?? 2,
    highScore: options.highScore ?? 4,
    recentLimit: options.recentLimit ?? 100,
  };
  requireAtLeast('minPrevious', config.minPrevious, 1);
  requireAtLeast('confirmations', config.confirmations, 1);
  requireAtLeast('ttlMs', config.ttlMs, 0);
  requireAtLeast('cooldownMs', config.cooldownMs, 0);
  requirePositive('mediumScore', config.mediumScore);
  requireAtLeast('highScore', config.highScore, config.mediumScore);
  requireAtLeast('recentLimit', config.recentLimit, 0);
  return config;
}

function resolveWindow(window: BurstWindowOptions, index: number): BurstWindowConfig {
  const label = window.label ?? formatDuration(window.lengthMs);
  const growth = window.growth ?? DEFAULT_GROWTH_BY_LENGTH_MS.get(window.lengthMs);
  if (growth === undefined) {
    throw new RangeError(`windows[${index}] (${label}) needs a growth threshold`);
  }
  requirePositive(`windows[${index}].growth`, growth);
  const weight = window.weight ?? index + 1;
  requireAtLeast(`windows[${index}].weight`, weight, 0);
  return { label, lengthMs: window.lengthMs, growth, weight };
}

function requireAtLeast(name: string, value: number, least: number): void {
  if (!(value >= least) || !Number.isFinite(value)) {
    throw new RangeError(`${name} must be a number of at least ${least}, got ${value}`);
  }
}

function requirePositive(name: string, value: number): void {
  if (!(value > 0) || !Number.isFinite(value)) {
    throw new RangeError(`${name} must be a positive number, got ${value}`);
  }
}
