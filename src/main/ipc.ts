import type { BrowserWindow, IpcMain, IpcMainEvent, IpcMainInvokeEvent } from 'electron';
import {
  API_CALL_NAMES,
  isApiEventName,
  type ApiCallName,
  type ApiErrorCode,
  type ApiEventName,
  type ApiResult,
  type ApiTransport,
} from '../shared/api.ts';
import { IPC_CHANNELS } from '../preload/channels.ts';
import type { Logger } from './engine/logger.ts';
import { checkCall } from './host/call-check.ts';
import { isAppUrl } from './security.ts';

/** What the bridge needs from the main process. */
export interface ApiBridgeOptions {
  ipcMain: IpcMain;
  /** The renderer's URL: only frames showing it may call. */
  appUrl: string;
  /** The engine's side of the API. */
  transport: ApiTransport;
  logger: Logger;
}

type SenderEvent = Pick<IpcMainInvokeEvent | IpcMainEvent, 'sender' | 'senderFrame'>;

/**
 * True when an IPC message comes from our window's own page: the window's webContents, from a
 * frame showing the app's URL. Anything else (another window, a page that navigated away, a
 * destroyed frame) is a foreign sender.
 */
export function isTrustedSender(
  event: SenderEvent,
  window: BrowserWindow | undefined,
  appUrl: string,
): boolean {
  if (!window || window.isDestroyed() || event.sender !== window.webContents) return false;
  const frameUrl = event.senderFrame?.url;
  return frameUrl !== undefined && isAppUrl(frameUrl, appUrl);
}

function failure(code: ApiErrorCode, message: string): ApiResult<never> {
  return { ok: false, error: { name: 'ApiError', code, message } };
}

/**
 * Binds the API to Electron IPC: one `ipcMain.handle` per call name, and the subscribe and
 * unsubscribe channels of `IPC_CHANNELS`; nothing else is listened to. Calls and subscriptions
 * are accepted only from the attached window's own page and forwarded to the engine's transport;
 * events go to the window on `IPC_CHANNELS.event`.
 */
export class ApiBridge {
  private window: BrowserWindow | undefined;
  /** Event name -> unsubscribe from the transport, for the attached window. */
  private readonly subscriptions = new Map<ApiEventName, () => void>();
  private readonly onSubscribe = (event: IpcMainEvent, name: unknown) =>
    this.subscribe(event, name);
  private readonly onUnsubscribe = (event: IpcMainEvent, name: unknown) =>
    this.unsubscribe(event, name);

  constructor(private readonly options: ApiBridgeOptions) {
    for (const name of API_CALL_NAMES) {
      options.ipcMain.handle(name, (event, ...args: unknown[]) => this.call(event, name, args));
    }
    options.ipcMain.on(IPC_CHANNELS.subscribe, this.onSubscribe);
    options.ipcMain.on(IPC_CHANNELS.unsubscribe, this.onUnsubscribe);
  }

  /** Makes `window` the one trusted sender; its subscriptions end when it closes or reloads. */
  attach(window: BrowserWindow): void {
    this.window = window;
    const endSubscriptions = () => this.unsubscribeAll();
    window.webContents.on('did-navigate', endSubscriptions);
    window.webContents.on('render-process-gone', endSubscriptions);
    window.once('closed', () => {
      endSubscriptions();
      if (this.window === window) this.window = undefined;
    });
  }

  /** Removes every handler and subscription. */
  dispose(): void {
    this.unsubscribeAll();
    for (const name of API_CALL_NAMES) this.options.ipcMain.removeHandler(name);
    this.options.ipcMain.removeListener(IPC_CHANNELS.subscribe, this.onSubscribe);
    this.options.ipcMain.removeListener(IPC_CHANNELS.unsubscribe, this.onUnsubscribe);
  }

  private async call(
    event: IpcMainInvokeEvent,
    name: ApiCallName,
    args: unknown[],
  ): Promise<ApiResult<unknown>> {
    if (!isTrustedSender(event, this.window, this.options.appUrl)) {
      this.refuse(event, name);
      return failure('unauthorized', `${name} was refused: it did not come from the app window`);
    }
    // The worker checks too; checking here keeps malformed input off the worker's port.
    const checked = checkCall(name, args);
    if (!checked.ok) return checked;
    try {
      return await this.options.transport.call(name, checked.args);
    } catch (error) {
      return failure('unavailable', `${name}: ${error instanceof Error ? error.message : error}`);
    }
  }

  private subscribe(event: IpcMainEvent, name: unknown): void {
    if (!isTrustedSender(event, this.window, this.options.appUrl) || !isApiEventName(name)) {
      this.refuse(event, `${IPC_CHANNELS.subscribe} ${String(name)}`);
      return;
    }
    if (!this.subscriptions.has(name)) this.subscribeTransport(name);
  }

  private unsubscribe(event: IpcMainEvent, name: unknown): void {
    if (!isTrustedSender(event, this.window, this.options.appUrl) || !isApiEventName(name)) {
      this.refuse(event, `${IPC_CHANNELS.unsubscribe} ${String(name)}`);
      return;
    }
    this.subscriptions.get(name)?.();
    this.subscriptions.delete(name);
  }

  private subscribeTransport(name: ApiEventName): void {
    const stop = this.options.transport.subscribe(name, (payload) => {
      const contents = this.window?.webContents;
      if (contents && !contents.isDestroyed()) contents.send(IPC_CHANNELS.event, name, payload);
    });
    this.subscriptions.set(name, stop);
  }

  private unsubscribeAll(): void {
    for (const stop of this.subscriptions.values()) stop();
    this.subscriptions.clear();
  }

  private refuse(event: SenderEvent, what: string): void {
    const from = event.senderFrame?.url ?? 'a destroyed frame';
    this.options.logger.warn({ what, from }, 'refused an IPC message from outside the app window');
  }
}
