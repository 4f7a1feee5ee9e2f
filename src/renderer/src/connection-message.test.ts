import { describe, expect, it } from 'vitest';
import { connectionMessageOf } from './connection-message.ts';

const retrying = { state: 'retrying', attempt: 2, retryAt: 5_000, reason: 'closed' } as const;

describe('connectionMessageOf', () => {
  it('says nothing while the link is open or making its first attempt', () => {
    expect(connectionMessageOf({ state: 'open' }, 0)).toBeNull();
    expect(connectionMessageOf({ state: 'connecting', attempt: 0 }, 0)).toBeNull();
  });

  it('tells a revoked address to open the new one, with no retry', () => {
    expect(connectionMessageOf({ state: 'revoked' }, 0)).toEqual({
      title:
        'This address is no longer valid — open the new address that streamlens serve printed.',
      hint: 'Showing the last snapshot received. Each start of streamlens serve prints a new address.',
      canRetry: false,
    });
  });

  it('counts down to the next attempt after a lost connection, in whole seconds', () => {
    const lost = { ...retrying, everConnected: true };
    expect(connectionMessageOf(lost, 2_001)).toEqual({
      title: 'Lost connection to the engine — retrying in 3 s',
      hint: 'Showing the last snapshot received.',
      canRetry: true,
    });
    expect(connectionMessageOf(lost, 5_000)?.title).toBe(
      'Lost connection to the engine — retrying now',
    );
  });

  it('points at the printed address when the engine was never reached', () => {
    expect(connectionMessageOf({ ...retrying, everConnected: false }, 4_500)).toEqual({
      title: 'Cannot reach the engine — retrying in 1 s',
      hint: 'Is streamlens serve running? Open the exact address it printed: it carries the access token.',
      canRetry: true,
    });
  });

  it('says it is reconnecting during a later attempt', () => {
    expect(connectionMessageOf({ state: 'connecting', attempt: 3 }, 0)).toEqual({
      title: 'Reconnecting to the engine…',
      hint: '',
      canRetry: false,
    });
  });
});
