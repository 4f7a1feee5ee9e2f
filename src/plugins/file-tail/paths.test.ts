import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { discover, globToRegExp, hasGlobInFolder, isGlob } from './paths.ts';

describe('globToRegExp', () => {
  it('matches * as any run and ? as one character, dots literally', () => {
    const pattern = globToRegExp('access-?.*.log');
    expect(pattern.test('access-1.2024.log')).toBe(true);
    expect(pattern.test('access-1..log')).toBe(true);
    expect(pattern.test('access-12.x.log')).toBe(false);
    expect(pattern.test('access-1.xlog')).toBe(false);
  });

  it('does not match a leading dot unless the pattern starts with one', () => {
    expect(globToRegExp('*.log').test('.hidden.log')).toBe(false);
    expect(globToRegExp('.*.log').test('.hidden.log')).toBe(true);
  });

  it('escapes characters that mean something in a regex', () => {
    expect(globToRegExp('a+(b)[1].log').test('a+(b)[1].log')).toBe(true);
    expect(globToRegExp('a+(b)[1].log').test('aa(b)1.log')).toBe(false);
  });
});

describe('isGlob and hasGlobInFolder', () => {
  it('look for glob characters in the last segment and in the folders', () => {
    expect(isGlob('/var/log/*.log')).toBe(true);
    expect(isGlob('/var/log/app.log')).toBe(false);
    expect(hasGlobInFolder('/var/*/app.log')).toBe(true);
    expect(hasGlobInFolder('/var/log/a?.log')).toBe(false);
  });
});

describe('discover', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'streamlens-paths-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('lists matching regular files in name order, skipping folders', async () => {
    writeFileSync(join(dir, 'b.log'), '');
    writeFileSync(join(dir, 'a.log'), '');
    writeFileSync(join(dir, 'a.txt'), '');
    mkdirSync(join(dir, 'c.log'));
    const found = await discover(join(dir, '*.log'));
    expect('files' in found && found.files.map((file) => file.path)).toEqual([
      join(dir, 'a.log'),
      join(dir, 'b.log'),
    ]);
  });

  it('waits for a missing file, a missing folder and a glob without matches', async () => {
    expect(await discover(join(dir, 'app.log'))).toEqual({
      waiting: `waiting for ${join(dir, 'app.log')}: file does not exist yet`,
    });
    expect(await discover(join(dir, 'nope', '*.log'))).toEqual({
      waiting: `waiting for ${join(dir, 'nope', '*.log')}: folder does not exist yet`,
    });
    expect(await discover(join(dir, '*.log'))).toEqual({
      waiting: `waiting for a file matching ${join(dir, '*.log')}`,
    });
  });

  it('fails on a folder given as the file', async () => {
    expect(await discover(dir)).toEqual({ failed: `${dir} is a directory, not a file` });
  });
});
