import type { Analytics, BurstState } from './analytics.ts';
import type { EventLog } from './event-log.ts';
import type { EngineSettings } from './settings.ts';

/** Name of the burst and alert state in the log's `state` table. */
export const BURST_STATE = 'bursts';

/**
 * How far back in event time the engine state reaches, ms: the panes bursts compare (twice
 * the longest window), plus the boundaries since the burst state was last saved (it is saved
 * at most every `checkpointEveryMs`), which replay evaluates again; and the ids dedup
 * remembers (two filter generations).
 */
export function replaySpanMs(settings: EngineSettings): number {
  const longest = Math.max(...settings.windows.map((w) => w.lengthMs));
  const bursts = 2 * longest + settings.log.checkpointEveryMs + settings.paneMs;
  return Math.max(bursts, 2 * settings.dedup.rotationMs) + settings.paneMs;
}

/** What a replay did. */
export interface ReplayResult {
  /** Events applied again. */
  events: number;
  /** Engine clock at the end, or undefined for an empty log. */
  clock: number | undefined;
}

/**
 * Rebuilds the analytics from the log after a restart. Only the commits whose clock reaches
 * into the state span are read. Windows and dedup are rebuilt by applying the events in their
 * logged order, with the clock moving exactly as it did live (each commit records where it
 * started and ended). Burst and alert state, which depends on evaluations further back, is
 * restored from the state last saved, before the events; the boundaries after it are
 * evaluated again on the rebuilt windows, exactly as they were live.
 */
export function replayLog(
  log: EventLog,
  analytics: Analytics,
  settings: EngineSettings,
): ReplayResult {
  const last = log.lastCommit();
  if (!last) return { events: 0, clock: undefined };

  const saved = log.state(BURST_STATE);
  let events = 0;
  analytics.replayingFrom(saved ? (JSON.parse(saved) as BurstState) : undefined, () => {
    for (const commit of log.commitsSince(last.clockEnd - replaySpanMs(settings))) {
      analytics.advanceTo(commit.clockStart);
      for (const row of log.events(commit.firstSeq, commit.lastSeq)) {
        analytics.replay(row.ts, row.key, row.id, row.flags);
        events++;
      }
      analytics.advanceTo(commit.clockEnd);
    }
  });

  analytics.takeBoundaryCount();
  analytics.takeFiredAlerts();
  return { events, clock: last.clockEnd };
}
