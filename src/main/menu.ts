import type { MenuItemConstructorOptions } from 'electron';

/** Where the menu is shown and what its own entries do. */
export interface MenuSpec {
  appName: string;
  /** macOS: an app menu first, Quit lives there, and keyboard shortcuts use Cmd. */
  isMac: boolean;
  /** Development build: the dev tools entry is present. */
  isDev: boolean;
  openConfig(): void;
  showAbout(): void;
}

type Item = MenuItemConstructorOptions;
const separator: Item = { type: 'separator' };

function appMenu(spec: MenuSpec): Item {
  return {
    label: spec.appName,
    submenu: [
      { label: `About ${spec.appName}`, click: () => spec.showAbout() },
      separator,
      { role: 'services' },
      separator,
      { role: 'hide', accelerator: 'Command+H' },
      { role: 'hideOthers', accelerator: 'Command+Alt+H' },
      { role: 'unhide' },
      separator,
      { role: 'quit', label: `Quit ${spec.appName}`, accelerator: 'Command+Q' },
    ],
  };
}

function fileMenu(spec: MenuSpec): Item {
  const open: Item = { label: 'Open Config…', accelerator: 'CmdOrCtrl+O', click: spec.openConfig };
  const quit: Item = spec.isMac
    ? { role: 'close', label: 'Close Window', accelerator: 'Command+W' }
    : { role: 'quit', label: 'Quit', accelerator: 'Ctrl+Q' };
  return { label: 'File', submenu: [open, separator, quit] };
}

function editMenu(spec: MenuSpec): Item {
  return {
    label: 'Edit',
    submenu: [
      { role: 'undo', accelerator: 'CmdOrCtrl+Z' },
      { role: 'redo', accelerator: spec.isMac ? 'Shift+Command+Z' : 'Ctrl+Y' },
      separator,
      { role: 'cut', accelerator: 'CmdOrCtrl+X' },
      { role: 'copy', accelerator: 'CmdOrCtrl+C' },
      { role: 'paste', accelerator: 'CmdOrCtrl+V' },
      { role: 'selectAll', accelerator: 'CmdOrCtrl+A' },
    ],
  };
}

function viewMenu(spec: MenuSpec): Item {
  const devTools: Item[] = spec.isDev
    ? [{ role: 'toggleDevTools', accelerator: spec.isMac ? 'Alt+Command+I' : 'Ctrl+Shift+I' }]
    : [];
  return {
    label: 'View',
    submenu: [
      { role: 'reload', accelerator: 'CmdOrCtrl+R' },
      ...devTools,
      separator,
      { role: 'resetZoom', accelerator: 'CmdOrCtrl+0' },
      { role: 'zoomIn', accelerator: 'CmdOrCtrl+Plus' },
      { role: 'zoomOut', accelerator: 'CmdOrCtrl+-' },
      separator,
      { role: 'togglefullscreen', accelerator: spec.isMac ? 'Ctrl+Command+F' : 'F11' },
    ],
  };
}

function windowMenu(spec: MenuSpec): Item {
  const macOnly: Item[] = spec.isMac ? [{ role: 'zoom' }, separator, { role: 'front' }] : [];
  return {
    label: 'Window',
    role: 'windowMenu',
    submenu: [
      { role: 'minimize', accelerator: 'CmdOrCtrl+M' },
      ...macOnly,
      ...(spec.isMac ? [] : [{ role: 'close', accelerator: 'Ctrl+W' } as Item]),
    ],
  };
}

function helpMenu(spec: MenuSpec): Item {
  return {
    label: 'Help',
    role: 'help',
    submenu: [{ label: `About ${spec.appName}`, click: () => spec.showAbout() }],
  };
}

/**
 * The application menu: File (open a config, quit), Edit (the standard editing roles), View
 * (reload, dev tools in development only, zoom, full screen), Window and Help (About), each
 * entry with its usual keyboard shortcut for the platform.
 */
export function menuTemplate(spec: MenuSpec): Item[] {
  return [
    ...(spec.isMac ? [appMenu(spec)] : []),
    fileMenu(spec),
    editMenu(spec),
    viewMenu(spec),
    windowMenu(spec),
    helpMenu(spec),
  ];
}
