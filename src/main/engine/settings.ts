/** One window as the engine runs it. */
export interface WindowSetting {
  /** As the user wrote it, e.g. `15s`. */
  label: string;
  lengthMs: number;
  /** current / previous at or above which a key bursts in this window. */
  growth: number;
  /** This window's part in an alert's severity score. */
  weight: number;
}

/** Everything the engine needs to run, in engine units (ms, events, bytes). */
export interface EngineSettings {
  windows: WindowSetting[];
  paneMs: number;
  /** Keys counted exactly per pane before counts become estimates. */
  paneCapacity: number;
  topK: number;
  /** Events older than this behind the engine clock are late, ms. */
  latenessMs: number;
  /** A stream is live while its newest event is this close to the wall clock, ms. */
  liveWithinMs: number;
  /** Events further than this ahead of the wall clock are kept out of the windows, ms. */
  maxFutureMs: number;
  queue: { capacity: number; resumeAt: number };
  dedup: {
    falsePositiveRate: number;
    /** Ids per second the filters are sized for. */
    expectedRate: number;
    rotationMs: number;
    /** `flag`: duplicates are logged and marked; `skip`: they are not logged. */
    duplicates: 'flag' | 'skip';
  };
  bursts: {
    windows: { label: string; lengthMs: number; growth: number; weight: number }[];
    minPrevious: number;
    confirmations: number;
    cooldownMs: number;
    ttlMs: number;
    mediumScore: number;
    highScore: number;
  };
  /** Snapshots published per second at most. */
  snapshotsPerSecond: number;
  log: {
    /** Longest wait before queued events are committed, ms (group commit). */
    commitEveryMs: number;
    /** Most events in one commit. */
    maxCommitEvents: number;
    /** How often the WAL is checkpointed, ms. */
    checkpointEveryMs: number;
    journalSizeLimit: number;
    busyTimeoutMs: number;
  };
}
