import { describe, expect, it } from 'vitest';
import { paneEndOf, paneIndexOf } from './pane.ts';
import { seededRandom } from './seeded-random.ts';
import { EXPIRED, SlidingWindows } from './sliding-windows.ts';
import { SpaceSaving } from './space-saving.ts';

interface Event {
  key: string;
  ts: number;
}

/** Exact counts of the events with lo < ts <= hi. */
function countsIn(events: Event[], lo: number, hi: number): Map<string, number> {
  const counts = new Map<string, number>();
  for (const { key, ts } of events) {
    if (ts > lo && ts <= hi) counts.set(key, (counts.get(key) ?? 0) + 1);
  }
  return counts;
}

/** The k largest counts, ties by key: what a snapshot's top must show. */
function topOf(counts: Map<string, number>, k: number): [string, number][] {
  return [...counts].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1)).slice(0, k);
}

function totals(windows: SlidingWindows): Record<string, number> {
  return Object.fromEntries(windows.snapshot(0).map((w) => [w.label, w.total]));
}

describe('pane arithmetic', () => {
  it('puts an event on a boundary in the pane that ends there', () => {
    expect(paneIndexOf(1000, 1000)).toBe(0);
    expect(paneIndexOf(1001, 1000)).toBe(1);
    expect(paneIndexOf(1, 1000)).toBe(0);
    expect(paneIndexOf(0, 1000)).toBe(-1);
    expect(paneEndOf(0, 1000)).toBe(1000);
  });
});

describe('SlidingWindows', () => {
  it('counts an event on a pane boundary in exactly one pane', () => {
    const windows = new SlidingWindows({ windows: [1000, 2000] });
    windows.advanceTo(1500);
    windows.advanceTo(2000);
    expect(windows.add('edge', 2000)).toBe(2);
    expect(totals(windows)).toEqual({ '1s': 1, '2s': 1 });

    windows.advanceTo(2001);
    expect(totals(windows)).toEqual({ '1s': 0, '2s': 1 });
    expect(windows.burstView('1s').previous).toEqual(new Map([['edge', 1]]));

    windows.advanceTo(3001);
    expect(totals(windows)).toEqual({ '1s': 0, '2s': 0 });
    expect(windows.burstView('2s').previous).toEqual(new Map([['edge', 1]]));
  });

  it('holds in each default window the events of its panes at exact clock values', () => {
    const windows = new SlidingWindows();
    windows.advanceTo(0);
    for (let ts = 1000; ts <= 70_000; ts += 1000) {
      windows.advanceTo(ts);
      windows.add('tick', ts);
    }
    expect(totals(windows)).toEqual({ '5s': 5, '15s': 15, '60s': 60 });

    windows.advanceTo(70_001);
    expect(totals(windows)).toEqual({ '5s': 4, '15s': 14, '60s': 59 });

    windows.advanceTo(74_999);
    expect(totals(windows)).toEqual({ '5s': 0, '15s': 10, '60s': 55 });

    windows.advanceTo(75_000);
    expect(totals(windows)).toEqual({ '5s': 0, '15s': 10, '60s': 55 });

    windows.advanceTo(75_001);
    expect(totals(windows)).toEqual({ '5s': 0, '15s': 9, '60s': 54 });
  });

  it('matches (B - L, now] for every window at boundaries and just around them', () => {
    const windows = new SlidingWindows();
    const events: Event[] = [];
    windows.advanceTo(0);
    let now = 0;
    for (let ts = 250; ts <= 130_000; ts += 250) {
      for (const probe of [ts - 1, ts]) {
        windows.advanceTo(probe);
        now = probe;
        const paneEnd = paneEndOf(paneIndexOf(now, 1000), 1000);
        for (const snapshot of windows.snapshot(3)) {
          const expected = countsIn(events, paneEnd - snapshot.lengthMs, now);
          expect(snapshot.total).toBe([...expected.values()].reduce((a, b) => a + b, 0));
          expect(snapshot.distinct).toBe(expected.size);
          expect(snapshot.top.map((e) => [e.key, e.count])).toEqual(topOf(expected, 3));
          expect(windows.countsOf(snapshot.label)).toEqual(expected);
        }
      }
      const key = `k${ts % 7}`;
      windows.add(key, ts);
      events.push({ key, ts });
    }
  });

  it('reports each passed boundary once, in order, while the windows end exactly on it', () => {
    const windows = new SlidingWindows({ windows: [2000] });
    const events: Event[] = [];
    windows.advanceTo(500);
    const seen: number[] = [];
    const check = (boundary: number) => {
      seen.push(boundary);
      const view = windows.burstView('2s');
      expect(view.current).toEqual(countsIn(events, boundary - 2000, boundary));
      expect(view.previous).toEqual(countsIn(events, boundary - 4000, boundary - 2000));
    };
    for (const ts of [500, 1000, 1000, 2500, 3000, 3999, 4000, 6000]) {
      windows.advanceTo(ts, check);
      windows.add(`k${ts}`, ts);
      events.push({ key: `k${ts}`, ts });
    }
    windows.advanceTo(9000, check);

    expect(seen).toEqual([1000, 2000, 3000, 4000, 5000, 6000, 7000, 8000]);
  });

  it('snapshots during a boundary report exactly the range ending on it', () => {
    const windows = new SlidingWindows({ windows: [2000] });
    windows.advanceTo(1000);
    windows.add('a', 1000);
    windows.advanceTo(1800);
    windows.add('a', 1800);
    windows.add('b', 1800);
    const seen: string[] = [];
    windows.advanceTo(2500, (b) => {
      const [snapshot] = windows.snapshot(5);
      seen.push(`${b}: ${snapshot.total} ${snapshot.distinct} ${JSON.stringify(snapshot.top)}`);
      expect(windows.countsOf('2s')).toEqual(
        new Map([
          ['a', 2],
          ['b', 1],
        ]),
      );
    });

    expect(seen).toEqual([
      '2000: 3 2 [{"key":"a","count":2,"exact":true,"error":0},{"key":"b","count":1,"exact":true,"error":0}]',
    ]);
  });

  it('never moves the clock back, and crosses no boundary on the first advance', () => {
    const windows = new SlidingWindows();
    const seen: number[] = [];
    windows.advanceTo(10_500, (b) => seen.push(b));
    windows.advanceTo(9_000, (b) => seen.push(b));
    windows.advanceTo(10_500, (b) => seen.push(b));

    expect(windows.now).toBe(10_500);
    expect(seen).toEqual([]);
  });

  it('counts a late event in the windows that still hold its pane and in no other', () => {
    const windows = new SlidingWindows();
    windows.advanceTo(30_500);

    expect(windows.add('late', 20_000)).toBe(2);
    expect(totals(windows)).toEqual({ '5s': 0, '15s': 1, '60s': 1 });
    expect(windows.burstView('5s').previous).toEqual(new Map());

    expect(windows.add('baseline', 26_000)).toBe(2);
    expect(windows.burstView('5s').previous).toEqual(new Map([['baseline', 1]]));
  });

  it('keeps an event too old for every window only in the burst baseline of the longest', () => {
    const windows = new SlidingWindows();
    windows.advanceTo(200_500);

    expect(windows.add('old', 100_000)).toBe(0);
    expect(totals(windows)).toEqual({ '5s': 0, '15s': 0, '60s': 0 });
    expect(windows.burstView('60s').previous).toEqual(new Map([['old', 1]]));
    expect(windows.burstView('15s').previous).toEqual(new Map());
  });

  it('counts an event older than every retained pane nowhere', () => {
    const windows = new SlidingWindows();
    windows.advanceTo(200_500);

    expect(windows.retainedPanes).toBe(120);
    expect(windows.add('ancient', 81_000)).toBe(EXPIRED);
    expect(windows.add('kept', 81_001)).toBe(0);
    expect(windows.burstView('60s').previous).toEqual(new Map([['kept', 1]]));
  });

  it('refuses an event ahead of the clock, and any event before the clock is set', () => {
    const windows = new SlidingWindows();
    expect(() => windows.add('early', 0)).toThrow('ahead of the clock');
    windows.advanceTo(1000);
    expect(() => windows.add('future', 1001)).toThrow(RangeError);
  });

  it('crosses a day of silence with a bounded number of boundary reports', () => {
    const windows = new SlidingWindows();
    let reports = 0;
    const count = () => reports++;
    windows.advanceTo(1_000_000);
    windows.add('x', 1_000_000);

    windows.advanceTo(1_000_000 + 86_400_000, count);
    expect(reports).toBe(121);
    expect(totals(windows)).toEqual({ '5s': 0, '15s': 0, '60s': 0 });

    reports = 0;
    windows.advanceTo(1_000_000 + 2 * 86_400_000, count);
    expect(reports).toBe(0);

    windows.add('y', windows.now);
    windows.advanceTo(1_000_000 + 3 * 86_400_000, count);
    expect(reports).toBe(121);
    expect(windows.now).toBe(1_000_000 + 3 * 86_400_000);
  });

  it('reports one empty boundary after a silent start, then skips the rest', () => {
    const windows = new SlidingWindows();
    const seen: number[] = [];
    windows.advanceTo(500);
    windows.advanceTo(3_600_000, (b) => seen.push(b));

    expect(seen).toEqual([1000]);
    windows.add('after', 3_600_000);
    expect(totals(windows)).toEqual({ '5s': 1, '15s': 1, '60s': 1 });
  });

  it('keeps window counts equal to the sums of the pane summaries through evictions', () => {
    const capacity = 3;
    const windows = new SlidingWindows({ windows: [2000, 5000], paneCapacity: capacity });
    const reference = new Map<number, SpaceSaving>();
    const random = seededRandom(5);
    let lateEvictions = 0;
    const paneSum = (from: number, to: number) => {
      const sum = new Map<string, number>();
      for (let p = from; p <= to; p++) {
        reference.get(p)?.forEach((c, k) => sum.set(k, (sum.get(k) ?? 0) + c));
      }
      return sum;
    };

    windows.advanceTo(0);
    for (let step = 0; step < 4_000; step++) {
      const now = step * 10;
      windows.advanceTo(now);
      const ts = random() < 0.2 ? now - Math.floor(random() * 12_000) : now;
      const key = `k${Math.floor(random() * random() * 9)}`;
      if (windows.add(key, ts) === EXPIRED) continue;
      const pane = paneIndexOf(ts, 1000);
      if (!reference.has(pane)) reference.set(pane, new SpaceSaving(capacity));
      reference.get(pane)!.add(key);
      const closed = pane < paneIndexOf(now, 1000);
      if (closed && reference.get(pane)!.evictedKey !== undefined) lateEvictions++;

      if (step % 37 !== 0) continue;
      const open = paneIndexOf(now, 1000);
      for (const [label, n] of [
        ['2s', 2],
        ['5s', 5],
      ] as const) {
        expect(windows.burstView(label).current).toEqual(paneSum(open - n + 1, open - 1));
        expect(windows.countsOf(label)).toEqual(paneSum(open - n + 1, open));
        expect(windows.burstView(label).previous).toEqual(paneSum(open - 2 * n + 1, open - n));
      }
    }
    expect(lateEvictions).toBeGreaterThan(100);
  });

  it('names, during each report, every key whose counts changed since the report before', () => {
    const windows = new SlidingWindows({ windows: [1000, 3000], paneCapacity: 3 });
    const random = seededRandom(11);
    const copies = new Map<
      string,
      { current: Map<string, number>; previous: Map<string, number> }
    >();
    let lastBoundary: number | null = null;
    let followed = 0;
    let unknown = 0;
    const check = (boundary: number) => {
      for (const label of windows.labels) {
        const view = windows.burstView(label);
        const changes = view.changes!;
        const copy = copies.get(label);
        if (changes.since === null) unknown++;
        else {
          expect(changes.since).toBe(lastBoundary);
          expect(changes.until).toBe(boundary);
          const named = new Set<string>();
          changes.forEachChangedKey((key) => named.add(key));
          let visits = 0;
          changes.forEachChangedKey(() => visits++);
          expect(changes.visits).toBe(visits);
          for (const key of new Set([...copy!.current.keys(), ...view.current.keys()])) {
            if (copy!.current.get(key) !== view.current.get(key)) expect(named).toContain(key);
          }
          for (const key of new Set([...copy!.previous.keys(), ...view.previous.keys()])) {
            if (copy!.previous.get(key) !== view.previous.get(key)) expect(named).toContain(key);
          }
          followed++;
        }
        copies.set(label, { current: new Map(view.current), previous: new Map(view.previous) });
      }
      lastBoundary = boundary;
    };

    windows.advanceTo(0);
    let now = 0;
    for (let step = 0; step < 10_000; step++) {
      now += random() < 0.002 ? 20_000 : Math.floor(random() * 40);
      windows.advanceTo(now, check);
      const ts = random() < 0.25 ? Math.max(1, now - Math.floor(random() * 7_000)) : now;
      windows.add(`k${Math.floor(random() * random() * 12)}`, ts);
    }

    // Per window: the first report, and the first after each quiet gap, know no changes.
    expect([followed, unknown]).toEqual([578, 46]);
    expect(windows.burstView('3s').changes!.since).toBeNull();
  });

  it('leaves the changes unknown after more late keys than a window can hold', () => {
    const windows = new SlidingWindows({ windows: [2000], paneCapacity: 2 });
    const known: (number | null)[] = [];
    const note = () => known.push(windows.burstView('2s').changes!.since);
    windows.advanceTo(1000);
    windows.add('x', 1000);
    windows.advanceTo(2500, note);
    windows.add('y', 2500);
    for (const key of ['a', 'b', 'c', 'd']) windows.add(key, 2000);
    windows.advanceTo(3500, note);
    windows.add('y', 3500);
    for (const key of ['e', 'f', 'g', 'h', 'i']) windows.add(key, 3000);
    windows.advanceTo(4500, note);
    windows.add('y', 4500);
    windows.advanceTo(5500, note);

    expect(known).toEqual([null, 1000, 2000, null, 4000]);
  });

  it('snapshots exact totals, distinct keys and top entries while the panes are exact', () => {
    const windows = new SlidingWindows({ windows: [{ label: 'short', lengthMs: 2000 }, 4000] });
    windows.advanceTo(1000);
    for (const key of ['b', 'a', 'b', 'c', 'a']) windows.add(key, 1000);
    windows.advanceTo(3500);
    windows.add('c', 3500);

    expect(windows.snapshot(2)).toEqual([
      {
        label: 'short',
        lengthMs: 2000,
        total: 1,
        distinct: 1,
        exact: true,
        errorBound: 0,
        top: [{ key: 'c', count: 1, exact: true, error: 0 }],
      },
      {
        label: '4s',
        lengthMs: 4000,
        total: 6,
        distinct: 3,
        exact: true,
        errorBound: 0,
        top: [
          { key: 'a', count: 2, exact: true, error: 0 },
          { key: 'b', count: 2, exact: true, error: 0 },
        ],
      },
    ]);
  });

  it('adds the open pane to the closed ones in top entries and distinct keys', () => {
    const windows = new SlidingWindows({ windows: [3000] });
    windows.advanceTo(1000);
    for (const key of ['old', 'old', 'old', 'both']) windows.add(key, 1000);
    windows.advanceTo(2500);
    for (const key of ['both', 'both', 'new', 'new', 'new']) windows.add(key, 2500);
    expect(windows.burstView('3s').current).toEqual(
      new Map([
        ['old', 3],
        ['both', 1],
      ]),
    );

    const [snapshot] = windows.snapshot(2);
    expect(snapshot.distinct).toBe(3);
    expect(snapshot.total).toBe(9);
    expect(snapshot.top.map((e) => [e.key, e.count])).toEqual([
      ['both', 3],
      ['new', 3],
    ]);
  });

  it('states the error of counts over panes that overflowed', () => {
    const windows = new SlidingWindows({ windows: [2000], paneCapacity: 2 });
    windows.advanceTo(1000);
    for (const key of ['a', 'a', 'a', 'b', 'c']) windows.add(key, 1000);
    windows.advanceTo(2000);
    for (const key of ['a', 'd', 'd', 'e']) windows.add(key, 2000);

    const [snapshot] = windows.snapshot(3);
    expect(snapshot.total).toBe(9);
    expect(snapshot.exact).toBe(false);
    expect(snapshot.errorBound).toBe(2);
    expect(snapshot.distinct).toBe(4);
    expect(snapshot.top).toEqual([
      { key: 'a', count: 3, exact: false, error: 0 },
      { key: 'c', count: 2, exact: false, error: 1 },
      { key: 'd', count: 2, exact: false, error: 0 },
    ]);
  });

  it('refuses windows that are not multiples of the pane or share a label', () => {
    expect(() => new SlidingWindows({ windows: [1500] })).toThrow(
      'windows[0] must be a positive multiple of the pane length 1000ms, got 1500',
    );
    expect(
      () => new SlidingWindows({ windows: [5000, { label: '5s', lengthMs: 10_000 }] }),
    ).toThrow('windows[1] repeats the label 5s');
  });
});
