import { beforeEach, describe, expect, it, vi } from 'vitest';
import { electron, electronModule, FakeBrowserWindow, resetElectron } from './fake-electron.ts';

vi.mock('electron', () => electronModule);

const { devServerCsp, hardenSession, hardenWebContents, isAllowedRequest, isAppUrl, RENDERER_CSP } =
  await import('../../src/main/security.ts');

const APP = 'file:///opt/streamlens/out/renderer/index.html';
const DEV = 'http://localhost:5173/';

beforeEach(() => resetElectron());

describe('isAppUrl', () => {
  it('accepts the renderer file itself, with or without a query or hash', () => {
    expect(isAppUrl(APP, APP)).toBe(true);
    expect(isAppUrl(`${APP}?x=1#/live`, APP)).toBe(true);
  });

  it('refuses another file, even beside the renderer', () => {
    expect(isAppUrl('file:///opt/streamlens/out/renderer/other.html', APP)).toBe(false);
    expect(isAppUrl('file:///etc/passwd', APP)).toBe(false);
  });

  it('refuses remote pages and garbage when the app is a file', () => {
    expect(isAppUrl('https://example.com/', APP)).toBe(false);
    expect(isAppUrl('not a url', APP)).toBe(false);
    expect(isAppUrl('', APP)).toBe(false);
  });

  it('accepts any path of the dev server but no other origin', () => {
    expect(isAppUrl('http://localhost:5173/src/main.ts', DEV)).toBe(true);
    expect(isAppUrl('http://localhost:5174/', DEV)).toBe(false);
    expect(isAppUrl('https://localhost:5173/', DEV)).toBe(false);
    expect(isAppUrl('http://127.0.0.1:5173/', DEV)).toBe(false);
  });
});

describe('isAllowedRequest', () => {
  it('lets the renderer load its own folder and below', () => {
    expect(isAllowedRequest('file:///opt/streamlens/out/renderer/assets/index.js', APP)).toBe(true);
    expect(isAllowedRequest(APP, APP)).toBe(true);
  });

  it('refuses files outside the renderer folder, including by dot segments', () => {
    expect(isAllowedRequest('file:///opt/streamlens/out/main/index.js', APP)).toBe(false);
    expect(isAllowedRequest('file:///opt/streamlens/out/renderer/../main/x.js', APP)).toBe(false);
    expect(isAllowedRequest('file:///opt/streamlens/out/renderer-evil/x.js', APP)).toBe(false);
  });

  it('refuses every remote request', () => {
    expect(isAllowedRequest('https://example.com/x.js', APP)).toBe(false);
    expect(isAllowedRequest('http://127.0.0.1:4780/', APP)).toBe(false);
    expect(isAllowedRequest('wss://example.com/', APP)).toBe(false);
  });

  it('allows inline data, blobs and the dev tools', () => {
    expect(isAllowedRequest('data:image/png;base64,AAAA', APP)).toBe(true);
    expect(isAllowedRequest('blob:file:///abc', APP)).toBe(true);
    expect(isAllowedRequest('devtools://devtools/bundled/index.html', APP)).toBe(true);
  });

  it('allows the dev server and its reload socket, nothing else', () => {
    expect(isAllowedRequest('http://localhost:5173/@vite/client', DEV)).toBe(true);
    expect(isAllowedRequest('ws://localhost:5173/', DEV)).toBe(true);
    expect(isAllowedRequest('ws://localhost:9999/', DEV)).toBe(false);
    expect(isAllowedRequest('https://cdn.example.com/vue.js', DEV)).toBe(false);
  });
});

describe('Content-Security-Policy', () => {
  it('allows only the app itself for the built renderer', () => {
    expect(RENDERER_CSP).toBe(
      "default-src 'none'; script-src 'self'; img-src 'self' data:; font-src 'self'; " +
        "base-uri 'none'; form-action 'none'; frame-ancestors 'none'; object-src 'none'; " +
        "style-src 'self'; connect-src 'self'",
    );
  });

  it('adds only inline styles and the reload socket for the dev server', () => {
    expect(devServerCsp(DEV)).toBe(
      "default-src 'none'; script-src 'self'; img-src 'self' data:; font-src 'self'; " +
        "base-uri 'none'; form-action 'none'; frame-ancestors 'none'; object-src 'none'; " +
        "style-src 'self' 'unsafe-inline'; connect-src 'self' ws://localhost:5173",
    );
  });
});

describe('hardenSession', () => {
  it('denies every permission request and check', () => {
    const session = electron.session.defaultSession;
    hardenSession(session as never, APP);
    for (const permission of ['media', 'geolocation', 'notifications', 'openExternal']) {
      expect(session.requestPermission(permission)).toBe(false);
    }
    expect(session.permissionCheckHandler!()).toBe(false);
  });

  it('cancels remote requests and lets the app files through', () => {
    const session = electron.session.defaultSession;
    hardenSession(session as never, APP);
    expect(session.request('https://example.com/tracker.js')).toBe(false);
    expect(session.request('file:///opt/streamlens/out/renderer/assets/app.css')).toBe(true);
  });

  it('sets no header policy for file pages, whose meta tag carries it', () => {
    const session = electron.session.defaultSession;
    hardenSession(session as never, APP);
    expect(session.headersReceived).toBeUndefined();
  });

  it('adds the dev policy to the dev server responses, keeping their headers', () => {
    const session = electron.session.defaultSession;
    hardenSession(session as never, DEV);
    let headers: Record<string, string[]> | undefined;
    session.headersReceived!(
      { url: DEV, responseHeaders: { 'Content-Type': ['text/html'] } },
      (response) => (headers = response.responseHeaders),
    );
    expect(headers).toEqual({
      'Content-Type': ['text/html'],
      'Content-Security-Policy': [devServerCsp(DEV)],
    });
  });
});

describe('hardenWebContents', () => {
  function hardenedContents() {
    const window = new FakeBrowserWindow({});
    hardenWebContents(window.webContents as never, APP);
    return window.webContents;
  }

  it('blocks navigation and redirects away from the app page', () => {
    const contents = hardenedContents();
    expect(contents.navigate('https://example.com/')).toBe(false);
    expect(contents.navigate('file:///etc/passwd')).toBe(false);
    expect(contents.navigate('https://example.com/', 'will-redirect')).toBe(false);
  });

  it('lets the app page load itself again', () => {
    expect(hardenedContents().navigate(`${APP}#/live`)).toBe(true);
  });

  it('denies every window.open', () => {
    const contents = hardenedContents();
    expect(contents.windowOpenHandler!({ url: APP })).toEqual({ action: 'deny' });
    expect(contents.windowOpenHandler!({ url: 'https://example.com/' })).toEqual({
      action: 'deny',
    });
  });

  it('refuses to attach a webview', () => {
    const contents = hardenedContents();
    let prevented = false;
    contents.emit('will-attach-webview', { preventDefault: () => (prevented = true) });
    expect(prevented).toBe(true);
  });
});
