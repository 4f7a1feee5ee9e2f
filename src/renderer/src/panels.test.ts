import { describe, expect, it } from 'vitest';
import type { SourceSnapshot } from '../../shared/snapshot.ts';
import {
  counterFiguresOf,
  healthViewOf,
  sourceViewOf,
  sourceViewsOf,
  windowColumnsOf,
  withSource,
} from './panels.ts';
import { healthOf, snapshotOf } from './snapshot-fixture.ts';

describe('healthViewOf', () => {
  it('shows the status with queue fill, rates and lags in units', () => {
    const health = {
      ...healthOf(20000, 19500.4, 0.4213),
      lagMs: 1234,
      eventTimeLagMs: 850,
      logBytes: 1536,
      pauses: 2,
    };
    health.queue = { size: 4213, capacity: 10000, fill: 0.4213, status: 'WARNING' };
    const view = healthViewOf(health);
    expect(view.status).toBe('WARNING');
    expect(view.meaning).toBe('The queue is filling: the engine is falling behind.');
    expect(view.figures.map((f) => [f.label, f.value])).toEqual([
      ['Queue peak (1 s)', '42.1%'],
      ['Queued', '4,213 / 10,000'],
      ['In', '20,000 ev/s'],
      ['Out', '19,500 ev/s'],
      ['Queue lag', '1.2 s'],
      ['Event-time lag', '850 ms'],
      ['Log size', '1.5 KB'],
      ['Backpressure pauses', '2'],
    ]);
  });
});

describe('counterFiguresOf', () => {
  it('lists the counters in a fixed order with the dedup false-positive rate', () => {
    const { counters, dedup } = snapshotOf();
    const figures = counterFiguresOf(
      {
        ...counters,
        received: 1234567,
        logged: 1234000,
        duplicates: 567,
        late: 3,
        expired: 2,
        future: 4,
        replayed: 10,
      },
      { ...dedup, estimatedFalsePositiveRate: 0.000123 },
    );
    expect(figures.map((f) => [f.label, f.value, f.attention])).toEqual([
      ['Received', '1,234,567', false],
      ['Logged', '1,234,000', false],
      ['Duplicates', '567', false],
      ['Late', '3', false],
      ['Expired (too old)', '2', false],
      ['Future (too far ahead)', '4', false],
      ['Parse errors', '0', false],
      ['Replayed', '10', false],
      ['Dropped', '0', false],
      ['Dedup false positives', '0.012%', false],
    ]);
  });

  it('asks for attention on parse errors and drops', () => {
    const { counters, dedup } = snapshotOf();
    const figures = counterFiguresOf({ ...counters, parseErrors: 1, dropped: 2 }, dedup);
    expect(figures.filter((f) => f.attention).map((f) => f.id)).toEqual([
      'parse-errors',
      'dropped',
    ]);
  });
});

function source(state: SourceSnapshot['state'], error?: string): SourceSnapshot {
  return { id: 'web', plugin: 'synthetic', state, error, counters: { received: 12345 } };
}

describe('sourceViewOf', () => {
  it('lets a running source be stopped, not started', () => {
    expect(sourceViewOf(source('running'))).toEqual({
      id: 'web',
      plugin: 'synthetic',
      state: 'running',
      detail: '',
      received: '12,345',
      canStart: false,
      canStop: true,
    });
  });

  it('explains a pause by backpressure and still allows a stop', () => {
    const view = sourceViewOf(source('paused'));
    expect(view.detail).toBe('paused by backpressure: the queue is full');
    expect([view.canStart, view.canStop]).toEqual([false, true]);
  });

  it('shows the error of a failed source and lets it be started again', () => {
    const view = sourceViewOf(source('failed', 'file not found'));
    expect(view.detail).toBe('file not found');
    expect([view.canStart, view.canStop]).toEqual([true, false]);
  });

  it('lets a stopped source be started', () => {
    const view = sourceViewOf(source('stopped'));
    expect([view.detail, view.canStart, view.canStop]).toEqual(['', true, false]);
  });

  it('counts zero received for a source that has not counted yet', () => {
    expect(sourceViewOf({ id: 'x', plugin: 'p', state: 'idle', counters: {} }).received).toBe('0');
  });
});

describe('sourceViewsOf', () => {
  const shown = [
    { ...source('running'), counters: { received: 100 } },
    { ...source('running'), id: 'gone', counters: { received: 7 } },
  ];

  it('takes the state from the live sources and the count from the snapshot on screen', () => {
    const live = [{ ...source('stopped'), counters: { received: 250 } }];
    expect(sourceViewsOf(live, shown).map((v) => [v.id, v.state, v.received, v.canStart])).toEqual([
      ['web', 'stopped', '100', true],
    ]);
  });

  it('counts from the live source when the snapshot on screen does not have it', () => {
    const live = [{ ...source('running'), id: 'new', counters: { received: 3 } }];
    expect(sourceViewsOf(live, shown).map((v) => [v.id, v.received])).toEqual([['new', '3']]);
  });

  it('counts from the live sources when no snapshot is shown', () => {
    expect(sourceViewsOf([source('running')]).map((v) => v.received)).toEqual(['12,345']);
  });
});

describe('windowColumnsOf', () => {
  it('puts up to three windows on one row and evens out the rows beyond', () => {
    const columns = [0, 1, 2, 3, 4, 5, 6, 7, 9].map((count) => windowColumnsOf(count));
    expect(columns).toEqual([1, 1, 2, 3, 2, 3, 3, 3, 3]);
  });

  it('follows another most per row', () => {
    expect([4, 5, 8].map((count) => windowColumnsOf(count, 4))).toEqual([4, 3, 4]);
  });
});

describe('withSource', () => {
  it('replaces the source of the same id without touching the list it was given', () => {
    const before = [source('running'), { ...source('running'), id: 'tail' }];
    const after = withSource(before, source('stopped'));
    expect(after.map((s) => `${s.id}:${s.state}`)).toEqual(['web:stopped', 'tail:running']);
    expect(before[0].state).toBe('running');
  });

  it('appends a source it has not seen', () => {
    const after = withSource([source('running')], { ...source('failed'), id: 'new' });
    expect(after.map((s) => s.id)).toEqual(['web', 'new']);
  });
});
