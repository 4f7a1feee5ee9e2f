import { describe, expect, it } from 'vitest';
import type { AlertSnapshot, BurstSnapshot } from '../../shared/snapshot.ts';
import {
  alignedTicks,
  emptyTopBars,
  feedFingerprint,
  feedOf,
  fillTopBars,
  kChoices,
  largestTop,
  RateSeries,
  syncTail,
  timeAxisOf,
  topRowsOf,
  type RatePoint,
} from './live-state.ts';
import { healthOf, windowOf } from './snapshot-fixture.ts';

const fruits = windowOf('5s', [
  { key: 'apple', count: 12345 },
  { key: 'banana', count: 900 },
  { key: 'cherry', count: 40 },
  { key: 'date', count: 3 },
]);

describe('topRowsOf', () => {
  it('keeps the first k keys in rank order with separated counts', () => {
    expect(topRowsOf(fruits, 2)).toEqual([
      { rank: 1, key: 'apple', count: '12,345', error: '', exact: true },
      { rank: 2, key: 'banana', count: '900', error: '', exact: true },
    ]);
  });

  it('returns every key when the window has fewer than k', () => {
    expect(topRowsOf(fruits, 10).map((row) => row.key)).toEqual([
      'apple',
      'banana',
      'cherry',
      'date',
    ]);
  });

  it('marks estimates with a tilde and their error', () => {
    const window = windowOf('60s', [{ key: 'x', count: 5000, exact: false, error: 250 }]);
    expect(topRowsOf(window, 3)).toEqual([
      { rank: 1, key: 'x', count: '~5,000', error: '±250', exact: false },
    ]);
  });
});

describe('fillTopBars', () => {
  it('always holds k bars, empty past the window keys', () => {
    const bars = emptyTopBars(3);
    fillTopBars(bars, windowOf('5s', [{ key: 'a', count: 7 }]), 3);
    expect(bars).toEqual({ labels: ['a', '', ''], sure: [7, 0, 0], uncertain: [0, 0, 0] });
  });

  it('splits an estimate into the sure part and the possible overstatement', () => {
    const bars = emptyTopBars(1);
    fillTopBars(bars, windowOf('5s', [{ key: 'a', count: 100, exact: false, error: 30 }]), 1);
    expect(bars).toEqual({ labels: ['a'], sure: [70], uncertain: [30] });
  });

  it('never draws a negative sure part when the error exceeds the count', () => {
    const bars = emptyTopBars(1);
    fillTopBars(bars, windowOf('5s', [{ key: 'a', count: 4, exact: false, error: 9 }]), 1);
    expect(bars).toEqual({ labels: ['a'], sure: [0], uncertain: [4] });
  });

  it('rewrites the same arrays when k shrinks or grows', () => {
    const bars = emptyTopBars(3);
    const { labels, sure } = bars;
    fillTopBars(bars, fruits, 2);
    expect(bars.labels).toBe(labels);
    expect(bars.sure).toBe(sure);
    expect(labels).toEqual(['apple', 'banana']);
    fillTopBars(bars, fruits, 4);
    expect(labels).toEqual(['apple', 'banana', 'cherry', 'date']);
    expect(sure).toEqual([12345, 900, 40, 3]);
  });
});

describe('largestTop and kChoices', () => {
  it('finds the longest top list among the windows', () => {
    expect(largestTop([fruits, windowOf('15s', [{ key: 'a', count: 1 }])])).toBe(4);
    expect(largestTop([])).toBe(0);
  });

  it('offers 1 to the largest K, keeping the current choice even before keys arrive', () => {
    expect(kChoices(5, 3)).toEqual([1, 2, 3, 4, 5]);
    expect(kChoices(0, 3)).toEqual([1, 2, 3]);
    expect(kChoices(0, 0)).toEqual([1]);
  });
});

describe('RateSeries', () => {
  it('records rates in and out and the queue fill in percent', () => {
    const series = new RateSeries(60_000, 100);
    series.append(1000, healthOf(500, 450, 0.25));
    expect(series.in).toEqual([{ x: 1000, y: 500 }]);
    expect(series.out).toEqual([{ x: 1000, y: 450 }]);
    expect(series.fill).toEqual([{ x: 1000, y: 25 }]);
    expect(series.latest).toBe(1000);
  });

  it('ignores a snapshot not newer than the last point', () => {
    const series = new RateSeries(60_000, 100);
    expect(series.append(1000, healthOf(1, 1, 0))).toBe(true);
    expect(series.append(1000, healthOf(2, 2, 0))).toBe(false);
    expect(series.append(999, healthOf(3, 3, 0))).toBe(false);
    expect(series.in.map((p) => p.y)).toEqual([1]);
  });

  it('drops points older than the span, keeping one exactly at its edge', () => {
    const series = new RateSeries(1000, 100);
    for (const t of [0, 250, 500, 750, 1000, 1250]) series.append(t, healthOf(t, t, 0));
    expect(series.in.map((p) => p.x)).toEqual([250, 500, 750, 1000, 1250]);
    expect(series.out.map((p) => p.x)).toEqual([250, 500, 750, 1000, 1250]);
    expect(series.fill.map((p) => p.x)).toEqual([250, 500, 750, 1000, 1250]);
  });

  it('never holds more than its point cap', () => {
    const series = new RateSeries(1_000_000, 3);
    for (let t = 1; t <= 10; t++) series.append(t, healthOf(t, t, 0));
    expect(series.in.map((p) => p.x)).toEqual([8, 9, 10]);
  });
});

describe('timeAxisOf', () => {
  it('shows at least a minute for a fresh history, ticking every 15 s', () => {
    expect(timeAxisOf(100_000, 110_000, 300_000)).toEqual({
      min: 50_000,
      max: 110_000,
      stepMs: 15_000,
    });
  });

  it('grows with the history and ticks every minute past two minutes', () => {
    expect(timeAxisOf(0, 150_000, 300_000)).toEqual({ min: 0, max: 150_000, stepMs: 60_000 });
    expect(timeAxisOf(0, 120_000, 300_000)).toEqual({ min: 0, max: 120_000, stepMs: 15_000 });
  });

  it('slides once the history spans the whole chart', () => {
    expect(timeAxisOf(0, 400_000, 300_000)).toEqual({
      min: 100_000,
      max: 400_000,
      stepMs: 60_000,
    });
  });
});

describe('alignedTicks', () => {
  it('puts ticks on the multiples of the step between the ends, ends included', () => {
    expect(alignedTicks(50_000, 110_000, 15_000)).toEqual([60_000, 75_000, 90_000, 105_000]);
    expect(alignedTicks(60_000, 120_000, 60_000)).toEqual([60_000, 120_000]);
  });

  it('has no tick when the range holds no multiple of the step', () => {
    expect(alignedTicks(61_000, 119_000, 60_000)).toEqual([]);
  });
});

function points(...xs: number[]): RatePoint[] {
  return xs.map((x) => ({ x, y: x * 10 }));
}

describe('syncTail', () => {
  it('appends the points the source gained', () => {
    const target = points(1, 2);
    syncTail(target, points(1, 2, 3, 4));
    expect(target).toEqual(points(1, 2, 3, 4));
  });

  it('drops from the front what the source dropped, and catches up after a pause', () => {
    const target = points(1, 2, 3);
    syncTail(target, points(3, 4, 5, 6, 7));
    expect(target).toEqual(points(3, 4, 5, 6, 7));
  });

  it('replaces everything when the source moved past all the target held', () => {
    const target = points(1, 2);
    syncTail(target, points(8, 9));
    expect(target).toEqual(points(8, 9));
  });

  it('empties the target when the source is empty, and fills an empty target', () => {
    const target = points(1, 2);
    syncTail(target, []);
    expect(target).toEqual([]);
    syncTail(target, points(5));
    expect(target).toEqual(points(5));
  });

  it('keeps the same array so a chart holding it sees the change', () => {
    const target = points(1);
    const held = target;
    syncTail(target, points(1, 2));
    expect(held).toBe(target);
    expect(held).toHaveLength(2);
  });
});

function burst(key: string, at: number, window = '5s'): BurstSnapshot {
  return { window, key, previous: 10, current: 40, growth: 4, at };
}

function alert(key: string, at: number): AlertSnapshot {
  return { key, severity: 'HIGH', score: 3, windows: ['5s', '15s'], at };
}

describe('feedOf', () => {
  it('merges bursts and alerts newest first, alerts first at the same time', () => {
    const feed = feedOf(
      [burst('a', 3000), burst('b', 1000)],
      [alert('a', 3000), alert('c', 2000)],
      10,
    );
    expect(feed.map((item) => `${item.kind}:${item.key}@${item.at}`)).toEqual([
      'alert:a@3000',
      'burst:a@3000',
      'alert:c@2000',
      'burst:b@1000',
    ]);
  });

  it('carries what each row shows', () => {
    const [alertRow, burstRow] = feedOf([burst('k', 5)], [alert('k', 5)], 10);
    expect(burstRow).toEqual({
      id: 'burst:5s:k:5',
      kind: 'burst',
      at: 5,
      window: '5s',
      key: 'k',
      previous: 10,
      current: 40,
      growth: 4,
    });
    expect(alertRow).toEqual({
      id: 'alert:5s + 15s:k:5',
      kind: 'alert',
      at: 5,
      window: '5s + 15s',
      key: 'k',
      severity: 'HIGH',
      windowCount: 2,
    });
  });

  it('stops at the limit', () => {
    const feed = feedOf([burst('a', 4), burst('b', 3)], [alert('c', 2), alert('d', 1)], 3);
    expect(feed.map((item) => item.key)).toEqual(['a', 'b', 'c']);
  });

  it('is empty with nothing to show', () => {
    expect(feedOf([], [], 10)).toEqual([]);
  });
});

describe('feedFingerprint', () => {
  it('changes when a new burst or alert arrives at the front', () => {
    const before = feedFingerprint([burst('a', 1)], []);
    expect(feedFingerprint([burst('a', 1)], [])).toBe(before);
    expect(feedFingerprint([burst('b', 2), burst('a', 1)], [])).not.toBe(before);
    expect(feedFingerprint([burst('a', 1)], [alert('a', 1)])).not.toBe(before);
  });

  it('changes when a full list shifts by one', () => {
    const full = feedFingerprint([burst('b', 2), burst('a', 1)], []);
    expect(feedFingerprint([burst('c', 3), burst('b', 2)], [])).not.toBe(full);
  });
});
