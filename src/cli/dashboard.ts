import type { Snapshot, WindowSnapshot } from '../shared/snapshot.ts';

const number = new Intl.NumberFormat('en-US');
const decimal = new Intl.NumberFormat('en-US', {
  maximumFractionDigits: 1,
  minimumFractionDigits: 1,
});

/** Keys shown per window in the text dashboard. */
const SHOWN_PER_WINDOW = 5;
const KEY_WIDTH = 28;

/**
 * Renders a snapshot as the text dashboard `streamlens run` prints once a second: top keys per
 * window, bursts, alerts, queue and throughput, sources and counters.
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
    `clock ${formatTime(clock)}`,
    `in ${number.format(eventsPerSecond.in)} ev/s`,
    `out ${number.format(eventsPerSecond.out)} ev/s`,
    `queue ${number.format(queue.size)}/${number.format(queue.capacity)} ` +
      `(${decimal.format(queue.fill * 100)}%) ${queue.status}`,
    `lag ${number.format(health.lagMs)} ms`,
  ].join(' · ');
}

function windowLines(window: WindowSnapshot): string[] {
  const accuracy = window.exact ? 'exact' : `counts may overstate by up to ${window.errorBound}`;
  const title = `${window.label} window: ${number.format(window.total)} events, ${accuracy}`;
  const rows = window.top.slice(0, SHOWN_PER_WINDOW).map((entry, i) => {
    const key = truncate(entry.key, KEY_WIDTH).padEnd(KEY_WIDTH);
    const count = number.format(entry.count).padStart(10);
    return `  ${String(i + 1).padStart(2)}. ${key} ${count}${entry.exact ? '' : ` ±${entry.error}`}`;
  });
  return [title, ...(rows.length ? rows : ['   (no events in this window)']), ''];
}

function burstLines({ bursts }: Snapshot): string[] {
  if (bursts.length === 0) return ['Bursts: none', ''];
  const rows = bursts
    .slice(0, 5)
    .map(
      (b) =>
        `  [${b.window}] ${b.key} ${number.format(b.previous)} → ${number.format(b.current)} ` +
        `(${decimal.format(b.growth)}x) at ${formatTime(b.at)}`,
    );
  return ['Bursts:', ...rows, ''];
}

function alertLines({ alerts }: Snapshot): string[] {
  if (alerts.length === 0) return ['Alerts: none', ''];
  const rows = alerts
    .slice(0, 5)
    .map((a) => `  ${a.severity} ${a.key} (${a.windows.join(', ')}) at ${formatTime(a.at)}`);
  return ['Alerts:', ...rows, ''];
}

function sourcesLine({ sources }: Snapshot): string {
  const parts = sources.map(
    (s) => `${s.id} (${s.plugin}) ${s.state}${s.error ? `: ${s.error}` : ''}`,
  );
  return `Sources: ${parts.join(' · ') || 'none'}`;
}

function countersLine({ counters }: Snapshot): string {
  const entries: [string, number][] = [
    ['received', counters.received],
    ['logged', counters.logged],
    ['duplicates', counters.duplicates],
    ['late', counters.late],
    ['parse errors', counters.parseErrors],
    ['replayed', counters.replayed],
    ['dropped', counters.dropped],
  ];
  return `Counters: ${entries.map(([name, value]) => `${name} ${number.format(value)}`).join(' · ')}`;
}

function dedupLine({ counters, dedup }: Snapshot): string {
  if (dedup.checked === 0) return 'Dedup: no event ids seen';
  const rate = `${(dedup.estimatedFalsePositiveRate * 100).toFixed(3)}%`;
  return (
    `Dedup: ${number.format(counters.duplicates)} duplicates of ` +
    `${number.format(dedup.checked)} ids · estimated false-positive rate ${rate}`
  );
}

/** Event time as `YYYY-MM-DD HH:MM:SS` in UTC, or a dash before the first event. */
export function formatTime(ms: number): string {
  if (!Number.isFinite(ms)) return '—';
  return `${new Date(ms).toISOString().replace('T', ' ').slice(0, 19)} UTC`;
}

function truncate(text: string, width: number): string {
  return text.length <= width ? text : `${text.slice(0, width - 1)}…`;
}
