/**
 * The IPC channel table of the desktop app, beside the call channels (which are the API's own
 * names, `API_CALL_NAMES`). The main process listens on exactly these and the call names; the
 * preload sends on nothing else.
 */
export const IPC_CHANNELS = {
  /** Renderer -> main, `(eventName)`: start delivering an API event to this window. */
  subscribe: 'api:subscribe',
  /** Renderer -> main, `(eventName)`: stop delivering it. */
  unsubscribe: 'api:unsubscribe',
  /** Main -> renderer, `(eventName, payload)`: one API event. */
  event: 'api:event',
} as const;
