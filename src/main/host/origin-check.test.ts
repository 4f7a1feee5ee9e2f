import { describe, expect, it } from 'vitest';
import { isOwnOrigin } from './origin-check.ts';

const loopback = { port: 4780, loopbackOnly: true };
const everywhere = { port: 4780, loopbackOnly: false };

describe('isOwnOrigin', () => {
  it('accepts a page of this server under each loopback name', () => {
    for (const host of ['127.0.0.1:4780', 'localhost:4780', '[::1]:4780', 'LocalHost:4780']) {
      expect(isOwnOrigin({ origin: `http://${host.toLowerCase()}`, host }, loopback)).toBe(true);
    }
  });

  it('refuses an upgrade without an Origin or without a Host', () => {
    expect(isOwnOrigin({ host: '127.0.0.1:4780' }, loopback)).toBe(false);
    expect(isOwnOrigin({ origin: 'http://127.0.0.1:4780' }, loopback)).toBe(false);
    expect(isOwnOrigin({ origin: '', host: '' }, loopback)).toBe(false);
  });

  it('refuses another site, another port of this machine, and https or null origins', () => {
    const host = '127.0.0.1:4780';
    for (const origin of [
      'http://evil.example',
      'http://127.0.0.1:4781',
      'https://127.0.0.1:4780',
      'null',
      'http://127.0.0.1:4780/',
    ]) {
      expect(isOwnOrigin({ origin, host }, loopback)).toBe(false);
    }
  });

  it('refuses a foreign name that resolves to loopback when listening on loopback', () => {
    const rebound = { origin: 'http://evil.example:4780', host: 'evil.example:4780' };
    expect(isOwnOrigin(rebound, loopback)).toBe(false);
    expect(isOwnOrigin(rebound, everywhere)).toBe(true);
  });

  it('reads a missing port as 80', () => {
    const plain = { origin: 'http://localhost', host: 'localhost' };
    expect(isOwnOrigin(plain, { port: 80, loopbackOnly: true })).toBe(true);
    expect(isOwnOrigin(plain, loopback)).toBe(false);
  });

  it('accepts the address a browser used on a server listening on every interface', () => {
    const lan = { origin: 'http://192.168.1.20:4780', host: '192.168.1.20:4780' };
    expect(isOwnOrigin(lan, everywhere)).toBe(true);
    expect(isOwnOrigin(lan, loopback)).toBe(false);
  });
});
