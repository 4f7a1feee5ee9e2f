import { EventEmitter } from 'node:events';

/*
 * A stand-in for the `electron` module, for tests on machines where the Electron binary cannot
 * run. It records what the app gives it (window options, handlers, menus, exposed objects) and
 * lets a test play the renderer's part. Behaviour mirrors Electron's where the app relies on it:
 * a second `ipcMain.handle` on a channel throws, `app.quit()` emits a cancelable `before-quit`,
 * and creating a window announces its webContents with `web-contents-created`.
 */

/** An event object as Electron passes to `will-navigate` and friends. */
export class FakeEvent {
  defaultPrevented = false;
  constructor(readonly url = '') {}
  preventDefault(): void {
    this.defaultPrevented = true;
  }
}

export class FakeWebContents extends EventEmitter {
  private static nextId = 1;
  readonly id = FakeWebContents.nextId++;
  /** Every `send(channel, ...args)`, in order. */
  readonly sent: unknown[][] = [];
  destroyed = false;
  windowOpenHandler: ((details: { url: string }) => { action: string }) | undefined;
  /** The page's `ipcRenderer`, when a test plays the renderer: `send` reaches it. */
  renderer: EventEmitter | undefined;

  send(channel: string, ...args: unknown[]): void {
    if (this.destroyed) throw new Error('Object has been destroyed');
    this.sent.push([channel, ...args]);
    this.renderer?.emit(channel, { sender: this.renderer }, ...structuredClone(args));
  }
  isDestroyed(): boolean {
    return this.destroyed;
  }
  setWindowOpenHandler(handler: (details: { url: string }) => { action: string }): void {
    this.windowOpenHandler = handler;
  }
  /** Plays a navigation attempt; true when the app let it happen. */
  navigate(url: string, kind: 'will-navigate' | 'will-redirect' = 'will-navigate'): boolean {
    const event = new FakeEvent(url);
    this.emit(kind, event, url);
    return !event.defaultPrevented;
  }
}

export class FakeBrowserWindow extends EventEmitter {
  static instances: FakeBrowserWindow[] = [];
  readonly webContents = new FakeWebContents();
  loadedUrl: string | undefined;
  visible = false;
  destroyed = false;
  minimized = false;
  focused = false;

  constructor(readonly options: Record<string, unknown>) {
    super();
    FakeBrowserWindow.instances.push(this);
    electron.app.emit('web-contents-created', new FakeEvent(), this.webContents);
  }
  loadURL(url: string): Promise<void> {
    this.loadedUrl = url;
    return Promise.resolve();
  }
  show(): void {
    this.visible = true;
  }
  isDestroyed(): boolean {
    return this.destroyed;
  }
  isMinimized(): boolean {
    return this.minimized;
  }
  restore(): void {
    this.minimized = false;
  }
  focus(): void {
    this.focused = true;
  }
  /** Closes as Electron does: contents destroyed, then `closed`. */
  close(): void {
    this.destroyed = true;
    this.webContents.destroyed = true;
    this.emit('closed');
    if (FakeBrowserWindow.instances.every((w) => w.destroyed)) {
      electron.app.emit('window-all-closed');
    }
  }
}

/** What an IPC event carries about its sender. */
export interface FakeSender {
  sender: FakeWebContents;
  senderFrame: { url: string } | null;
}

type Handler = (event: FakeSender, ...args: unknown[]) => unknown;

export class FakeIpcMain {
  readonly handlers = new Map<string, Handler>();
  readonly listeners = new Map<string, Set<Handler>>();

  handle(channel: string, handler: Handler): void {
    if (this.handlers.has(channel)) {
      throw new Error(`Attempted to register a second handler for '${channel}'`);
    }
    this.handlers.set(channel, handler);
  }
  removeHandler(channel: string): void {
    this.handlers.delete(channel);
  }
  on(channel: string, listener: Handler): this {
    if (!this.listeners.has(channel)) this.listeners.set(channel, new Set());
    this.listeners.get(channel)!.add(listener);
    return this;
  }
  removeListener(channel: string, listener: Handler): this {
    this.listeners.get(channel)?.delete(listener);
    return this;
  }
  /** Plays `ipcRenderer.invoke` from `from`; rejects like Electron when nothing handles it. */
  async invoke(from: FakeSender, channel: string, ...args: unknown[]): Promise<unknown> {
    const handler = this.handlers.get(channel);
    if (!handler) throw new Error(`No handler registered for '${channel}'`);
    return handler(from, ...structuredClone(args));
  }
  /** Plays `ipcRenderer.send` from `from`. */
  send(from: FakeSender, channel: string, ...args: unknown[]): void {
    for (const listener of this.listeners.get(channel) ?? []) listener(from, ...args);
  }
  /** Channels with a handler or a listener. */
  channels(): { handled: string[]; listened: string[] } {
    const listened = [...this.listeners].filter(([, set]) => set.size > 0).map(([c]) => c);
    return { handled: [...this.handlers.keys()], listened };
  }
}

class FakeApp extends EventEmitter {
  isPackaged = false;
  hasLock = true;
  quitCalls = 0;
  /** True once a quit was not cancelled by a `before-quit` listener. */
  quitted = false;
  readonly paths = new Map<string, string>([['appData', '/home/user/.config']]);
  appPath = '/repo';
  aboutOptions: Record<string, unknown> | undefined;
  aboutShown = 0;
  private readyResolve: () => void = () => {};
  private readonly readyPromise = new Promise<void>((resolve) => (this.readyResolve = resolve));

  getPath(name: string): string {
    const path = this.paths.get(name);
    if (!path) throw new Error(`no path ${name}`);
    return path;
  }
  setPath(name: string, path: string): void {
    this.paths.set(name, path);
  }
  getAppPath(): string {
    return this.appPath;
  }
  getVersion(): string {
    return '0.1.0';
  }
  requestSingleInstanceLock(): boolean {
    return this.hasLock;
  }
  whenReady(): Promise<void> {
    return this.readyPromise;
  }
  /** Plays Electron's `ready`. */
  becomeReady(): void {
    this.readyResolve();
  }
  quit(): void {
    this.quitCalls++;
    const event = new FakeEvent();
    this.emit('before-quit', event);
    if (!event.defaultPrevented) this.quitted = true;
  }
  setAboutPanelOptions(options: Record<string, unknown>): void {
    this.aboutOptions = options;
  }
  showAboutPanel(): void {
    this.aboutShown++;
  }
}

type Callback<T> = (response: T) => void;

class FakeSession {
  permissionRequestHandler:
    ((contents: unknown, permission: string, callback: Callback<boolean>) => void) | undefined;
  permissionCheckHandler: ((...args: unknown[]) => boolean) | undefined;
  beforeRequest:
    ((details: { url: string }, callback: Callback<{ cancel?: boolean }>) => void) | undefined;
  headersReceived:
    | ((
        details: { url: string; responseHeaders?: Record<string, string[]> },
        callback: Callback<{ responseHeaders?: Record<string, string[]> }>,
      ) => void)
    | undefined;
  readonly webRequest = {
    onBeforeRequest: (listener: FakeSession['beforeRequest']) => (this.beforeRequest = listener),
    onHeadersReceived: (listener: FakeSession['headersReceived']) =>
      (this.headersReceived = listener),
  };

  setPermissionRequestHandler(handler: FakeSession['permissionRequestHandler']): void {
    this.permissionRequestHandler = handler;
  }
  setPermissionCheckHandler(handler: FakeSession['permissionCheckHandler']): void {
    this.permissionCheckHandler = handler;
  }
  /** Plays a permission request; resolves to what the app granted. */
  requestPermission(permission: string): boolean {
    let granted: boolean | undefined;
    this.permissionRequestHandler!({}, permission, (answer) => (granted = answer));
    return granted!;
  }
  /** Plays a request of the page; true when the app let it through. */
  request(url: string): boolean {
    let cancel: boolean | undefined;
    this.beforeRequest!({ url }, (response) => (cancel = response.cancel));
    return cancel === false;
  }
}

class FakeDialog {
  openResult: { canceled: boolean; filePaths: string[] } = { canceled: true, filePaths: [] };
  readonly openCalls: unknown[][] = [];
  readonly errorBoxes: [string, string][] = [];

  showOpenDialog(...args: unknown[]) {
    this.openCalls.push(args);
    return Promise.resolve(this.openResult);
  }
  showErrorBox(title: string, content: string): void {
    this.errorBoxes.push([title, content]);
  }
}

/** A menu item as the fake keeps it: the template itself. */
export interface FakeMenuItem {
  label?: string;
  role?: string;
  accelerator?: string;
  type?: string;
  click?: (...args: unknown[]) => void;
  submenu?: FakeMenuItem[];
}

const Menu = {
  applicationMenu: undefined as { items: FakeMenuItem[] } | undefined,
  buildFromTemplate: (template: FakeMenuItem[]) => ({ items: template }),
  setApplicationMenu(menu: { items: FakeMenuItem[] }) {
    Menu.applicationMenu = menu;
  },
};

class FakeIpcRenderer extends EventEmitter {
  /** Set by a test: where `invoke` and `send` go (by default, the fake main process). */
  from: FakeSender | undefined;

  invoke(channel: string, ...args: unknown[]): Promise<unknown> {
    return electron.ipcMain.invoke(this.from!, channel, ...args);
  }
  send(channel: string, ...args: unknown[]): void {
    electron.ipcMain.send(this.from!, channel, ...args);
  }
}

function freshElectron() {
  return {
    app: new FakeApp(),
    ipcMain: new FakeIpcMain(),
    ipcRenderer: new FakeIpcRenderer(),
    dialog: new FakeDialog(),
    session: { defaultSession: new FakeSession() },
    contextBridge: {
      exposed: {} as Record<string, unknown>,
      exposeInMainWorld(key: string, api: unknown) {
        this.exposed[key] = api;
      },
    },
    Menu,
    BrowserWindow: FakeBrowserWindow,
  };
}

/** The stand-in's state, read and played by tests. Replaced whole by `resetElectron`. */
export let electron = freshElectron();

/** Starts each test from a fresh Electron. */
export function resetElectron(): void {
  electron = freshElectron();
  FakeBrowserWindow.instances = [];
  Menu.applicationMenu = undefined;
}

/**
 * The module `vi.mock('electron', …)` returns: getters, so code that imported `app` or
 * `ipcMain` before a reset still reaches the current fake.
 */
export const electronModule = {
  get app() {
    return electron.app;
  },
  get ipcMain() {
    return electron.ipcMain;
  },
  get ipcRenderer() {
    return electron.ipcRenderer;
  },
  get dialog() {
    return electron.dialog;
  },
  get session() {
    return electron.session;
  },
  get contextBridge() {
    return electron.contextBridge;
  },
  get Menu() {
    return electron.Menu;
  },
  BrowserWindow: FakeBrowserWindow,
};
