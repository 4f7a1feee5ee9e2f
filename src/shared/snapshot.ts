import type { SourceState } from './plugin.ts';

export type HealthStatus = 'HEALTHY' | 'WARNING' | 'CRITICAL';
export type Severity = 'MEDIUM' | 'HIGH';

/** One key's count in a window. `error` is the most the count may overstate (0 when exact). */
export interface TopEntry {
  key: string;
  count: number;
  exact: boolean;
  error: number;
}

export interface WindowSnapshot {
  /** The window's name as configured, e.g. `15s`. */
  label: string;
  lengthMs: number;
  /** Events in the window (always exact: totals are kept per pane). */
  total: number;
  /** Distinct keys tracked in the window (a lower bound once panes overflow). */
  distinct: number;
  /** True when every count in this window is exact. */
  exact: boolean;
  /** The most any count of this window may overstate; 0 when exact. */
  errorBound: number;
  top: TopEntry[];
}

export interface BurstSnapshot {
  window: string;
  key: string;
  previous: number;
  current: number;
  growth: number;
  /** The pane boundary (event time, epoch ms) at which the burst was evaluated. */
  at: number;
}

export interface AlertSnapshot {
  key: string;
  severity: Severity;
  score: number;
  windows: string[];
  at: number;
}

export interface QueueHealth {
  size: number;
  capacity: number;
  /** The peak size over the last second / capacity, between 0 and 1. */
  fill: number;
  status: HealthStatus;
}

export interface HealthSnapshot {
  queue: QueueHealth;
  /** Events per second over the last second, into the queue and out of it. */
  eventsPerSecond: { in: number; out: number };
  /** How long the oldest queued event has waited, ms. */
  lagMs: number;
  /** Wall clock minus engine clock, ms: how far event time trails now. */
  eventTimeLagMs: number;
  /** Bytes of the log database and its WAL. */
  logBytes: number;
  /** Times sources were paused by a full queue since this start. */
  pauses: number;
}

export interface Counters {
  received: number;
  logged: number;
  duplicates: number;
  late: number;
  parseErrors: number;
  /** Events replayed from the log at this start. */
  replayed: number;
  dropped: number;
  /** Events whose time was too far ahead of the wall clock to count in windows. */
  future: number;
  /** Late events too old for every retained pane: logged, counted in no window. */
  expired: number;
  /** Events that carried an id, which dedup checked. */
  ids: number;
}

/** Dedup of event ids by a rotating pair of Bloom filters. */
export interface DedupSnapshot {
  /** Ids checked since this start. */
  checked: number;
  /** The false-positive rate the filters have now (0..1): the chance a new id reads as seen. */
  estimatedFalsePositiveRate: number;
  rotations: number;
  /** Rotations forced because ids came faster than the filters were sized for. */
  earlyRotations: number;
  memoryBytes: number;
}

export interface SourceSnapshot {
  id: string;
  plugin: string;
  state: SourceState;
  error?: string;
  /** Per-source counts: received, parseErrors, dropped and the plugin's own notices. */
  counters: Record<string, number>;
}

/** What the engine publishes, at most a few times a second. */
export interface Snapshot {
  /** Engine clock: event time, epoch ms. */
  clock: number;
  /** Wall clock when the snapshot was taken, epoch ms. */
  takenAt: number;
  windows: WindowSnapshot[];
  bursts: BurstSnapshot[];
  alerts: AlertSnapshot[];
  health: HealthSnapshot;
  counters: Counters;
  dedup: DedupSnapshot;
  sources: SourceSnapshot[];
}
