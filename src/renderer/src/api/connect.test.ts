import { createServer, type Server } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkAddress, healthUrlOf, socketUrlOf } from './connect.ts';

const TOKEN = 'ab12'.repeat(16);

describe('socketUrlOf', () => {
  it('points at api beside the page, under its token folder', () => {
    const url = socketUrlOf({ protocol: 'http:', host: '127.0.0.1:4173', pathname: `/${TOKEN}/` });
    expect(url).toBe(`ws://127.0.0.1:4173/${TOKEN}/api`);
  });

  it('uses wss behind https and ignores the file name of the page', () => {
    const location = { protocol: 'https:', host: 'box:8443', pathname: `/${TOKEN}/index.html` };
    expect(socketUrlOf(location)).toBe(`wss://box:8443/${TOKEN}/api`);
  });

  it('falls back to the root when the page has no folder', () => {
    expect(socketUrlOf({ protocol: 'http:', host: 'localhost:80', pathname: '' })).toBe(
      'ws://localhost:80/api',
    );
  });
});

describe('healthUrlOf', () => {
  it('points at health beside the page', () => {
    const location = { protocol: 'http:', host: '[::1]:4780', pathname: `/${TOKEN}/` };
    expect(healthUrlOf(location)).toBe(`http://[::1]:4780/${TOKEN}/health`);
  });
});

describe('checkAddress', () => {
  let server: Server;
  let origin = '';
  const seen: { url?: string; cache?: string }[] = [];

  beforeAll(async () => {
    server = createServer((request, response) => {
      seen.push({ url: request.url, cache: request.headers['cache-control'] });
      const status = Number(request.url?.split('/')[1]);
      response.writeHead(status, status === 301 ? { location: '/204/' } : {}).end();
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    origin = `http://127.0.0.1:${(server.address() as { port: number }).port}`;
  });
  afterAll(() => new Promise((resolve) => server.close(resolve)));

  it('calls a 204 valid and a 401 revoked', async () => {
    expect(await checkAddress(`${origin}/204/health`)).toBe('valid');
    expect(await checkAddress(`${origin}/401/health`)).toBe('revoked');
  });

  it('cannot tell from a server error, a redirect or a server that is down', async () => {
    expect(await checkAddress(`${origin}/500/health`)).toBe('unknown');
    expect(await checkAddress(`${origin}/301/health`)).toBe('unknown');
    expect(await checkAddress('http://127.0.0.1:9/health')).toBe('unknown');
  });

  it('asks past any cache, and follows no redirect', async () => {
    seen.length = 0;
    await checkAddress(`${origin}/301/health`);
    expect(seen).toEqual([{ url: '/301/health', cache: 'no-cache' }]);
  });
});
