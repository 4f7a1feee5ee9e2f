import type { StreamlensApi } from '../shared/api.ts';

/*
 * What the preload puts on `window` in the desktop app. In the browser (`streamlens serve`) it
 * is absent and the renderer builds the same API over a WebSocket. A failed call rejects with
 * `ApiErrorData` (plain data: the contextBridge would strip an Error's `code`), so read
 * `error.code` and `error.message` rather than testing `instanceof ApiError`.
 */
declare global {
  interface Window {
    streamlens?: StreamlensApi;
  }
}

export {};
