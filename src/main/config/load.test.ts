import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { loadConfig, MAX_CONFIG_BYTES } from './load.ts';

let dir: string;
/** An environment whose user config folder is an empty folder of the test's own. */
let env: NodeJS.ProcessEnv;

beforeEach(() => {
  dir = mkdtempSync(path.join(tmpdir(), 'streamlens-load-'));
  env = { STREAMLENS_CONFIG_DIR: path.join(dir, 'user-config') };
});

afterEach(() => {
  rmSync(dir, { recursive: true, force: true });
});

function write(name: string, text: string): string {
  const file = path.join(dir, name);
  mkdirSync(path.dirname(file), { recursive: true });
  writeFileSync(file, text);
  return file;
}

describe('loadConfig with a file', () => {
  it('loads the file and takes its folder as the base for relative paths', () => {
    const file = write('conf/streamlens.yml', 'topK: 3\n');
    const result = loadConfig(file, { env });
    expect(result).toMatchObject({ ok: true, file, baseDir: path.join(dir, 'conf') });
    expect(result.ok && result.config.topK).toBe(3);
  });

  it('resolves a relative file against cwd', () => {
    const file = write('conf/x.yml', 'topK: 4\n');
    const result = loadConfig('./conf/x.yml', { env, cwd: dir });
    expect(result).toMatchObject({ ok: true, file, baseDir: path.join(dir, 'conf') });
  });

  it('says in one line that a missing file is not found, as the user wrote its name', () => {
    expect(loadConfig('./x.yml', { env, cwd: dir })).toEqual({
      ok: false,
      errors: ['config file ./x.yml not found'],
      file: path.join(dir, 'x.yml'),
    });
  });

  it('names why a file cannot be read: a folder', () => {
    mkdirSync(path.join(dir, 'folder.yml'));
    expect(loadConfig('folder.yml', { env, cwd: dir })).toMatchObject({
      ok: false,
      errors: ['could not read config file folder.yml: it is a folder, not a file'],
    });
  });

  it('names why a file cannot be read: a parent that is a file', () => {
    write('plain', 'x');
    expect(loadConfig('plain/config.yml', { env, cwd: dir })).toMatchObject({
      ok: false,
      errors: ['could not read config file plain/config.yml: a part of its path is not a folder'],
    });
  });

  it('refuses a file too large to be a config without reading it', () => {
    write('huge.yml', '#'.repeat(MAX_CONFIG_BYTES + 1));
    expect(loadConfig('huge.yml', { env, cwd: dir })).toMatchObject({
      ok: false,
      errors: ['could not read config file huge.yml: it is larger than 1048576 bytes'],
    });
  });

  it('returns the formatted errors of an invalid file, each naming the file as given', () => {
    const file = write('bad.yml', 'topK: 0\nwindows: [5s, soon]\n');
    expect(loadConfig(file, { env })).toEqual({
      ok: false,
      errors: [
        `${file}: topK must be at least 1 (line 1, column 7)`,
        `${file}: windows[1] must be a positive duration like 15s (line 2, column 15)`,
      ],
      file,
    });
  });

  it('names a file given by a relative path as the user wrote it', () => {
    const file = write('conf/config.yml', 'window: [5s]\ntopK: 0\n');
    expect(loadConfig('conf/config.yml', { env, cwd: dir })).toEqual({
      ok: false,
      errors: [
        'conf/config.yml: window is not a known key; did you mean windows? (line 1, column 1)',
        'conf/config.yml: topK must be at least 1 (line 2, column 7)',
      ],
      file,
    });
    expect(loadConfig('./conf/config.yml', { env, cwd: dir })).toMatchObject({
      errors: expect.arrayContaining([
        './conf/config.yml: topK must be at least 1 (line 2, column 7)',
      ]),
    });
  });

  it('names the file in a YAML syntax error too', () => {
    write('broken.yml', 'queue:\n\tcapacity: 3\n');
    expect(loadConfig('broken.yml', { env, cwd: dir })).toMatchObject({
      ok: false,
      errors: ['broken.yml: Tabs are not allowed as indentation (line 2, column 1)'],
    });
  });

  it('checks source options with the plugin schemas it is given', () => {
    const plugins = new Map([['synthetic', z.strictObject({ rate: z.number().default(7) })]]);
    const good = loadConfig(write('good.yml', 'topK: 2\n'), { env, plugins });
    expect(good.ok && good.config.sources[0].options).toEqual({ rate: 7 });
    const bad = write('bad.yml', 'sources: [{ id: a, plugin: synthetic, options: { rate: x } }]\n');
    expect(loadConfig(bad, { env, plugins })).toMatchObject({
      ok: false,
      errors: [`${bad}: sources[0].options.rate must be a number (line 1, column 56)`],
    });
  });
});

describe('loadConfig without a file', () => {
  it('uses the default config with cwd as base when the user has no config file', () => {
    const result = loadConfig(undefined, { env, cwd: dir });
    expect(result).toEqual({
      ok: true,
      config: expect.objectContaining({ topK: 10 }),
      baseDir: dir,
    });
    expect(result.ok && result.config.sources.map((source) => source.id)).toEqual(['demo']);
  });

  it("loads the user's config file when it exists", () => {
    const file = write('user-config/config.yml', 'topK: 9\n');
    const result = loadConfig(undefined, { env, cwd: dir });
    expect(result).toMatchObject({ ok: true, file, baseDir: path.join(dir, 'user-config') });
    expect(result.ok && result.config.topK).toBe(9);
  });

  it("reports the user's config file when it is invalid rather than falling back", () => {
    const file = write('user-config/config.yml', 'topK: many\n');
    expect(loadConfig(undefined, { env, cwd: dir })).toEqual({
      ok: false,
      errors: [`${file}: topK must be a number (line 1, column 7)`],
      file,
    });
  });

  it("names the user's config file by its absolute path even when its folder is relative", () => {
    write('user-config/config.yml', 'topK: 0\n');
    const relativeEnv = { STREAMLENS_CONFIG_DIR: 'user-config' };
    expect(loadConfig(undefined, { env: relativeEnv, cwd: dir })).toMatchObject({
      ok: false,
      errors: [
        `${path.join(dir, 'user-config', 'config.yml')}: topK must be at least 1 (line 1, column 7)`,
      ],
    });
  });

  it('names no file for an error of the default config, which comes from none', () => {
    const plugins = new Map([['file-tail', z.strictObject({})]]);
    expect(loadConfig(undefined, { env, cwd: dir, plugins })).toEqual({
      ok: false,
      errors: [
        'sources[0].plugin "synthetic" is not a known plugin; known plugins are file-tail (line 1, column 1)',
      ],
    });
  });
});
