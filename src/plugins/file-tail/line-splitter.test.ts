import { describe, expect, it } from 'vitest';
import { LineSplitter, type SplitLine } from './line-splitter.ts';

const bytes = (text: string) => Buffer.from(text, 'utf8');

/** Pushes each chunk in turn and returns every line completed. */
function split(splitter: LineSplitter, ...chunks: Buffer[]): SplitLine[] {
  return chunks.flatMap((chunk) => splitter.push(chunk));
}

describe('LineSplitter', () => {
  it('returns complete lines with byte offsets and holds back a line without newline', () => {
    const splitter = new LineSplitter(100);
    expect(split(splitter, bytes('one\ntwo\nthr'))).toEqual([
      { text: 'one', start: 0, end: 4 },
      { text: 'two', start: 4, end: 8 },
    ]);
    expect(splitter.completeOffset).toBe(8);
    expect(splitter.partialBytes).toBe(3);
    expect(split(splitter, bytes('ee\n'))).toEqual([{ text: 'three', start: 8, end: 14 }]);
  });

  it('strips CR before LF, even when the CR ends one chunk', () => {
    const splitter = new LineSplitter(100);
    expect(split(splitter, bytes('a\r\nb\r'), bytes('\nc\n'))).toEqual([
      { text: 'a', start: 0, end: 3 },
      { text: 'b', start: 3, end: 6 },
      { text: 'c', start: 6, end: 8 },
    ]);
  });

  it('strips a byte-order mark at the start of the file only', () => {
    const splitter = new LineSplitter(100);
    const withBom = Buffer.concat([Buffer.from([0xef, 0xbb]), Buffer.from([0xbf]), bytes('x\n')]);
    expect(split(splitter, withBom.subarray(0, 2), withBom.subarray(2))).toEqual([
      { text: 'x', start: 0, end: 5 },
    ]);
    const later = new LineSplitter(100, 10);
    expect(later.push(Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), bytes('y\n')]))).toEqual([
      { text: '\ufeffy', start: 10, end: 15 },
    ]);
  });

  it('decodes a multi-byte character split across chunks', () => {
    const line = bytes('née 🙂\n');
    const splitter = new LineSplitter(100);
    // Split inside the two-byte é and inside the four-byte emoji.
    expect(split(splitter, line.subarray(0, 2), line.subarray(2, 6), line.subarray(6))).toEqual([
      { text: 'née 🙂', start: 0, end: 10 },
    ]);
  });

  it('cuts an over-long line on a character boundary and reports its length', () => {
    const splitter = new LineSplitter(5);
    // "abcdé" is 6 bytes; the cut at 5 would split é, so it falls back to 4.
    expect(split(splitter, bytes('abcdéfgh\nok\n'))).toEqual([
      { text: 'abcd', start: 0, end: 10, cutFrom: 9 },
      { text: 'ok', start: 10, end: 13 },
    ]);
  });

  it('keeps a line of exactly the limit whole, CR not counted', () => {
    const splitter = new LineSplitter(3);
    expect(split(splitter, bytes('abc\r\nabcd\n'))).toEqual([
      { text: 'abc', start: 0, end: 5 },
      { text: 'abc', start: 5, end: 10, cutFrom: 4 },
    ]);
  });

  it('keeps only the first bytes of a long line spread over many chunks', () => {
    const splitter = new LineSplitter(8);
    const chunks = Array.from({ length: 100 }, () => bytes('x'.repeat(1000)));
    expect(split(splitter, ...chunks)).toEqual([]);
    expect(splitter.push(bytes('y\nz\n'))).toEqual([
      { text: 'xxxxxxxx', start: 0, end: 100_002, cutFrom: 100_001 },
      { text: 'z', start: 100_002, end: 100_004 },
    ]);
  });

  it('flushes a held line as final, ending where the bytes end', () => {
    const splitter = new LineSplitter(100, 4);
    splitter.push(bytes('tail'));
    expect(splitter.flush()).toEqual({ text: 'tail', start: 4, end: 8 });
    expect(splitter.flush()).toBeUndefined();
    expect(splitter.completeOffset).toBe(8);
  });

  it('forgets the line in progress on reset', () => {
    const splitter = new LineSplitter(100);
    splitter.push(bytes('abc'));
    splitter.reset(2);
    expect(splitter.push(bytes('d\n'))).toEqual([{ text: 'd', start: 2, end: 4 }]);
  });

  it('returns an empty line for consecutive newlines', () => {
    expect(new LineSplitter(10).push(bytes('\n\r\n'))).toEqual([
      { text: '', start: 0, end: 1 },
      { text: '', start: 1, end: 3 },
    ]);
  });
});
