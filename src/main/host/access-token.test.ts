import { describe, expect, it } from 'vitest';
import { createAccessToken, isToken, isUnderToken } from './access-token.ts';

const token = 'a'.repeat(64);

describe('createAccessToken', () => {
  it('makes 64 hex characters, different each time', () => {
    const [first, second] = [createAccessToken(), createAccessToken()];
    expect(first).toMatch(/^[0-9a-f]{64}$/);
    expect(second).not.toBe(first);
  });
});

describe('isToken', () => {
  it('accepts the token only, of the same length and not of another type', () => {
    expect(isToken(token, token)).toBe(true);
    expect(isToken(`${token}a`, token)).toBe(false);
    expect(isToken('b'.repeat(64), token)).toBe(false);
    expect(isToken(undefined, token)).toBe(false);
  });
});

describe('isUnderToken', () => {
  it('accepts the token folder, what is under it, and a query', () => {
    for (const target of [`/${token}`, `/${token}/`, `/${token}/api`, `/${token}/a/b.js?x=/1`]) {
      expect(isUnderToken(target, token)).toBe(true);
    }
  });

  it('refuses the root, other folders, a longer first segment and an encoded token', () => {
    for (const target of [
      '/',
      '',
      `/?token=${token}`,
      `/x/${token}/`,
      `/${token}x/`,
      `//${token}/`,
      `/${token.slice(1)}%61/`,
      `${token}/`,
    ]) {
      expect(isUnderToken(target, token)).toBe(false);
    }
  });
});
