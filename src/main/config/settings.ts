import type { StreamlensConfig } from '../../shared/config/schema.ts';
import type { EngineSettings } from '../engine/settings.ts';

/** Most events in one commit: big enough to amortise a transaction, small enough to stay snappy. */
const MAX_COMMIT_EVENTS = 10_000;

/** What the engine runs from what the user wrote. */
export function settingsFromConfig(config: StreamlensConfig): EngineSettings {
  const windows = config.windows.map(({ label, lengthMs, growth, weight }) => ({
    label,
    lengthMs,
    growth,
    weight,
  }));
  const longestMs = Math.max(...windows.map((w) => w.lengthMs));
  return {
    windows,
    paneMs: config.paneMs,
    paneCapacity: config.paneCapacity,
    topK: config.topK,
    latenessMs: config.latenessMs,
    // A stream within the longest window of the wall clock is live: its windows drain when
    // it goes quiet. An event further ahead than that is not believed.
    liveWithinMs: longestMs,
    maxFutureMs: longestMs,
    queue: { ...config.queue },
    dedup: { ...config.dedup },
    bursts: {
      windows,
      minPrevious: config.bursts.minPrevious,
      confirmations: config.bursts.confirmations,
      cooldownMs: config.bursts.cooldownMs,
      ttlMs: config.alerts.ttlMs,
      mediumScore: config.alerts.medium,
      highScore: config.alerts.high,
    },
    snapshotsPerSecond: config.snapshots.perSecond,
    log: {
      commitEveryMs: config.log.commitEveryMs,
      maxCommitEvents: MAX_COMMIT_EVENTS,
      checkpointEveryMs: config.log.checkpointEveryMs,
      journalSizeLimit: config.log.journalSizeLimitBytes,
      busyTimeoutMs: config.log.busyTimeoutMs,
    },
  };
}
