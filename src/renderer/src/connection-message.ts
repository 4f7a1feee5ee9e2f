import type { ConnectionStatus } from './api/socket-channel.ts';
import { secondsUntil } from './format.ts';

/** What the banner says about the link to the engine. */
export interface ConnectionMessage {
  title: string;
  /** A second line on what to do; empty when there is nothing to add. */
  hint: string;
  /** True when a retry is pending, which the Retry now button can skip. */
  canRetry: boolean;
}

/**
 * What is wrong with the link to the engine and what happens next, or null while it is fine
 * (`now` and `retryAt` are epoch ms, for the countdown).
 */
export function connectionMessageOf(
  status: ConnectionStatus,
  now: number,
): ConnectionMessage | null {
  if (status.state === 'revoked') {
    return {
      title:
        'This address is no longer valid — open the new address that streamlens serve printed.',
      hint: 'Showing the last snapshot received. Each start of streamlens serve prints a new address.',
      canRetry: false,
    };
  }
  if (status.state === 'connecting' && status.attempt > 0) {
    return { title: 'Reconnecting to the engine…', hint: '', canRetry: false };
  }
  if (status.state !== 'retrying') return null;
  const seconds = secondsUntil(status.retryAt, now);
  const when = seconds > 0 ? `retrying in ${seconds} s` : 'retrying now';
  if (status.everConnected) {
    return {
      title: `Lost connection to the engine — ${when}`,
      hint: 'Showing the last snapshot received.',
      canRetry: true,
    };
  }
  return {
    title: `Cannot reach the engine — ${when}`,
    hint: 'Is streamlens serve running? Open the exact address it printed: it carries the access token.',
    canRetry: true,
  };
}
