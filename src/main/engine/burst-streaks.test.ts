import { describe, expect, it } from 'vitest';
import type { BurstDetectorOptions } from './burst-options.ts';
import { comparableViews } from './burst-views.ts';
import { BurstDetector, type BurstChanges, type LabelledBurstView } from './bursts.ts';
import { seededRandom } from './seeded-random.ts';
import { SlidingWindows } from './sliding-windows.ts';

const WINDOWS = [
  { label: '1s', lengthMs: 1000, growth: 1.5, weight: 1 },
  { label: '2s', lengthMs: 2000, growth: 1.4, weight: 2 },
  { label: '4s', lengthMs: 4000, growth: 1.3, weight: 3 },
];

const OPTIONS: BurstDetectorOptions = {
  windows: WINDOWS,
  confirmations: 2,
  ttlMs: 3000,
  cooldownMs: 2000,
  mediumScore: 2,
  highScore: 4,
  recentLimit: 8,
};

type ViewsAt = (windows: SlidingWindows, boundary: number) => LabelledBurstView[];

/**
 * Drives a long stream through real windows and calls `evaluate` on every reported boundary:
 * skewed keys with a hot key that changes every 7 s and grows within its turn, a tenth of the
 * events late (some too late for every pane), panes of 4 keys (so evictions, late ones
 * included), and quiet gaps long enough for the windows to empty and skip boundaries.
 */
function driveStream(seed: number, viewsAt: ViewsAt, evaluate: EvaluateAt): void {
  const random = seededRandom(seed);
  const windows = new SlidingWindows({ windows: WINDOWS, paneCapacity: 4 });
  let now = 100_000;
  windows.advanceTo(now);
  for (let step = 0; step < 60_000; step++) {
    now += random() < 0.001 ? 10_000 + Math.floor(random() * 20_000) : Math.floor(random() * 50);
    windows.advanceTo(now, (boundary) => evaluate(boundary, viewsAt(windows, boundary)));
    const turn = now % 7000;
    const hot = random() < 0.05 + turn / 10_000;
    const key = hot ? `hot${Math.floor(now / 7000) % 5}` : `k${Math.floor(random() ** 2 * 30)}`;
    windows.add(key, random() < 0.1 ? now - Math.floor(random() * 9000) : now);
  }
}

type EvaluateAt = (boundary: number, views: LabelledBurstView[]) => void;

/** The views without their changes: the detector walks every key of them. */
function withoutChanges(views: LabelledBurstView[]): LabelledBurstView[] {
  return views.map(({ label, current, previous }) => ({ label, current, previous }));
}

/** The views with changes claimed cheap, so the detector follows them whatever their cost. */
function alwaysFollowed(views: LabelledBurstView[], onFollow: () => void): LabelledBurstView[] {
  return views.map((view) => {
    const changes = view.changes!;
    const cheap: BurstChanges = {
      since: changes.since,
      until: changes.until,
      visits: 0,
      forEachChangedKey: (visit) => {
        onFollow();
        changes.forEachChangedKey(visit);
      },
    };
    return { ...view, changes: cheap };
  });
}

interface Comparison {
  boundaries: number;
  gaps: number;
  followed: number;
  bursts: number;
  alerts: number;
  escalations: number;
}

/**
 * Evaluates every boundary of the stream with a detector that walks every key and with two
 * that follow the changes (one always, one when cheaper), expecting the same results and the
 * same saved state each time. The ones that follow are saved and restored from JSON halfway.
 */
function compareOnStream(seed: number, viewsAt: ViewsAt): Comparison {
  const walking = new BurstDetector(OPTIONS);
  let following = new BurstDetector(OPTIONS);
  let choosing = new BurstDetector(OPTIONS);
  const seen: Comparison = {
    boundaries: 0,
    gaps: 0,
    followed: 0,
    bursts: 0,
    alerts: 0,
    escalations: 0,
  };
  let last = 0;
  driveStream(seed, viewsAt, (boundary, views) => {
    const expected = walking.evaluate(boundary, withoutChanges(views));
    const followedViews = alwaysFollowed(views, () => seen.followed++);
    expect(following.evaluate(boundary, followedViews)).toEqual(expected);
    expect(choosing.evaluate(boundary, views)).toEqual(expected);
    expect(following.toJSON()).toEqual(walking.toJSON());
    expect(choosing.toJSON()).toEqual(walking.toJSON());

    seen.boundaries++;
    if (last !== 0 && boundary - last > 1000) seen.gaps++;
    last = boundary;
    seen.bursts += expected.bursts.length;
    seen.alerts += expected.alerts.length;
    seen.escalations += expected.alerts.filter((alert) => alert.escalation).length;
    if (seen.boundaries === 300) {
      following = BurstDetector.fromJSON(JSON.parse(JSON.stringify(following.toJSON())), OPTIONS);
      choosing = BurstDetector.fromJSON(JSON.parse(JSON.stringify(choosing.toJSON())), OPTIONS);
    }
  });
  expect(following.recentBursts()).toEqual(walking.recentBursts());
  expect(following.recentAlerts()).toEqual(walking.recentAlerts());
  return seen;
}

describe('BurstDetector following the changes of sliding windows', () => {
  it('gives what a walk over every key gives, at every boundary of a long stream', () => {
    const seen = compareOnStream(3, (windows) =>
      windows.labels.map((label) => ({ label, ...windows.burstView(label) })),
    );

    // Three windows a boundary: the first, the one after each quiet gap or the restore, and
    // those after more late keys than a window holds walk every key; the others follow.
    expect(seen).toEqual({
      boundaries: 2223,
      gaps: 84,
      followed: 4731,
      bursts: 2460,
      alerts: 1024,
      escalations: 99,
    });
  });

  it('gives the same with the engine warm-up and a restart gap that was not observed', () => {
    let observedSince: number | null = null;
    let reports = 0;
    const seen = compareOnStream(8, (windows, boundary) => {
      observedSince ??= boundary - 1000;
      // Halfway, as after a restart: the stretch before it is not compared with.
      if (++reports === 700) observedSince = boundary;
      return comparableViews(windows, WINDOWS, boundary, observedSince);
    });

    expect(seen).toEqual({
      boundaries: 2216,
      gaps: 83,
      followed: 4728,
      bursts: 2376,
      alerts: 1056,
      escalations: 92,
    });
  });
});

describe('BurstDetector given changes', () => {
  const ONE = { windows: [{ label: 'w', lengthMs: 1000, growth: 2 }], confirmations: 1 };

  /** Changes from `since` to `until` that name no key, and claim to cost `visits`. */
  const nothingChanged = (since: number, until: number, visits = 0): BurstChanges => ({
    since,
    until,
    visits,
    forEachChangedKey: () => {},
  });

  /**
   * Evaluates at 1000 on counts where `x` bursts and `y` does not, then turns them around in
   * the same maps, and evaluates at 2000 with `changes`: a detector that follows changes which
   * name nothing keeps the first decisions; one that walks every key sees the new counts.
   */
  function burstKeysAfterTurn(changesAt2000: BurstChanges, restoreBetween = false): string[] {
    const current = new Map([
      ['x', 4],
      ['y', 2],
    ]);
    const previous = new Map([
      ['x', 2],
      ['y', 2],
    ]);
    let detector = new BurstDetector(ONE);
    detector.evaluate(1000, [{ label: 'w', current, previous }]);
    if (restoreBetween) detector = BurstDetector.fromJSON(detector.toJSON(), ONE);
    current.set('x', 2);
    current.set('y', 4);
    const views = [{ label: 'w', current, previous, changes: changesAt2000 }];
    return detector.evaluate(2000, views).bursts.map((b) => `${b.key} ${b.previous}->${b.current}`);
  }

  it('keeps the decision of every key the changes do not name, with its counts', () => {
    expect(burstKeysAfterTurn(nothingChanged(1000, 2000))).toEqual(['x 2->4']);
  });

  it('walks every key when the changes do not run from its last evaluation to this one', () => {
    expect(burstKeysAfterTurn(nothingChanged(500, 2000))).toEqual(['y 2->4']);
    expect(burstKeysAfterTurn(nothingChanged(1000, 1500))).toEqual(['y 2->4']);
  });

  it('walks every key at the first evaluation after a restore', () => {
    expect(burstKeysAfterTurn(nothingChanged(1000, 2000), true)).toEqual(['y 2->4']);
  });

  it('walks every key when following the changes would cost more than the walk', () => {
    // Two keys in the window: one visit is taken to cost about four steps of the walk.
    expect(burstKeysAfterTurn(nothingChanged(1000, 2000, 1))).toEqual(['y 2->4']);
  });

  it('walks every key when the counts are other maps than those it judged last', () => {
    const detector = new BurstDetector(ONE);
    const previous = new Map([['x', 2]]);
    detector.evaluate(1000, [{ label: 'w', current: new Map([['x', 2]]), previous }]);
    const current = new Map([['x', 4]]);
    const views = [{ label: 'w', current, previous, changes: nothingChanged(1000, 2000) }];

    expect(detector.evaluate(2000, views).bursts.map((b) => b.key)).toEqual(['x']);
  });
});
