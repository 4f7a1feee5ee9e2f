import { describe, expect, it } from 'vitest';
import { menuTemplate, type MenuSpec } from '../../src/main/menu.ts';

interface Item {
  label?: string;
  role?: string;
  accelerator?: string;
  type?: string;
  click?: () => void;
  submenu?: Item[];
}

function spec(overrides: Partial<MenuSpec> = {}): MenuSpec & { opened: number; about: number } {
  const state = {
    appName: 'Streamlens',
    isMac: false,
    isDev: false,
    opened: 0,
    about: 0,
    openConfig: () => state.opened++,
    showAbout: () => state.about++,
    ...overrides,
  };
  return state;
}

/** Each menu as `label: [entry (accelerator)…]`, separators as `-`. */
function outline(items: Item[]): Record<string, string[]> {
  return Object.fromEntries(
    items.map((menu) => [
      menu.label,
      (menu.submenu ?? []).map((item) => {
        if (item.type === 'separator') return '-';
        const name = item.label ?? item.role;
        return item.accelerator ? `${name} (${item.accelerator})` : `${name}`;
      }),
    ]),
  );
}

describe('menuTemplate', () => {
  it('has the usual menus and shortcuts on Windows and Linux', () => {
    expect(outline(menuTemplate(spec()) as Item[])).toEqual({
      File: ['Open Config… (CmdOrCtrl+O)', '-', 'Quit (Ctrl+Q)'],
      Edit: [
        'undo (CmdOrCtrl+Z)',
        'redo (Ctrl+Y)',
        '-',
        'cut (CmdOrCtrl+X)',
        'copy (CmdOrCtrl+C)',
        'paste (CmdOrCtrl+V)',
        'selectAll (CmdOrCtrl+A)',
      ],
      View: [
        'reload (CmdOrCtrl+R)',
        '-',
        'resetZoom (CmdOrCtrl+0)',
        'zoomIn (CmdOrCtrl+Plus)',
        'zoomOut (CmdOrCtrl+-)',
        '-',
        'togglefullscreen (F11)',
      ],
      Window: ['minimize (CmdOrCtrl+M)', 'close (Ctrl+W)'],
      Help: ['About Streamlens'],
    });
  });

  it('offers the dev tools in development only', () => {
    const view = (isDev: boolean) =>
      outline(menuTemplate(spec({ isDev })) as Item[]).View.filter((e) => e.includes('DevTools'));
    expect(view(true)).toEqual(['toggleDevTools (Ctrl+Shift+I)']);
    expect(view(false)).toEqual([]);
  });

  it('puts an app menu first on macOS, with Quit there and Cmd shortcuts', () => {
    const menus = outline(menuTemplate(spec({ isMac: true, isDev: true })) as Item[]);
    expect(Object.keys(menus)).toEqual(['Streamlens', 'File', 'Edit', 'View', 'Window', 'Help']);
    expect(menus.Streamlens).toEqual([
      'About Streamlens',
      '-',
      'services',
      '-',
      'hide (Command+H)',
      'hideOthers (Command+Alt+H)',
      'unhide',
      '-',
      'Quit Streamlens (Command+Q)',
    ]);
    expect(menus.File).toEqual(['Open Config… (CmdOrCtrl+O)', '-', 'Close Window (Command+W)']);
    expect(menus.Edit[1]).toBe('redo (Shift+Command+Z)');
    expect(menus.View).toContain('toggleDevTools (Alt+Command+I)');
    expect(menus.View).toContain('togglefullscreen (Ctrl+Command+F)');
    expect(menus.Window).toEqual(['minimize (CmdOrCtrl+M)', 'zoom', '-', 'front']);
  });

  it('runs the open-config and about actions from their entries', () => {
    const state = spec();
    const items = menuTemplate(state) as Item[];
    items[0].submenu![0].click!();
    items[4].submenu![0].click!();
    expect([state.opened, state.about]).toEqual([1, 1]);
  });
});
