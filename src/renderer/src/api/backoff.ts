/** How long to wait before reconnecting: doubling from `firstMs`, never above `maxMs` (ms). */
export interface BackoffOptions {
  firstMs: number;
  maxMs: number;
}

/** The engine runs on this machine, so a short first wait finds it again quickly after a restart. */
export const DEFAULT_BACKOFF: BackoffOptions = { firstMs: 1000, maxMs: 10_000 };

/**
 * The wait (ms) before reconnect attempt `attempt` (1 for the first retry after a close):
 * 1 s, 2 s, 4 s, 8 s, then 10 s with the defaults.
 */
export function backoffDelay(attempt: number, options: BackoffOptions = DEFAULT_BACKOFF): number {
  const exponent = Math.max(0, Math.min(attempt - 1, 30));
  return Math.min(options.maxMs, options.firstMs * 2 ** exponent);
}
