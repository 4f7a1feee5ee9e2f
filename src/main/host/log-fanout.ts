import type { LogLine } from '../../shared/api.ts';
import type { Logger } from '../engine/logger.ts';

/** Log lines delivered to subscribers per second; the rest are counted, then reported. */
export const DEFAULT_LOG_LINES_PER_SECOND = 20;

type LoggedLevel = Exclude<LogLine['level'], 'debug'>;

/**
 * Fans log lines out to the screens that subscribed, at most `linesPerSecond` per second of
 * the injected time (fixed one-second windows), so a warning in a hot path cannot flood a
 * socket. Lines over the budget are counted and reported by one line when the next window
 * opens.
 */
export class LogFanout {
  private readonly listeners = new Set<(line: LogLine) => void>();
  private windowStart = Number.NEGATIVE_INFINITY;
  private sentInWindow = 0;
  private skipped = 0;

  constructor(private readonly linesPerSecond = DEFAULT_LOG_LINES_PER_SECOND) {}

  /** Calls `listener` with each delivered line; returns the unsubscribe function. */
  subscribe(listener: (line: LogLine) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Offers a line logged at `now` (epoch ms); its fields are copied only when delivered. */
  offer(level: LoggedLevel, message: string, fields: object, now: number): void {
    if (this.listeners.size === 0) return;
    if (now - this.windowStart >= 1000) this.openWindow(now);
    if (this.sentInWindow >= this.linesPerSecond) {
      this.skipped++;
      return;
    }
    this.deliver({ time: now, level, message, fields: plainFields(fields) });
  }

  private openWindow(now: number): void {
    this.windowStart = now;
    this.sentInWindow = 0;
    if (this.skipped === 0) return;
    const skipped = this.skipped;
    this.skipped = 0;
    const message = `skipped ${skipped} log lines (more than ${this.linesPerSecond} a second)`;
    this.deliver({ time: now, level: 'warn', message, fields: { skipped } });
  }

  private deliver(line: LogLine): void {
    this.sentInWindow++;
    for (const listen of this.listeners) listen(line);
  }
}

/**
 * A logger that writes everything to `base` and also offers lines of level info and above to
 * `fanout`, stamped by `now` (epoch ms).
 */
export function fanOutLogger(base: Logger, fanout: LogFanout, now: () => number): Logger {
  const forward = (level: LoggedLevel) => (fields: object, message: string) => {
    base[level](fields, message);
    fanout.offer(level, message, fields, now());
  };
  return {
    debug: (fields, message) => base.debug(fields, message),
    info: forward('info'),
    warn: forward('warn'),
    error: forward('error'),
  };
}

/** Fields as plain JSON data, so they survive a structured clone and a WebSocket. */
function plainFields(fields: object): Record<string, unknown> {
  try {
    const copy: unknown = JSON.parse(JSON.stringify(fields));
    return copy !== null && typeof copy === 'object' && !Array.isArray(copy)
      ? (copy as Record<string, unknown>)
      : {};
  } catch {
    return { unserializable: true };
  }
}
