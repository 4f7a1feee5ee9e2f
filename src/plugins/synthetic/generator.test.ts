import { describe, expect, it } from 'vitest';
import { generateSyntheticEvents, SyntheticGenerator } from './generator.ts';
import { DEFAULT_FRUITS, syntheticOptionsSchema } from './options.ts';

function generatorFor(options: Record<string, unknown>) {
  return new SyntheticGenerator(syntheticOptionsSchema.parse(options));
}

function countKeys(keys: string[]): Map<string, number> {
  const counts = new Map<string, number>();
  for (const key of keys) counts.set(key, (counts.get(key) ?? 0) + 1);
  return counts;
}

describe('synthetic options', () => {
  it('default to 2000 events/s over twelve fruits with 20s/8s bursts at half the events', () => {
    expect(syntheticOptionsSchema.parse({})).toEqual({
      rate: 2000,
      keys: [...DEFAULT_FRUITS],
      skew: 1,
      burstEvery: 20_000,
      burstFor: 8_000,
      burstShare: 0.5,
      duplicates: 0,
      seed: 1,
    });
    expect(DEFAULT_FRUITS).toHaveLength(12);
  });

  it('read durations written with units and reject a burst longer than its period', () => {
    expect(syntheticOptionsSchema.parse({ burstEvery: '2m', burstFor: '90s' }).burstFor).toBe(
      90_000,
    );
    const result = syntheticOptionsSchema.safeParse({ burstEvery: '5s', burstFor: '5s' });
    expect(result.success).toBe(false);
    expect(result.error?.issues.map((issue) => [issue.path.join('.'), issue.message])).toEqual([
      ['burstFor', 'must be shorter than burstEvery'],
    ]);
  });
});

describe('SyntheticGenerator', () => {
  it('names generated keys key-0 to key-(N-1)', () => {
    expect(generatorFor({ keys: 3 }).keys).toEqual(['key-0', 'key-1', 'key-2']);
  });

  it('gives the same events for the same seed and different ones for another seed', () => {
    const first = generateSyntheticEvents(2000, { seed: 7 });
    expect(generateSyntheticEvents(2000, { seed: 7 })).toEqual(first);
    expect(generateSyntheticEvents(2000, { seed: 8 }).map((e) => e.key)).not.toEqual(
      first.map((e) => e.key),
    );
  });

  it('continues the same sequence when restarted at any event number', () => {
    const generator = generatorFor({ seed: 3, duplicates: 0.2 });
    const whole = generator.batch(0, 1500, 42);
    expect([...generator.batch(0, 700, 42), ...generator.batch(700, 800, 42)]).toEqual(whole);
  });

  it('spaces event times by the rate from the start time', () => {
    const times = generateSyntheticEvents(5, { rate: 400, startTs: 1_000_000 }).map((e) => e.ts);
    expect(times).toEqual([1_000_000, 1_000_002, 1_000_005, 1_000_007, 1_000_010]);
  });

  it('makes earlier keys more frequent under skew, in order', () => {
    // 40000 events at 2000/s fill exactly the first, quiet, 20 s cycle.
    const counts = countKeys(generateSyntheticEvents(40_000, { seed: 7 }).map((e) => e.key));
    const ordered = DEFAULT_FRUITS.map((key) => counts.get(key) ?? 0);
    expect(ordered.reduce((a, b) => a + b)).toBe(40_000);
    for (let rank = 1; rank < ordered.length; rank++) {
      expect(ordered[rank], DEFAULT_FRUITS[rank]).toBeLessThan(ordered[rank - 1]);
    }
  });

  it('spreads keys evenly without skew', () => {
    const counts = countKeys(
      generateSyntheticEvents(40_000, { keys: 4, skew: 0 }).map((e) => e.key),
    );
    expect([...counts.keys()].sort()).toEqual(['key-0', 'key-1', 'key-2', 'key-3']);
    for (const count of counts.values()) expect(Math.abs(count - 10_000)).toBeLessThan(400);
  });

  it('bursts one key from the second cycle on, for burstFor, then rotates to another', () => {
    const generator = generatorFor({ seed: 7, burstEvery: '20s', burstFor: '8s' });
    expect(generator.burstKeyIndexAt(0)).toBe(-1);
    expect(generator.burstKeyIndexAt(19_999)).toBe(-1);
    const first = generator.burstKeyIndexAt(20_000);
    expect(first).toBeGreaterThanOrEqual(0);
    expect(generator.burstKeyIndexAt(27_999)).toBe(first);
    expect(generator.burstKeyIndexAt(28_000)).toBe(-1);
    expect(generator.burstKeyIndexAt(40_000)).not.toBe(first);
  });

  it('visits every key once in as many bursts as there are keys', () => {
    const generator = generatorFor({ seed: 11, keys: 12, burstEvery: 1000, burstFor: 500 });
    const bursting = Array.from({ length: 12 }, (_, i) =>
      generator.burstKeyIndexAt((i + 1) * 1000),
    );
    expect([...bursting].sort((a, b) => a - b)).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11]);
  });

  it('gives the bursting key about burstShare of the events on top of its usual share', () => {
    const generator = generatorFor({ seed: 7 });
    const burstKey = generator.keys[generator.burstKeyIndexAt(20_000)];
    // Events 40000 … 55999 are the 8 s burst of the second cycle.
    const keys = generator.batch(40_000, 16_000, 0).map((e) => e.key);
    const share = (countKeys(keys).get(burstKey) ?? 0) / keys.length;
    expect(share).toBeGreaterThan(0.5);
    expect(share).toBeLessThan(0.6);
  });

  it('adds no ids without duplicates', () => {
    expect(generateSyntheticEvents(3, { seed: 7 })).toEqual([
      { ts: 0, key: 'apple' },
      { ts: 0, key: 'mango' },
      { ts: 1, key: 'apple' },
    ]);
  });

  it('re-sends earlier ids, each with the key it was first sent with', () => {
    const events = generateSyntheticEvents(10_000, { seed: 7, duplicates: 0.1, keys: 1000 });
    const firstSeen = new Map<string, { key: string; index: number }>();
    let repeats = 0;
    events.forEach((event, index) => {
      const id = event.id as string;
      const earlier = firstSeen.get(id);
      if (earlier === undefined) {
        expect(id).toBe(`7-${index}`);
        firstSeen.set(id, { key: event.key, index });
        return;
      }
      repeats++;
      expect(event.key).toBe(earlier.key);
    });
    expect(repeats).toBe(993);
  });
});
