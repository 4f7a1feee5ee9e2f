import type { Session, WebContents } from 'electron';

/*
 * What the window may load and do. The renderer is our own page (a file in out/renderer, or the
 * electron-vite dev server in development) and talks to the engine only through the preload's
 * API, so everything else is refused: other pages, popups, webviews, remote requests and every
 * permission prompt.
 */

const COMMON_POLICY = [
  "default-src 'none'",
  "script-src 'self'",
  "img-src 'self' data:",
  "font-src 'self'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
  "object-src 'none'",
];

/**
 * The Content-Security-Policy of the built renderer (its `<meta http-equiv>` tag carries it,
 * since file pages have no response headers): scripts, styles and data from the app only.
 */
export const RENDERER_CSP = [...COMMON_POLICY, "style-src 'self'", "connect-src 'self'"].join('; ');

/**
 * The policy sent with the dev server's pages: Vite injects styles inline and reloads through a
 * WebSocket to its own host, nothing more.
 */
export function devServerCsp(devServerUrl: string): string {
  const host = new URL(devServerUrl).host;
  const connect = `connect-src 'self' ws://${host}`;
  return [...COMMON_POLICY, "style-src 'self' 'unsafe-inline'", connect].join('; ');
}

function parseUrl(text: string): URL | undefined {
  try {
    return new URL(text);
  } catch {
    return undefined;
  }
}

/**
 * True when `candidate` is the app's own page: the same file as `appUrl` (query and hash
 * aside), or for a dev server the same origin.
 */
export function isAppUrl(candidate: string, appUrl: string): boolean {
  const target = parseUrl(candidate);
  const app = parseUrl(appUrl);
  if (!target || !app) return false;
  if (app.protocol === 'file:')
    return target.protocol === 'file:' && target.pathname === app.pathname;
  return target.origin === app.origin;
}

const ALWAYS_ALLOWED = new Set(['devtools:', 'data:', 'blob:']);

/**
 * True when the window may request `url`: the renderer's own files (its folder and below) or
 * its dev server (HTTP and the reload WebSocket), plus inline data and the dev tools.
 * Everything remote is refused.
 */
export function isAllowedRequest(url: string, appUrl: string): boolean {
  const target = parseUrl(url);
  const app = parseUrl(appUrl);
  if (!target || !app) return false;
  if (ALWAYS_ALLOWED.has(target.protocol)) return true;
  if (app.protocol === 'file:') {
    const folder = app.pathname.slice(0, app.pathname.lastIndexOf('/') + 1);
    return target.protocol === 'file:' && target.pathname.startsWith(folder);
  }
  if (target.protocol === 'ws:' || target.protocol === 'wss:') return target.host === app.host;
  return target.origin === app.origin;
}

/** Refuses permissions and remote requests for every page of `session`; adds the dev CSP. */
export function hardenSession(session: Session, appUrl: string): void {
  session.setPermissionRequestHandler((_contents, _permission, callback) => callback(false));
  session.setPermissionCheckHandler(() => false);
  session.webRequest.onBeforeRequest((details, callback) => {
    callback({ cancel: !isAllowedRequest(details.url, appUrl) });
  });
  if (parseUrl(appUrl)?.protocol === 'file:') return;

  const policy = devServerCsp(appUrl);
  session.webRequest.onHeadersReceived((details, callback) => {
    const headers = { ...details.responseHeaders, 'Content-Security-Policy': [policy] };
    callback({ responseHeaders: headers });
  });
}

/** Keeps `contents` on the app's page: no navigation elsewhere, no popups, no webviews. */
export function hardenWebContents(contents: WebContents, appUrl: string): void {
  const stayOnApp = (event: { url: string; preventDefault(): void }) => {
    if (!isAppUrl(event.url, appUrl)) event.preventDefault();
  };
  contents.on('will-navigate', stayOnApp);
  contents.on('will-redirect', stayOnApp);
  contents.on('will-attach-webview', (event) => event.preventDefault());
  contents.setWindowOpenHandler(() => ({ action: 'deny' }));
}
