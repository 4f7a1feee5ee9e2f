import type { HealthStatus, QueueHealth } from '../../shared/snapshot.ts';

/** Below this fill (0 to 1) the queue is HEALTHY. */
export const WARNING_FILL = 0.4;
/** At or above this fill (0 to 1) the queue is CRITICAL: sources are about to be paused. */
export const CRITICAL_FILL = 0.8;

/** The queue's status for a fill between 0 and 1: HEALTHY below 0.4, WARNING below 0.8. */
export function queueStatus(fill: number): HealthStatus {
  if (fill < WARNING_FILL) return 'HEALTHY';
  if (fill < CRITICAL_FILL) return 'WARNING';
  return 'CRITICAL';
}

/**
 * The queue part of a health snapshot from its size and capacity, both in events, and the
 * peak size over the last second (default: the size), which decides `fill` and the status.
 * Under backpressure the size may pass capacity by a batch per source; `fill` then stays at 1.
 */
export function queueHealth(size: number, capacity: number, peakSize = size): QueueHealth {
  const fill = capacity > 0 ? Math.min(1, Math.max(0, peakSize / capacity)) : 1;
  return { size, capacity, fill, status: queueStatus(fill) };
}
