import { describe, expect, it } from 'vitest';
import type { BurstSnapshot } from '../../shared/snapshot.ts';
import { BurstDetector, type BurstEvaluation, type LabelledBurstView } from './bursts.ts';
import { SlidingWindows } from './sliding-windows.ts';

/** Per window label, per key: [previous, current] counts. */
type Counts = Record<string, Record<string, [number, number]>>;

const ABC = [
  { label: 'a', lengthMs: 1000, growth: 2 },
  { label: 'b', lengthMs: 2000, growth: 2 },
  { label: 'c', lengthMs: 3000, growth: 2 },
];

function viewsOf(counts: Counts, labels = ['a', 'b', 'c']): LabelledBurstView[] {
  return labels.map((label) => {
    const entries = Object.entries(counts[label] ?? {});
    return {
      label,
      previous: new Map(entries.filter(([, [p]]) => p > 0).map(([key, [p]]) => [key, p])),
      current: new Map(entries.filter(([, [, c]]) => c > 0).map(([key, [, c]]) => [key, c])),
    };
  });
}

/** Views where each listed key doubles (2 -> 4) in each listed window. */
function doubling(keysByWindow: Record<string, string[]>): LabelledBurstView[] {
  const counts: Counts = {};
  for (const [label, keys] of Object.entries(keysByWindow)) {
    counts[label] = Object.fromEntries(keys.map((key) => [key, [2, 4]]));
  }
  return viewsOf(counts);
}

const burstKeys = (result: BurstEvaluation) => result.bursts.map((b) => `${b.window}:${b.key}`);

describe('BurstDetector', () => {
  it('finds a burst when the previous count suffices and growth reaches the threshold', () => {
    const views = viewsOf(
      { '5s': { exact: [2, 3], below: [10, 14], fresh: [0, 9], doubled: [2, 4] } },
      ['5s', '15s', '60s'],
    );

    const result = new BurstDetector({ confirmations: 1 }).evaluate(1000, views);
    expect(result.bursts).toEqual([
      { window: '5s', key: 'doubled', previous: 2, current: 4, growth: 2, at: 1000 },
      { window: '5s', key: 'exact', previous: 2, current: 3, growth: 1.5, at: 1000 },
    ]);

    const strict = new BurstDetector({ confirmations: 1, minPrevious: 3 });
    expect(strict.evaluate(1000, views).bursts).toEqual([]);
  });

  it('compares growth exactly where the threshold times the count is not a round number', () => {
    const windows = [{ label: 'w', lengthMs: 1000, growth: 1.1 }];
    const detector = new BurstDetector({ windows, minPrevious: 10, confirmations: 1 });

    const { bursts } = detector.evaluate(1000, viewsOf({ w: { k: [10, 11] } }, ['w']));
    expect(bursts.map((b) => [b.key, b.growth])).toEqual([['k', 1.1]]);
  });

  it('confirms a burst after consecutive bursting evaluations and keeps confirming it', () => {
    const detector = new BurstDetector({ windows: ABC });
    const steady = viewsOf({ a: { x: [4, 4] } });
    const run = (at: number, views: LabelledBurstView[]) => burstKeys(detector.evaluate(at, views));

    expect(run(1000, doubling({ a: ['x'] }))).toEqual([]);
    expect(run(2000, doubling({ a: ['x'] }))).toEqual(['a:x']);
    expect(run(3000, doubling({ a: ['x'] }))).toEqual(['a:x']);
    expect(run(4000, steady)).toEqual([]);
    expect(run(5000, doubling({ a: ['x'] }))).toEqual([]);
    expect(run(6000, doubling({ a: ['x'] }))).toEqual(['a:x']);
    expect(run(7000, doubling({}))).toEqual([]);
    expect(run(8000, doubling({ a: ['x'] }))).toEqual([]);
  });

  it('keeps streaks only for keys that are bursting', () => {
    const detector = new BurstDetector({ windows: ABC });
    detector.evaluate(1000, doubling({ a: ['x', 'y'], b: ['x'] }));
    detector.evaluate(2000, doubling({ a: ['x'] }));

    expect(detector.toJSON().windows.map((w) => w.streaks)).toEqual([[['x', 2]], [], []]);
    detector.evaluate(3000, doubling({}));
    expect(detector.toJSON().windows.map((w) => w.streaks)).toEqual([[], [], []]);
  });

  it('scores a key by the weights of the windows where its burst is confirmed', () => {
    const detector = new BurstDetector({
      windows: [
        { ...ABC[0], weight: 0.5 },
        { ...ABC[1], weight: 1.5 },
        { ...ABC[2], weight: 5 },
      ],
      confirmations: 1,
      mediumScore: 2,
      highScore: 5,
    });

    const { alerts } = detector.evaluate(1000, doubling({ a: ['x', 'z'], b: ['x'], c: ['y'] }));
    expect(alerts).toEqual([
      { key: 'x', severity: 'MEDIUM', score: 2, windows: ['a', 'b'], at: 1000, escalation: false },
      { key: 'y', severity: 'HIGH', score: 5, windows: ['c'], at: 1000, escalation: false },
    ]);
  });

  it('fires at MEDIUM, once more on escalating to HIGH, and not again while it goes on', () => {
    const detector = new BurstDetector({ windows: ABC });
    const alertsAt = (at: number, views: LabelledBurstView[]) =>
      detector.evaluate(at, views).alerts;

    expect(alertsAt(1000, doubling({ b: ['x'] }))).toEqual([]);
    expect(alertsAt(2000, doubling({ b: ['x'] }))).toEqual([
      { key: 'x', severity: 'MEDIUM', score: 2, windows: ['b'], at: 2000, escalation: false },
    ]);
    expect(alertsAt(3000, doubling({ b: ['x'], c: ['x'] }))).toEqual([]);
    expect(alertsAt(4000, doubling({ b: ['x'], c: ['x'] }))).toEqual([
      { key: 'x', severity: 'HIGH', score: 5, windows: ['b', 'c'], at: 4000, escalation: true },
    ]);
    const later: number[] = [];
    for (let at = 5000; at <= 30_000; at += 1000) {
      later.push(...alertsAt(at, doubling({ b: ['x'], c: ['x'] })).map((a) => a.at));
    }
    expect(later).toEqual([]);
    expect(detector.recentAlerts().map((a) => a.severity)).toEqual(['HIGH', 'MEDIUM']);
  });

  it('holds back a new alert for a key within the cooldown, and lets it fire from its end', () => {
    const detector = new BurstDetector({ windows: ABC, ttlMs: 3000, cooldownMs: 10_000 });
    const alertTimes: number[] = [];
    const bursting = new Set([1000, 2000, 6000, 7000, 11_000, 12_000]);
    for (let at = 1000; at <= 12_000; at += 1000) {
      const { alerts } = detector.evaluate(at, doubling(bursting.has(at) ? { b: ['x'] } : {}));
      alertTimes.push(...alerts.map((a) => a.at));
    }

    expect(alertTimes).toEqual([2000, 12_000]);
  });

  it('forgets a confirmed burst exactly one TTL after it', () => {
    const run = (secondAt: number) => {
      const detector = new BurstDetector({ windows: ABC, cooldownMs: 0 });
      const first = [1000, 2000].flatMap(
        (at) => detector.evaluate(at, doubling({ c: ['x'] })).alerts,
      );
      const second = [secondAt - 1000, secondAt].flatMap(
        (at) => detector.evaluate(at, doubling({ a: ['x'] })).alerts,
      );
      return { first, second, state: detector.toJSON() };
    };

    const justInside = run(21_999);
    expect(justInside.first.map((a) => [a.severity, a.score])).toEqual([['MEDIUM', 3]]);
    expect(justInside.second).toEqual([
      { key: 'x', severity: 'HIGH', score: 4, windows: ['a', 'c'], at: 21_999, escalation: false },
    ]);

    const atExpiry = run(22_000);
    expect(atExpiry.second).toEqual([]);
    expect(atExpiry.state.windows.map((w) => w.confirmedAt)).toEqual([[['x', 22_000]], [], []]);
  });

  it('lists a burst that goes on once, with its latest evaluation', () => {
    const detector = new BurstDetector({ windows: ABC });
    const bursting = [1000, 2000, 3000, 4000, 6000, 7000];
    for (let at = 1000; at <= 7000; at += 1000) {
      detector.evaluate(at, doubling(bursting.includes(at) ? { a: ['x'] } : {}));
    }
    // Two episodes: confirmed 2000-4000 and again at 7000 after the break at 5000.
    expect(detector.recentBursts().map((b) => [b.window, b.key, b.at])).toEqual([
      ['a', 'x', 7000],
      ['a', 'x', 4000],
    ]);
  });

  it('forgets, on restore, the bursts and alerts of windows it no longer has', () => {
    const before = new BurstDetector({ windows: ABC });
    for (const at of [1000, 2000]) before.evaluate(at, doubling({ a: ['x'], b: ['x'], c: ['y'] }));
    expect(
      before
        .recentBursts()
        .map((b) => `${b.window}:${b.key}`)
        .sort(),
    ).toEqual(['a:x', 'b:x', 'c:y']);

    const after = new BurstDetector({ windows: ABC.filter((w) => w.label !== 'b') });
    after.restore(before.toJSON());
    expect(
      after
        .recentBursts()
        .map((b) => `${b.window}:${b.key}`)
        .sort(),
    ).toEqual(['a:x', 'c:y']);
    expect(after.recentAlerts().map((a) => [a.key, a.windows])).toEqual([['y', ['c']]]);
  });

  it('keeps a bounded list of recent bursts and alerts, newest first', () => {
    const detector = new BurstDetector({ windows: ABC, confirmations: 1, recentLimit: 2 });
    detector.evaluate(1000, doubling({ b: ['p', 'q'] }));
    detector.evaluate(2000, doubling({ b: ['r'] }));

    expect(detector.recentBursts().map((b) => [b.key, b.at])).toEqual([
      ['r', 2000],
      ['p', 1000],
    ]);
    expect(detector.recentAlerts().map((a) => [a.key, a.at])).toEqual([
      ['r', 2000],
      ['p', 1000],
    ]);
  });

  it('refuses an evaluation that does not follow the last one', () => {
    const detector = new BurstDetector({ windows: ABC });
    detector.evaluate(2000, doubling({}));
    expect(() => detector.evaluate(2000, doubling({}))).toThrow('does not follow the last one');
  });

  it('refuses options out of range, naming them', () => {
    expect(() => new BurstDetector({ windows: [{ lengthMs: 30_000 }] })).toThrow(
      'windows[0] (30s) needs a growth threshold',
    );
    expect(() => new BurstDetector({ minPrevious: 0 })).toThrow('minPrevious must be');
    expect(() => new BurstDetector({ mediumScore: 3, highScore: 2 })).toThrow('highScore must be');
  });
});

/** Two windows of one and two panes: every number below can be worked out by hand. */
const SMALL = {
  windows: [
    { label: '1s', lengthMs: 1000, growth: 2, weight: 1 },
    { label: '2s', lengthMs: 2000, growth: 2, weight: 2 },
  ],
  highScore: 3,
};

/** A key steady at 2 events a pane for 10 s, then doubling each pane: 4, 8, 16, 32. */
function episode(startPane: number): [number, number][] {
  const perPane = [2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 4, 8, 16, 32];
  return perPane.map((count, i) => [(startPane + i) * 1000, count]);
}

/** Runs two episodes 500 s apart through real windows; calls `evaluate` on each boundary. */
function runEpisodes(evaluate: (boundary: number, windows: SlidingWindows) => void): void {
  const windows = new SlidingWindows({ windows: SMALL.windows });
  windows.advanceTo(0);
  for (const [ts, count] of [...episode(1), ...episode(501)]) {
    windows.advanceTo(ts, (b) => evaluate(b, windows));
    for (let i = 0; i < count; i++) windows.add('hot', ts);
    windows.add('calm', ts);
  }
  windows.advanceTo(600_000, (b) => evaluate(b, windows));
}

describe('BurstDetector on sliding windows', () => {
  it('confirms the doubling key and alerts HIGH once per episode', () => {
    const detector = new BurstDetector(SMALL);
    const bursts: BurstSnapshot[] = [];
    const alerts: string[] = [];
    runEpisodes((b, windows) => {
      const result = detector.evaluate(b, windows);
      bursts.push(...result.bursts);
      alerts.push(...result.alerts.map((a) => `${a.at} ${a.key} ${a.severity} ${a.score}`));
    });

    const firstEpisode = bursts.filter((b) => b.at < 100_000);
    expect(firstEpisode.map((b) => [b.at, b.window, b.previous, b.current])).toEqual([
      [12_000, '1s', 4, 8],
      [13_000, '1s', 8, 16],
      [13_000, '2s', 6, 24],
      [14_000, '1s', 16, 32],
      [14_000, '2s', 12, 48],
    ]);
    expect(bursts.filter((b) => b.at > 100_000).map((b) => b.at - 500_000)).toEqual(
      firstEpisode.map((b) => b.at),
    );
    expect(alerts).toEqual(['13000 hot HIGH 3', '513000 hot HIGH 3']);
  });

  it('gives the same results when the skipped empty boundaries are evaluated too', () => {
    const skipping = new BurstDetector(SMALL);
    const everyBoundary = new BurstDetector(SMALL);
    const empty = viewsOf({}, ['1s', '2s']);
    const fromSkipping: BurstEvaluation[] = [];
    const fromEvery: BurstEvaluation[] = [];
    let last = 0;
    runEpisodes((b, windows) => {
      fromSkipping.push(skipping.evaluate(b, windows));
      for (let skipped = last + 1000; skipped < b; skipped += 1000) {
        expect(everyBoundary.evaluate(skipped, empty)).toEqual({ bursts: [], alerts: [] });
      }
      fromEvery.push(everyBoundary.evaluate(b, windows));
      last = b;
    });

    expect(last).toBeLessThan(599_000);
    expect(fromSkipping).toEqual(fromEvery);
    expect(skipping.recentAlerts()).toEqual(everyBoundary.recentAlerts());
  });

  it('continues identically after a JSON round trip at any boundary', () => {
    const recorded: { at: number; views: LabelledBurstView[] }[] = [];
    runEpisodes((at, windows) => {
      const views = windows.labels.map((label) => {
        const { current, previous } = windows.burstView(label);
        return { label, current: new Map(current), previous: new Map(previous) };
      });
      recorded.push({ at, views });
    });
    const straight = new BurstDetector(SMALL);
    const expected = recorded.map(({ at, views }) => straight.evaluate(at, views));

    for (let cut = 0; cut <= recorded.length; cut++) {
      const first = new BurstDetector(SMALL);
      recorded.slice(0, cut).forEach(({ at, views }) => first.evaluate(at, views));
      const saved = JSON.parse(JSON.stringify(first.toJSON()));
      const restored = BurstDetector.fromJSON(saved, SMALL);
      expect(restored.toJSON()).toEqual(first.toJSON());

      const rest = recorded.slice(cut).map(({ at, views }) => restored.evaluate(at, views));
      expect(rest).toEqual(expected.slice(cut));
      expect(restored.toJSON()).toEqual(straight.toJSON());
    }
  });
});
