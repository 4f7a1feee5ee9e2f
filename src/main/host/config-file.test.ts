import { chmodSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { makeTempDir } from '../../../test/support/temp-dir.ts';
import { readConfigText, writeFileAtomic } from './config-file.ts';

let temp: ReturnType<typeof makeTempDir>;
beforeEach(() => (temp = makeTempDir('streamlens-config-file-')));
afterEach(() => temp.cleanup());

describe('writeFileAtomic', () => {
  it('writes the text byte for byte into a new folder and leaves no temp file', () => {
    const file = join(temp.dir, 'nested', 'config.yml');
    const text = '# über\ntopK: 3 # kept\r\n';
    writeFileAtomic(file, text);
    expect(readFileSync(file)).toEqual(Buffer.from(text, 'utf8'));
    expect(readdirSync(join(temp.dir, 'nested'))).toEqual(['config.yml']);
  });

  it('replaces an existing file and keeps its permissions', () => {
    const file = join(temp.dir, 'config.yml');
    writeFileSync(file, 'old');
    chmodSync(file, 0o600);
    writeFileAtomic(file, 'new');
    expect(readFileSync(file, 'utf8')).toBe('new');
    expect(statSync(file).mode & 0o777).toBe(0o600);
  });

  it('throws and leaves the folder as it was when the target cannot be replaced', () => {
    const target = join(temp.dir, 'config.yml');
    writeFileSync(join(temp.dir, 'other'), 'x');
    expect(() => writeFileAtomic(join(temp.dir, 'other', 'config.yml'), 'y')).toThrow(
      /ENOTDIR|EEXIST/,
    );
    expect(readdirSync(temp.dir)).toEqual(['other']);
    expect(readConfigText(target)).toBeUndefined();
  });
});

describe('readConfigText', () => {
  it('reads the text, or undefined for a missing file', () => {
    const file = join(temp.dir, 'config.yml');
    expect(readConfigText(file)).toBeUndefined();
    writeFileSync(file, 'topK: 4\n');
    expect(readConfigText(file)).toBe('topK: 4\n');
  });
});
