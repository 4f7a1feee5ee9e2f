import { describe, expect, it } from 'vitest';
import { browsableHost, httpOrigin, isLoopbackHost, isWildcardHost } from './listen-address.ts';

describe('isLoopbackHost', () => {
  it('knows the loopback names and the whole 127/8 range', () => {
    for (const host of ['127.0.0.1', '127.1.2.3', 'localhost', 'LOCALHOST', '::1', '[::1]']) {
      expect(isLoopbackHost(host)).toBe(true);
    }
    expect(isLoopbackHost('::ffff:127.0.0.1')).toBe(true);
  });

  it('counts wildcards, other addresses and names as reachable from elsewhere', () => {
    for (const host of ['0.0.0.0', '::', '192.168.1.2', '10.0.0.1', 'example.com', '127.0.0']) {
      expect(isLoopbackHost(host)).toBe(false);
    }
  });
});

describe('isWildcardHost', () => {
  it('is true for the all-interfaces addresses only', () => {
    expect(['0.0.0.0', '::', '[::]', '127.0.0.1', '::1'].map(isWildcardHost)).toEqual([
      true,
      true,
      true,
      false,
      false,
    ]);
  });
});

describe('browsableHost and httpOrigin', () => {
  it('put the loopback address of the same family in place of a wildcard', () => {
    expect(httpOrigin(browsableHost('0.0.0.0'), 4780)).toBe('http://127.0.0.1:4780');
    expect(httpOrigin(browsableHost('::'), 4780)).toBe('http://[::1]:4780');
  });

  it('keep any other host as given, in brackets when IPv6', () => {
    expect(httpOrigin(browsableHost('192.168.1.2'), 80)).toBe('http://192.168.1.2:80');
    expect(httpOrigin(browsableHost('[fe80::1]'), 81)).toBe('http://[fe80::1]:81');
    expect(httpOrigin(browsableHost('localhost'), 82)).toBe('http://localhost:82');
  });
});
