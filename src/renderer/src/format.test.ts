import { describe, expect, it } from 'vitest';
import {
  formatBytes,
  formatClock,
  formatCompact,
  formatCount,
  formatCountWithError,
  formatDuration,
  formatGrowth,
  formatPercent,
  formatProbability,
  formatRate,
  secondsUntil,
} from './format.ts';

describe('formatCount', () => {
  it('groups thousands with commas', () => {
    expect(formatCount(0)).toBe('0');
    expect(formatCount(999)).toBe('999');
    expect(formatCount(1000)).toBe('1,000');
    expect(formatCount(1234567)).toBe('1,234,567');
  });

  it('rounds fractions to whole events and shows a dash for non-numbers', () => {
    expect(formatCount(1234.6)).toBe('1,235');
    expect(formatCount(Number.NaN)).toBe('—');
    expect(formatCount(Number.POSITIVE_INFINITY)).toBe('—');
  });
});

describe('formatCompact', () => {
  it('shortens large counts for axes', () => {
    expect(formatCompact(950)).toBe('950');
    expect(formatCompact(1234)).toBe('1.2K');
    expect(formatCompact(5_300_000)).toBe('5.3M');
  });
});

describe('formatCountWithError', () => {
  it('writes exact counts plain with no error', () => {
    expect(formatCountWithError(12345, true, 0)).toEqual({ count: '12,345', error: '' });
  });

  it('marks estimates with a tilde and their error bound', () => {
    expect(formatCountWithError(12345, false, 1200)).toEqual({
      count: '~12,345',
      error: '±1,200',
    });
  });

  it('still marks an estimate whose error happens to be zero', () => {
    expect(formatCountWithError(7, false, 0)).toEqual({ count: '~7', error: '±0' });
  });
});

describe('formatRate and formatPercent', () => {
  it('writes events per second with the unit', () => {
    expect(formatRate(20000)).toBe('20,000 ev/s');
    expect(formatRate(0)).toBe('0 ev/s');
  });

  it('writes a ratio as a percentage with one decimal', () => {
    expect(formatPercent(0)).toBe('0.0%');
    expect(formatPercent(0.4213)).toBe('42.1%');
    expect(formatPercent(1)).toBe('100.0%');
  });
});

describe('formatProbability', () => {
  it('keeps two significant digits below one percent', () => {
    expect(formatProbability(0.000123)).toBe('0.012%');
    expect(formatProbability(0.001)).toBe('0.10%');
    expect(formatProbability(0.0099)).toBe('0.99%');
  });

  it('uses one decimal from one percent up, and a plain 0% for zero', () => {
    expect(formatProbability(0.05)).toBe('5.0%');
    expect(formatProbability(0)).toBe('0%');
  });
});

describe('formatGrowth', () => {
  it('writes a factor with one decimal and a times sign', () => {
    expect(formatGrowth(3.456)).toBe('3.5×');
    expect(formatGrowth(10)).toBe('10.0×');
    expect(formatGrowth(Number.POSITIVE_INFINITY)).toBe('∞×');
  });
});

describe('formatDuration', () => {
  it('writes milliseconds below a second', () => {
    expect(formatDuration(0)).toBe('0 ms');
    expect(formatDuration(850)).toBe('850 ms');
  });

  it('writes seconds with a decimal below ten seconds and whole seconds below a minute', () => {
    expect(formatDuration(1000)).toBe('1.0 s');
    expect(formatDuration(1234)).toBe('1.2 s');
    expect(formatDuration(12_900)).toBe('12 s');
  });

  it('writes minutes with seconds, and hours with minutes, dropping a zero rest', () => {
    expect(formatDuration(60_000)).toBe('1 min');
    expect(formatDuration(125_000)).toBe('2 min 5 s');
    expect(formatDuration(3_600_000)).toBe('1 h');
    expect(formatDuration(3_780_000)).toBe('1 h 3 min');
  });

  it('signs negative durations', () => {
    expect(formatDuration(-1500)).toBe('−1.5 s');
  });
});

describe('secondsUntil', () => {
  it('rounds a countdown up to whole seconds and stops at zero', () => {
    expect(secondsUntil(10_000, 7_000)).toBe(3);
    expect(secondsUntil(10_000, 7_001)).toBe(3);
    expect(secondsUntil(10_000, 9_999)).toBe(1);
    expect(secondsUntil(10_000, 10_000)).toBe(0);
    expect(secondsUntil(10_000, 12_000)).toBe(0);
  });
});

describe('formatBytes', () => {
  it('scales by 1024 with one decimal', () => {
    expect(formatBytes(0)).toBe('0 B');
    expect(formatBytes(1023)).toBe('1023 B');
    expect(formatBytes(1536)).toBe('1.5 KB');
    expect(formatBytes(5 * 1024 * 1024)).toBe('5.0 MB');
  });
});

describe('formatClock', () => {
  it('writes the time of day on a 24-hour clock in the given zone', () => {
    expect(formatClock(Date.UTC(2025, 0, 2, 3, 4, 5), 'UTC')).toBe('03:04:05');
    expect(formatClock(Date.UTC(2025, 0, 2, 23, 59, 59), 'UTC')).toBe('23:59:59');
  });

  it('shows a dash for a missing time', () => {
    expect(formatClock(Number.NaN, 'UTC')).toBe('—');
  });
});
