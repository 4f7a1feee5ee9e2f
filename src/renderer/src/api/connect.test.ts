import { describe, expect, it } from 'vitest';
import { socketUrlOf } from './connect.ts';

describe('socketUrlOf', () => {
  it('points at /api on the host that served the page, with its token', () => {
    const url = socketUrlOf({ protocol: 'http:', host: '127.0.0.1:4173', search: '?token=abc' });
    expect(url).toBe('ws://127.0.0.1:4173/api?token=abc');
  });

  it('uses wss behind https and escapes the token', () => {
    const url = socketUrlOf({ protocol: 'https:', host: 'box:8443', search: '?x=1&token=a+b/c' });
    expect(url).toBe('wss://box:8443/api?token=a%20b%2Fc');
  });

  it('relies on the cookie alone when the page address has no token', () => {
    expect(socketUrlOf({ protocol: 'http:', host: 'localhost:80', search: '' })).toBe(
      'ws://localhost:80/api',
    );
  });
});
