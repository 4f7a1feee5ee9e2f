/*
 * How the dashboard writes numbers, durations and times. One locale (en-US) everywhere, so a
 * count reads the same on every machine and in every test: `12,345`.
 */

const integer = new Intl.NumberFormat('en-US', { maximumFractionDigits: 0 });
const oneDecimal = new Intl.NumberFormat('en-US', {
  minimumFractionDigits: 1,
  maximumFractionDigits: 1,
});
const compact = new Intl.NumberFormat('en-US', {
  notation: 'compact',
  maximumFractionDigits: 1,
});

/** A count of events with thousands separators: `1234567` → `1,234,567`. */
export function formatCount(count: number): string {
  return Number.isFinite(count) ? integer.format(count) : '—';
}

/** A count shortened for chart axes: `1234` → `1.2K`, `5300000` → `5.3M`. */
export function formatCompact(count: number): string {
  return Number.isFinite(count) ? compact.format(count) : '—';
}

/** How a top-K count reads: exact counts plain, estimates with `~` and their `±error`. */
export interface CountText {
  /** The count, `~`-prefixed when it is an estimate: `12,345` or `~12,345`. */
  count: string;
  /** The most the estimate may overstate, `±120`; empty for exact counts. */
  error: string;
}

/** Writes a count with its accuracy; `error` is the most the count may overstate (events). */
export function formatCountWithError(count: number, exact: boolean, error: number): CountText {
  if (exact) return { count: formatCount(count), error: '' };
  return { count: `~${formatCount(count)}`, error: `±${formatCount(error)}` };
}

/** A rate in events per second: `12345.6` → `12,346 ev/s`. */
export function formatRate(eventsPerSecond: number): string {
  return `${formatCount(eventsPerSecond)} ev/s`;
}

/** A ratio (0..1) as a percentage with one decimal: `0.4213` → `42.1%`. */
export function formatPercent(ratio: number): string {
  return Number.isFinite(ratio) ? `${oneDecimal.format(ratio * 100)}%` : '—';
}

/**
 * A small probability (0..1) as a percentage with two significant digits, so that rates far
 * below 1% stay readable: `0.000123` → `0.012%`, `0.05` → `5.0%`, `0` → `0%`.
 */
export function formatProbability(probability: number): string {
  if (!Number.isFinite(probability)) return '—';
  if (probability === 0) return '0%';
  const percent = probability * 100;
  if (percent >= 1) return `${oneDecimal.format(percent)}%`;
  return `${percent.toPrecision(2)}%`;
}

/** A growth factor: `3.456` → `3.5×`. */
export function formatGrowth(growth: number): string {
  if (!Number.isFinite(growth)) return '∞×';
  return `${oneDecimal.format(growth)}×`;
}

const SECOND_MS = 1000;
const MINUTE_MS = 60 * SECOND_MS;
const HOUR_MS = 60 * MINUTE_MS;

/**
 * A duration (ms) with the unit that keeps it short: `850` → `850 ms`, `1234` → `1.2 s`,
 * `125000` → `2 min 5 s`, `3780000` → `1 h 3 min`.
 */
export function formatDuration(ms: number): string {
  if (!Number.isFinite(ms)) return '—';
  const abs = Math.abs(ms);
  const sign = ms < 0 ? '−' : '';
  if (abs < SECOND_MS) return `${sign}${integer.format(abs)} ms`;
  if (abs < 10 * SECOND_MS) return `${sign}${oneDecimal.format(abs / SECOND_MS)} s`;
  if (abs < MINUTE_MS) return `${sign}${Math.floor(abs / SECOND_MS)} s`;
  if (abs < HOUR_MS) return `${sign}${unitPair(abs, MINUTE_MS, 'min', SECOND_MS, 's')}`;
  return `${sign}${unitPair(abs, HOUR_MS, 'h', MINUTE_MS, 'min')}`;
}

function unitPair(ms: number, big: number, bigUnit: string, small: number, smallUnit: string) {
  const whole = Math.floor(ms / big);
  const rest = Math.floor((ms - whole * big) / small);
  return rest === 0 ? `${whole} ${bigUnit}` : `${whole} ${bigUnit} ${rest} ${smallUnit}`;
}

/** Whole seconds left until `deadline`, never below zero (both epoch ms): for countdowns. */
export function secondsUntil(deadline: number, now: number): number {
  return Math.max(0, Math.ceil((deadline - now) / SECOND_MS));
}

const BYTE_UNITS = ['B', 'KB', 'MB', 'GB', 'TB'];

/** A size in bytes with a binary-scaled unit: `1536` → `1.5 KB`, `0` → `0 B`. */
export function formatBytes(bytes: number): string {
  if (!Number.isFinite(bytes) || bytes < 0) return '—';
  let value = bytes;
  let unit = 0;
  while (value >= 1024 && unit < BYTE_UNITS.length - 1) {
    value /= 1024;
    unit++;
  }
  return unit === 0 ? `${value} B` : `${oneDecimal.format(value)} ${BYTE_UNITS[unit]}`;
}

const clockFormats = new Map<string, Intl.DateTimeFormat>();

/**
 * A time of day, `HH:MM:SS` on a 24-hour clock, from epoch ms. `timeZone` defaults to the
 * machine's (tests pass `UTC`).
 */
export function formatClock(epochMs: number, timeZone?: string): string {
  if (!Number.isFinite(epochMs)) return '—';
  return clockFormat(timeZone).format(epochMs);
}

function clockFormat(timeZone: string | undefined): Intl.DateTimeFormat {
  const name = timeZone ?? '';
  let format = clockFormats.get(name);
  if (!format) {
    format = new Intl.DateTimeFormat('en-GB', {
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
      hourCycle: 'h23',
      ...(timeZone ? { timeZone } : {}),
    });
    clockFormats.set(name, format);
  }
  return format;
}
