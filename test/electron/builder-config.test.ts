import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { PACKAGED_NATIVE_DIR, SQLITE_BINARY } from '../../src/main/native-binding.ts';

const root = join(import.meta.dirname, '..', '..');
const config = parse(readFileSync(join(root, 'electron-builder.yml'), 'utf8'));

describe('electron-builder.yml', () => {
  it('names the app and builds AppImage and deb, NSIS, and dmg', () => {
    expect(config.appId).toBe('dev.streamlens.app');
    expect(config.productName).toBe('Streamlens');
    expect(config.linux.target).toEqual(['AppImage', 'deb']);
    expect(config.win.target).toBe('nsis');
    expect(config.mac.target).toBe('dmg');
  });

  it('packages the built app and unpacks native modules from the archive', () => {
    expect(config.files.slice(0, 2)).toEqual(['out/**', 'package.json']);
    expect(config.asarUnpack).toEqual(['**/*.node']);
  });

  it('ships the Electron build of better-sqlite3 where the app looks for it, and never rebuilds node_modules', () => {
    expect(config.extraResources).toEqual([
      { from: '.native/package', to: PACKAGED_NATIVE_DIR, filter: ['*.node'] },
    ]);
    expect(SQLITE_BINARY).toBe('better_sqlite3.node');
    expect(config.npmRebuild).toBe(false);
  });

  it('takes its icon from resources/, a 512 x 512 PNG', () => {
    expect(config.directories.buildResources).toBe('resources');
    const png = readFileSync(join(root, 'resources', 'icon.png'));
    expect(png.subarray(1, 4).toString('ascii')).toBe('PNG');
    expect([png.readUInt32BE(16), png.readUInt32BE(20)]).toEqual([512, 512]);
  });

  it("passes electron-builder's own validation", async () => {
    const require = createRequire(join(root, 'node_modules', 'electron-builder', 'package.json'));
    const configModule = require('app-builder-lib/out/util/config/config.js');
    const { DebugLogger } = require('builder-util');
    const loaded = await configModule.getConfig(root, null, null);
    await expect(
      configModule.validateConfiguration(loaded, new DebugLogger(false)),
    ).resolves.toBeUndefined();
  });
});
