import type { SourceEvent } from '../../shared/event.ts';
import { type SyntheticOptions, syntheticOptionsSchema } from './options.ts';
import { ZipfSampler } from './zipf.ts';

/** How far back (events) a duplicate reaches for the id it re-sends. */
const DUPLICATE_REACH = 1000;
const TWO_POW_32 = 4_294_967_296;

/** Independent random streams per event, so each decision reads its own number. */
const LANE = { duplicate: 1, duplicateReach: 2, burst: 3, zipf: 4 } as const;
type Lane = (typeof LANE)[keyof typeof LANE];

/**
 * The synthetic event sequence as a pure function of the options and the event number: event
 * `n` happens at `n / rate` seconds on the producer's own clock, and its key, burst and
 * duplicate decisions come from a counter-based hash of `(seed, n)`. So a restart at
 * `produced = n` continues exactly the sequence a single run would have produced.
 */
export class SyntheticGenerator {
  /** Key strings, built once and shared by every event. */
  readonly keys: readonly string[];
  private readonly options: SyntheticOptions;
  private readonly zipf: ZipfSampler;
  private readonly seedHash: number;
  private readonly burstStart: number;
  private readonly burstStride: number;

  constructor(options: SyntheticOptions) {
    this.options = options;
    this.keys = typeof options.keys === 'number' ? numberedKeys(options.keys) : options.keys;
    this.zipf = new ZipfSampler(this.keys.length, options.skew);
    this.seedHash = mix32(options.seed ^ 0x9e3779b9);
    this.burstStart = mix32(this.seedHash ^ 0x5bd1e995) % this.keys.length;
    this.burstStride = coprimeStride(mix32(this.seedHash ^ 0x27d4eb2f), this.keys.length);
  }

  /** Event `n`'s time on the producer's clock, in ms since event 0. */
  elapsedMsAt(n: number): number {
    return (n * 1000) / this.options.rate;
  }

  /** The index of the key bursting at `elapsedMs` on the producer's clock, or -1 if none. */
  burstKeyIndexAt(elapsedMs: number): number {
    const { burstEvery, burstFor, burstShare } = this.options;
    const cycle = Math.floor(elapsedMs / burstEvery);
    // The first cycle is quiet, so burst detection has a baseline to compare against.
    if (burstShare === 0 || cycle < 1 || elapsedMs - cycle * burstEvery >= burstFor) return -1;
    return (this.burstStart + (cycle - 1) * this.burstStride) % this.keys.length;
  }

  /** Event `n` with the given time (epoch ms). */
  eventAt(n: number, ts: number): SourceEvent {
    if (this.options.duplicates === 0) return { ts, key: this.keys[this.keyIndexOf(n)] };
    const original = this.originalOf(n);
    return {
      ts,
      key: this.keys[this.keyIndexOf(original)],
      id: `${this.options.seed}-${original}`,
    };
  }

  /** Events `from` … `from + count - 1`, all stamped with `ts` (epoch ms). */
  batch(from: number, count: number, ts: number): SourceEvent[] {
    const events = new Array<SourceEvent>(count);
    for (let i = 0; i < count; i++) events[i] = this.eventAt(from + i, ts);
    return events;
  }

  /** The event whose id event `n` carries: itself, or an earlier one it duplicates. */
  originalOf(n: number): number {
    let current = n;
    // Following the chain terminates: each step goes back, and event 0 is never a duplicate.
    while (current > 0 && this.unit(current, LANE.duplicate) < this.options.duplicates) {
      const reach = Math.min(current, DUPLICATE_REACH);
      current = current - 1 - Math.floor(this.unit(current, LANE.duplicateReach) * reach);
    }
    return current;
  }

  private keyIndexOf(n: number): number {
    const burstKey = this.burstKeyIndexAt(this.elapsedMsAt(n));
    if (burstKey >= 0 && this.unit(n, LANE.burst) < this.options.burstShare) return burstKey;
    return this.zipf.sample(this.unit(n, LANE.zipf));
  }

  /** A uniform number in [0, 1) for event `n` and one decision lane. */
  private unit(n: number, lane: Lane): number {
    const low = n >>> 0;
    const high = Math.floor(n / TWO_POW_32) >>> 0;
    const h = mix32(this.seedHash ^ low);
    return mix32(h ^ Math.imul(high + lane, 0x85ebca6b)) / TWO_POW_32;
  }
}

export interface GenerateOptions extends Partial<SyntheticOptions> {
  /** Epoch ms of event 0; later events are spaced by the rate. Default 0. */
  startTs?: number;
  /** The first event number. Default 0. */
  from?: number;
}

/**
 * Produces `count` events as fast as possible, with no timers, for benchmarks: deterministic
 * from the seed, times spaced by the rate from `startTs`, key strings shared.
 *
 * @example generateSyntheticEvents(1_000_000, { keys: 10_000, seed: 7, startTs: 0 })
 */
export function generateSyntheticEvents(
  count: number,
  options: GenerateOptions = {},
): SourceEvent[] {
  const { startTs = 0, from = 0, ...rest } = options;
  const generator = new SyntheticGenerator(syntheticOptionsSchema.parse(rest));
  const events = new Array<SourceEvent>(count);
  for (let i = 0; i < count; i++) {
    const n = from + i;
    events[i] = generator.eventAt(n, startTs + Math.floor(generator.elapsedMsAt(n)));
  }
  return events;
}

function numberedKeys(count: number): string[] {
  const keys = new Array<string>(count);
  for (let i = 0; i < count; i++) keys[i] = `key-${i}`;
  return keys;
}

/** A step through `0 … size-1` that visits every index before repeating. */
function coprimeStride(candidate: number, size: number): number {
  if (size === 1) return 1;
  let stride = 1 + (candidate % (size - 1));
  while (gcd(stride, size) !== 1) stride = stride === size - 1 ? 1 : stride + 1;
  return stride;
}

function gcd(a: number, b: number): number {
  return b === 0 ? a : gcd(b, a % b);
}

/** A 32-bit integer hash with good avalanche (lowbias32 by Chris Wellons). */
function mix32(value: number): number {
  let x = value >>> 0;
  x ^= x >>> 16;
  x = Math.imul(x, 0x7feb352d);
  x ^= x >>> 15;
  x = Math.imul(x, 0x846ca68b);
  x ^= x >>> 16;
  return x >>> 0;
}
