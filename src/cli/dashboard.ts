import type { Snapshot, WindowSnapshot } from '../shared/snapshot.ts';
import { printable } from './printable.ts';

const number = new Intl.NumberFormat('en-US');
const decimal = new Intl.NumberFormat('en-US', {
  maximumFractionDigits: 1,
  minimumFractionDigits: 1,
});

/** Keys shown per window, and bursts and alerts listed, in the text dashboard. */
const SHOWN_PER_WINDOW = 5;
const SHOWN_IN_FEED = 5;
const KEY_WIDTH = 28;

/**
 * Renders a snapshot as the text dashboard `streamlens run` prints once a second: top keys per
 * window, bursts, alerts, queue and throughput, sources and counters. Keys come from the
 * input, so they are made printable first: a key must not move the cursor or retitle the
 * terminal.
 */
export function formatDashboard(snapshot: Snapshot): string {
  return [
    headerLine(snapshot),
    '',
    ...snapshot.windows.flatMap(windowLines),
    ...burstLines(snapshot),
    ...alertLines(snapshot),
    sourcesLine(snapshot),
    countersLine(snapshot),
    dedupLine(snapshot),
  ].join('\n');
}

function headerLine({ clock, health }: Snapshot): string {
  const { queue, eventsPerSecond } = health;
  return [
    `event time ${formatTime(clock)}`,
    `in ${number.format(eventsPerSecond.in)} ev/s`,
    `out ${number.format(eventsPerSecond.out)} ev/s`,
    `queue ${number.format(queue.size)}/${number.format(queue.capacity)} ` +
      `(peak ${decimal.format(queue.fill * 100)}%) ${queue.status}`,
    `lag ${number.format(health.lagMs)} ms`,
  ].join(' · ');
}

function windowLines(window: WindowSnapshot): string[] {
  const accuracy = window.exact ? 'exact' : `counts may be off by up to ${window.errorBound}`;
  const shown = Math.min(SHOWN_PER_WINDOW, window.top.length);
  const top = window.top.length > shown ? `, top ${shown} of ${window.top.length} shown` : '';
  const title = `${window.label} window: ${number.format(window.total)} events, ${accuracy}${top}`;
  const rows = window.top.slice(0, shown).map((entry, i) => {
    const key = fit(printable(entry.key), KEY_WIDTH);
    const count = number.format(entry.count).padStart(10);
    return `  ${String(i + 1).padStart(2)}. ${key} ${count}${entry.exact ? '' : ` ±${entry.error}`}`;
  });
  return [title, ...(rows.length ? rows : ['   (no events in this window)']), ''];
}

function burstLines({ bursts }: Snapshot): string[] {
  if (bursts.length === 0) return ['Bursts: none', ''];
  const rows = bursts
    .slice(0, SHOWN_IN_FEED)
    .map(
      (b) =>
        `  [${b.window}] ${printable(b.key)} ${number.format(b.previous)} → ` +
        `${number.format(b.current)} (${decimal.format(b.growth)}x) at ${formatTime(b.at)}`,
    );
  return [`Bursts${more(bursts.length)}:`, ...rows, ''];
}

function alertLines({ alerts }: Snapshot): string[] {
  if (alerts.length === 0) return ['Alerts: none', ''];
  const rows = alerts
    .slice(0, SHOWN_IN_FEED)
    .map(
      (a) => `  ${a.severity} ${printable(a.key)} (${a.windows.join(', ')}) at ${formatTime(a.at)}`,
    );
  return [`Alerts${more(alerts.length)}:`, ...rows, ''];
}

function more(count: number): string {
  return count > SHOWN_IN_FEED ? ` (newest ${SHOWN_IN_FEED} of ${count})` : '';
}

function sourcesLine({ sources }: Snapshot): string {
  const parts = sources.map(
    (s) => `${s.id} (${s.plugin}) ${s.state}${s.error ? `: ${printable(s.error)}` : ''}`,
  );
  return `Sources: ${parts.join(' · ') || 'none'}`;
}

function countersLine({ counters }: Snapshot): string {
  const entries: [string, number][] = [
    ['received', counters.received],
    ['logged', counters.logged],
    ['duplicates', counters.duplicates],
    ['late', counters.late],
    ['expired', counters.expired],
    ['future', counters.future],
    ['parse errors', counters.parseErrors],
    ['replayed', counters.replayed],
    ['dropped', counters.dropped],
  ];
  return `Counters: ${entries.map(([name, value]) => `${name} ${number.format(value)}`).join(' · ')}`;
}

function dedupLine({ counters, dedup }: Snapshot): string {
  if (counters.ids === 0) return 'Dedup: no event ids seen';
  const rate = `${(dedup.estimatedFalsePositiveRate * 100).toFixed(3)}%`;
  return (
    `Dedup: ${number.format(counters.duplicates)} duplicates of ` +
    `${number.format(counters.ids)} ids · estimated false-positive rate ${rate}`
  );
}

/** Event time as `YYYY-MM-DD HH:MM:SS UTC`, or a dash before the first event. */
export function formatTime(ms: number): string {
  if (!Number.isFinite(ms) || ms <= 0) return '—';
  return `${new Date(ms).toISOString().replace('T', ' ').slice(0, 19)} UTC`;
}

/** Cuts or pads `text` to `width` terminal columns. */
function fit(text: string, width: number): string {
  const chars = [...text];
  if (chars.length > width) return `${chars.slice(0, width - 1).join('')}…`;
  return text + ' '.repeat(width - chars.length);
}
