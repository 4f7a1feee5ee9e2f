import { homedir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { CONFIG_FILE_NAME, streamlensPaths } from './paths.ts';

describe('streamlensPaths', () => {
  it('uses the folders named by the environment overrides', () => {
    const env = { STREAMLENS_CONFIG_DIR: '/tmp/a', STREAMLENS_DATA_DIR: '/tmp/b' };
    expect(streamlensPaths(env, '/work')).toEqual({
      configDir: '/tmp/a',
      dataDir: '/tmp/b',
      configFile: '/tmp/a/config.yml',
    });
  });

  it('resolves relative overrides against cwd', () => {
    const env = { STREAMLENS_CONFIG_DIR: 'conf', STREAMLENS_DATA_DIR: '../data' };
    expect(streamlensPaths(env, '/work/app')).toMatchObject({
      configDir: '/work/app/conf',
      dataDir: '/work/data',
    });
  });

  it.runIf(process.platform === 'linux')(
    'falls back to the XDG folders named streamlens, with no suffix, when overrides are empty',
    () => {
      const xdg = (name: string, fallback: string) =>
        process.env[name] || path.join(homedir(), fallback);
      const paths = streamlensPaths({ STREAMLENS_CONFIG_DIR: '' }, '/work');
      expect(paths).toEqual({
        configDir: path.join(xdg('XDG_CONFIG_HOME', '.config'), 'streamlens'),
        dataDir: path.join(xdg('XDG_DATA_HOME', '.local/share'), 'streamlens'),
        configFile: path.join(xdg('XDG_CONFIG_HOME', '.config'), 'streamlens', CONFIG_FILE_NAME),
      });
    },
  );
});
