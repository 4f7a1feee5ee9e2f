import type { SourceState } from '../../shared/plugin.ts';
import type {
  Counters,
  DedupSnapshot,
  HealthSnapshot,
  HealthStatus,
  SourceSnapshot,
} from '../../shared/snapshot.ts';
import {
  formatBytes,
  formatCount,
  formatDuration,
  formatPercent,
  formatProbability,
  formatRate,
} from './format.ts';

/*
 * What the health, counters and sources panels show, as plain data from a snapshot.
 */

/** One figure of a panel: a label, its formatted value, and whether it wants attention. */
export interface Figure {
  id: string;
  label: string;
  value: string;
  /** True when a non-zero value means something went wrong (drops, parse errors). */
  attention: boolean;
}

/** The health badge and the figures around it. */
export interface HealthView {
  status: HealthStatus;
  /** One line on what the status means for the user. */
  meaning: string;
  figures: Figure[];
}

const STATUS_MEANING: Record<HealthStatus, string> = {
  HEALTHY: 'The engine keeps up with its sources.',
  WARNING: 'The queue is filling: the engine is falling behind.',
  CRITICAL: 'The queue is nearly full: sources are being paused.',
};

/** The health status with queue fill, rates and lag, formatted. */
export function healthViewOf(health: HealthSnapshot): HealthView {
  const { queue } = health;
  return {
    status: queue.status,
    meaning: STATUS_MEANING[queue.status],
    figures: [
      // The peak of the last second, so a queue that filled and drained between two snapshots
      // still shows; its current size is the next figure.
      figure('queue', 'Queue peak (1 s)', formatPercent(queue.fill)),
      figure('queue-size', 'Queued', `${formatCount(queue.size)} / ${formatCount(queue.capacity)}`),
      figure('rate-in', 'In', formatRate(health.eventsPerSecond.in)),
      figure('rate-out', 'Out', formatRate(health.eventsPerSecond.out)),
      figure('lag', 'Queue lag', formatDuration(health.lagMs)),
      figure('event-lag', 'Event-time lag', formatDuration(health.eventTimeLagMs)),
      figure('log', 'Log size', formatBytes(health.logBytes)),
      figure('pauses', 'Backpressure pauses', formatCount(health.pauses)),
    ],
  };
}

/** The pipeline's counters and the dedup false-positive rate, in a fixed order. */
export function counterFiguresOf(counters: Counters, dedup: DedupSnapshot): Figure[] {
  return [
    figure('received', 'Received', formatCount(counters.received)),
    figure('logged', 'Logged', formatCount(counters.logged)),
    figure('duplicates', 'Duplicates', formatCount(counters.duplicates)),
    figure('late', 'Late', formatCount(counters.late)),
    figure('expired', 'Expired (too old)', formatCount(counters.expired)),
    figure('future', 'Future (too far ahead)', formatCount(counters.future)),
    figure('parse-errors', 'Parse errors', formatCount(counters.parseErrors), counters.parseErrors),
    figure('replayed', 'Replayed', formatCount(counters.replayed)),
    figure('dropped', 'Dropped', formatCount(counters.dropped), counters.dropped),
    figure(
      'dedup-fpr',
      'Dedup false positives',
      formatProbability(dedup.estimatedFalsePositiveRate),
    ),
  ];
}

function figure(id: string, label: string, value: string, alarming = 0): Figure {
  return { id, label, value, attention: alarming > 0 };
}

/** A source as its row shows it. */
export interface SourceView {
  id: string;
  plugin: string;
  state: SourceState;
  /** Why the state is what it is, when that is not obvious: the error of a failed source. */
  detail: string;
  received: string;
  canStart: boolean;
  canStop: boolean;
}

const STATE_DETAIL: Partial<Record<SourceState, string>> = {
  paused: 'paused by backpressure: the queue is full',
  idle: 'waiting for input',
  starting: 'starting…',
};

const STARTABLE: ReadonlySet<SourceState> = new Set(['stopped', 'failed']);

/**
 * The rows of the sources: state and buttons from `live` (what the sources are doing now),
 * counts from `shown` (the snapshot on screen, held still while the view is paused) when it
 * has the source, so they agree with the counters beside them.
 */
export function sourceViewsOf(
  live: readonly SourceSnapshot[],
  shown: readonly SourceSnapshot[] = live,
): SourceView[] {
  const shownById = new Map(shown.map((source) => [source.id, source]));
  return live.map((source) => sourceViewOf(source, shownById.get(source.id)?.counters));
}

/** The row of a source: its state, why, its count and which buttons apply. */
export function sourceViewOf(
  source: SourceSnapshot,
  counters: SourceSnapshot['counters'] = source.counters,
): SourceView {
  const detail =
    source.state === 'failed' ? (source.error ?? 'failed') : (STATE_DETAIL[source.state] ?? '');
  return {
    id: source.id,
    plugin: source.plugin,
    state: source.state,
    detail,
    received: formatCount(counters.received ?? 0),
    canStart: STARTABLE.has(source.state),
    canStop: !STARTABLE.has(source.state),
  };
}

/**
 * How many window cards share a row when they fit side by side: at most `max`, with rows as
 * even as can be (4 windows: 2 and 2, not 3 and 1).
 *
 * @example windowColumnsOf(4) // 2
 */
export function windowColumnsOf(count: number, max = 3): number {
  if (count <= 1) return 1;
  const rows = Math.ceil(count / max);
  return Math.ceil(count / rows);
}

/** `sources` with `changed` in place of the source of the same id (appended if new). */
export function withSource(
  sources: readonly SourceSnapshot[],
  changed: SourceSnapshot,
): SourceSnapshot[] {
  const index = sources.findIndex((source) => source.id === changed.id);
  if (index === -1) return [...sources, changed];
  return sources.map((source, i) => (i === index ? changed : source));
}
