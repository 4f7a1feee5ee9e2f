import type { HealthSnapshot, Snapshot, TopEntry, WindowSnapshot } from '../../shared/snapshot.ts';

/*
 * Snapshots for tests: a complete, quiet snapshot that each test changes only where it looks.
 */

/** A window labelled `label` whose top keys are `top` (counts exact unless given otherwise). */
export function windowOf(label: string, top: Partial<TopEntry>[] = []): WindowSnapshot {
  const entries = top.map((entry, i) => ({
    key: entry.key ?? `key-${i}`,
    count: entry.count ?? 0,
    exact: entry.exact ?? true,
    error: entry.error ?? 0,
  }));
  return {
    label,
    lengthMs: Number.parseInt(label, 10) * 1000,
    total: entries.reduce((sum, entry) => sum + entry.count, 0),
    distinct: entries.length,
    exact: entries.every((entry) => entry.exact),
    errorBound: Math.max(0, ...entries.map((entry) => entry.error)),
    top: entries,
  };
}

/** Health with `rateIn`/`rateOut` events per second and a queue `fill` of 0..1. */
export function healthOf(rateIn: number, rateOut: number, fill: number): HealthSnapshot {
  return {
    queue: { size: fill * 1000, capacity: 1000, fill, status: 'HEALTHY' },
    eventsPerSecond: { in: rateIn, out: rateOut },
    lagMs: 0,
    eventTimeLagMs: 0,
    logBytes: 0,
    pauses: 0,
  };
}

/** A snapshot with no events, one stopped source, and `overrides` on top. */
export function snapshotOf(overrides: Partial<Snapshot> = {}): Snapshot {
  return {
    clock: 1_700_000_000_000,
    takenAt: 1_700_000_000_000,
    windows: [windowOf('5s'), windowOf('15s'), windowOf('60s')],
    bursts: [],
    alerts: [],
    health: healthOf(0, 0, 0),
    counters: {
      received: 0,
      logged: 0,
      duplicates: 0,
      late: 0,
      parseErrors: 0,
      replayed: 0,
      dropped: 0,
      future: 0,
      expired: 0,
      ids: 0,
    },
    dedup: {
      checked: 0,
      estimatedFalsePositiveRate: 0,
      rotations: 0,
      earlyRotations: 0,
      memoryBytes: 0,
    },
    sources: [{ id: 'web', plugin: 'synthetic', state: 'stopped', counters: {} }],
    ...overrides,
  };
}
