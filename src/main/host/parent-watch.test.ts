import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { PARENT_PID_ENV, parentPidFrom, watchParent } from './parent-watch.ts';

describe('parentPidFrom', () => {
  it('reads a pid from the environment variable', () => {
    expect(PARENT_PID_ENV).toBe('STREAMLENS_PARENT_PID');
    expect(parentPidFrom({ STREAMLENS_PARENT_PID: '4242' })).toBe(4242);
    expect(parentPidFrom({ STREAMLENS_PARENT_PID: ' 17\n' })).toBe(17);
  });

  it('ignores an unset, empty, malformed or init pid', () => {
    for (const value of [undefined, '', 'abc', '-5', '1.5', '0', '1', '1e3']) {
      expect([value, parentPidFrom({ STREAMLENS_PARENT_PID: value })]).toEqual([value, undefined]);
    }
  });
});

describe('watchParent', () => {
  // Timers are faked: the watch's only input besides time is the injected parent pid.
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it('calls back once, at the first check after the parent changed', () => {
    let parent = 100;
    let calls = 0;
    watchParent({ parentPid: 100, currentParent: () => parent, intervalMs: 1000 }, () => calls++);

    vi.advanceTimersByTime(3000);
    expect(calls).toBe(0);
    parent = 1;
    vi.advanceTimersByTime(999);
    expect(calls).toBe(0);
    vi.advanceTimersByTime(1);
    expect(calls).toBe(1);
    vi.advanceTimersByTime(5000);
    expect(calls).toBe(1);
  });

  it('stops checking once told to', () => {
    let calls = 0;
    const stop = watchParent({ parentPid: 100, currentParent: () => 1 }, () => calls++);
    stop();
    vi.advanceTimersByTime(5000);
    expect(calls).toBe(0);
  });

  it('checks once a second by default', () => {
    let calls = 0;
    watchParent({ parentPid: 100, currentParent: () => 1 }, () => calls++);
    vi.advanceTimersByTime(999);
    expect(calls).toBe(0);
    vi.advanceTimersByTime(1);
    expect(calls).toBe(1);
  });
});
