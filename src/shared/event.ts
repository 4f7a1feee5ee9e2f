/**
 * What a source hands to the engine: a keyed occurrence, with its event time when the input
 * carries one. The engine assigns `seq` when it logs the event and fills `ts` with the ingest
 * time (epoch ms) when the source could not read one.
 */
export interface SourceEvent {
  /** Event time, epoch milliseconds; omitted when the input has none. */
  ts?: number;
  /** What is counted in windows and top-K. */
  key: string;
  /** What dedup compares; dedup is off for events without one. */
  id?: string;
  /** The raw input (a log line, a message), kept in the log for inspection. */
  payload?: string;
}

/** An event as the engine and its log know it. */
export interface StreamEvent {
  /** Position in the log, assigned on append, strictly increasing from 1. */
  seq: number;
  /** Event time, epoch milliseconds. */
  ts: number;
  /** The id of the source that produced it. */
  source: string;
  key: string;
  id?: string;
  payload?: string;
}
