import { mkdtempSync, rmSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { locate, rotatedSiblings, siblingsNewerThan } from './rotation.ts';

describe('rotated siblings', () => {
  let dir: string;
  const at = (name: string) => join(dir, name);
  /** Writes a file whose modification time is `seconds` after the epoch. */
  const write = (name: string, seconds: number) => {
    writeFileSync(at(name), name);
    utimesSync(at(name), seconds, seconds);
  };

  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'streamlens-rotation-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('lists siblings oldest first, leaving out compressed files and other names', async () => {
    write('access.log', 50);
    write('access.log.1', 40);
    write('access.log.2', 30);
    write('access.log.3.gz', 20);
    write('access.log-20240101.zst', 20);
    write('access.log-20240101', 10);
    write('error.log.1', 45);
    const names = (await rotatedSiblings(at('access.log'))).map((file) => basename(file.path));
    expect(names).toEqual(['access.log-20240101', 'access.log.2', 'access.log.1']);
  });

  it('orders siblings with the same time by rotation number, higher first', async () => {
    for (const name of ['access.log.1', 'access.log.10', 'access.log.2']) write(name, 30);
    const names = (await rotatedSiblings(at('access.log'))).map((file) => basename(file.path));
    expect(names).toEqual(['access.log.10', 'access.log.2', 'access.log.1']);
  });

  it('locates a file by identity under its name or among its rotated siblings', async () => {
    write('access.log.2', 30);
    write('access.log.1', 40);
    write('access.log', 50);
    const { dev, ino } = statSync(at('access.log.2'));
    const found = await locate({ path: at('access.log'), dev, ino });
    expect(found?.path).toBe(at('access.log.2'));
    const newer = await siblingsNewerThan(at('access.log'), found!);
    expect(newer.map((file) => basename(file.path))).toEqual(['access.log.1']);
    const live = statSync(at('access.log'));
    expect((await locate({ path: at('access.log'), dev: live.dev, ino: live.ino }))?.path).toBe(
      at('access.log'),
    );
    expect(await locate({ path: at('access.log'), dev, ino: ino + 1_000_000 })).toBeUndefined();
  });
});
