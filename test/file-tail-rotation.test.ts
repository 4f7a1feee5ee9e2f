import {
  closeSync,
  copyFileSync,
  openSync,
  renameSync,
  truncateSync,
  unlinkSync,
  utimesSync,
  writeSync,
} from 'node:fs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { sleep } from './support/source-harness.ts';
import { lastFiles, numberedKeys, numberedLines, TailFixture } from './file-tail-fixture.ts';

let fixture: TailFixture;
beforeEach(() => {
  fixture = new TailFixture();
});
afterEach(() => fixture.cleanup());

/** Long enough for several 20 ms polls, to show that something does not happen. */
const SEVERAL_POLLS_MS = 150;

describe('file tail rotation', () => {
  it('drains a renamed file through its open handle, then reads the new file from byte 0', async () => {
    fixture.write('access.log', 'a1\na2\n');
    const { harness } = await fixture.start({ path: 'access.log', startAt: 'beginning' });
    await harness.waitFor(() => harness.events.length === 2, 'the first lines');

    // The writer still holds the old file and writes to it after the rename, as nginx does
    // until it reopens its logs.
    const writer = openSync(fixture.at('access.log'), 'a');
    renameSync(fixture.at('access.log'), fixture.at('access.log.1'));
    writeSync(writer, 'a3\n');
    closeSync(writer);
    fixture.write('access.log', 'c1\n');

    await harness.waitFor(() => harness.events.length === 4, 'the rest of both files');
    expect(harness.keys).toEqual(['a1', 'a2', 'a3', 'c1']);
    expect(harness.noticeCount('rotated')).toBe(1);
    expect(harness.notices[0].fields).toMatchObject({ path: fixture.at('access.log') });
    await harness.waitFor(() => lastFiles(harness).length === 1, 'the old file to be closed');
    expect(lastFiles(harness)[0]).toMatchObject({ ...fixture.identity('access.log'), offset: 3 });
  });

  it('emits the last line of a rotated file without newline when the file is closed', async () => {
    fixture.write('access.log', 'a1\n');
    const { harness } = await fixture.start({ path: 'access.log', startAt: 'beginning' });
    await harness.waitFor(() => harness.events.length === 1, 'the first line');
    fixture.append('access.log', 'unfinished');
    renameSync(fixture.at('access.log'), fixture.at('access.log.1'));
    fixture.write('access.log', 'c1\n');
    await harness.waitFor(() => harness.events.length === 3, 'the unfinished line');
    expect(harness.keys).toEqual(['a1', 'c1', 'unfinished']);
  });

  it('drains a deleted file and reads its replacement', async () => {
    fixture.write('access.log', 'a1\n');
    const { harness } = await fixture.start({ path: 'access.log', startAt: 'beginning' });
    await harness.waitFor(() => harness.events.length === 1, 'the first line');
    fixture.append('access.log', 'a2\n');
    unlinkSync(fixture.at('access.log'));
    fixture.write('access.log', 'b1\n');
    await harness.waitFor(() => harness.events.length === 3, 'both files');
    expect(harness.keys).toEqual(['a1', 'a2', 'b1']);
  });

  it('restarts from byte 0 after copytruncate', async () => {
    fixture.write('access.log', 'l1\nl2\n');
    const { harness } = await fixture.start({ path: 'access.log', startAt: 'beginning' });
    await harness.waitFor(() => harness.events.length === 2, 'the first lines');
    copyFileSync(fixture.at('access.log'), fixture.at('access.log.1'));
    truncateSync(fixture.at('access.log'), 0);
    fixture.append('access.log', 'n1\n');
    await harness.waitFor(() => harness.events.length === 3, 'the line after truncation');
    await sleep(SEVERAL_POLLS_MS);
    expect(harness.keys).toEqual(['l1', 'l2', 'n1']);
    expect(harness.noticeCount('truncated')).toBe(1);
    expect(harness.noticeCount('rotated')).toBe(0);
  });

  it('detects a truncation followed by writes past the old offset before the next poll', async () => {
    fixture.write('access.log', 'l1\nl2\n');
    const { harness } = await fixture.start({ path: 'access.log', startAt: 'beginning' });
    await harness.waitFor(() => lastFiles(harness)[0]?.headLength === 6, 'the head fingerprint');
    // One synchronous truncate-and-write: same inode, and longer than the 6 bytes read.
    fixture.write('access.log', 'rewritten-1\nrewritten-2\n');
    await harness.waitFor(() => harness.events.length === 4, 'the rewritten lines');
    await sleep(SEVERAL_POLLS_MS);
    expect(harness.keys).toEqual(['l1', 'l2', 'rewritten-1', 'rewritten-2']);
    expect(harness.noticeCount('truncated')).toBe(1);
  });

  it('detects a truncation while stopped, from the head fingerprint', async () => {
    fixture.write('access.log', 'l1\nl2\n');
    const first = await fixture.start({ path: 'access.log', startAt: 'beginning' });
    await first.harness.waitFor(() => lastFiles(first.harness)[0]?.headLength === 6, 'a head');
    await first.source.stop();
    fixture.write('access.log', 'rewritten-1\n');

    const second = await fixture.start({ path: 'access.log' }, first.harness.lastPosition);
    await second.harness.waitFor(() => second.harness.events.length === 1, 'the new line');
    expect(second.harness.keys).toEqual(['rewritten-1']);
    expect(second.harness.noticeCount('truncated')).toBe(1);
  });

  it('after several rotations while stopped, reads the rest of the old file, then each newer one whole', async () => {
    fixture.write('access.log.3', 'older-than-everything\n');
    utimesSync(fixture.at('access.log.3'), 1_000_000, 1_000_000);
    fixture.write('access.log.4.gz', 'compressed\n');
    fixture.write('access.log', numberedLines('a', 2));
    const first = await fixture.start({ path: 'access.log', startAt: 'beginning' });
    await first.harness.waitFor(() => first.harness.events.length === 2, 'the first lines');
    await first.source.stop();

    // While stopped: A gets one more line and is rotated twice; B is written whole and rotated.
    fixture.append('access.log', 'a2\n');
    renameSync(fixture.at('access.log'), fixture.at('access.log.1'));
    fixture.write('access.log', numberedLines('b', 1500));
    renameSync(fixture.at('access.log.1'), fixture.at('access.log.2'));
    renameSync(fixture.at('access.log'), fixture.at('access.log.1'));
    fixture.write('access.log', numberedLines('c', 2));

    const second = await fixture.start({ path: 'access.log' }, first.harness.lastPosition);
    await second.harness.waitFor(() => second.harness.events.length === 1503, 'every new line');
    await sleep(SEVERAL_POLLS_MS);
    expect(first.harness.keys).toEqual(['a0', 'a1']);
    expect(second.harness.keys).toEqual([
      'a2',
      ...numberedKeys('b', 1500),
      ...numberedKeys('c', 2),
    ]);
    await second.harness.waitFor(
      () => lastFiles(second.harness).length === 1,
      'the rotated closed',
    );
    expect(lastFiles(second.harness)[0]).toMatchObject({ ...fixture.identity('access.log') });
  });

  it('reads the new file whole when the committed file is gone, and says so', async () => {
    fixture.write('access.log', 'a1\n');
    const first = await fixture.start({ path: 'access.log', startAt: 'beginning' });
    await first.harness.waitFor(() => first.harness.events.length === 1, 'the first line');
    await first.source.stop();
    // Moved away under another name, so its inode cannot be reused by the new file.
    renameSync(fixture.at('access.log'), fixture.at('archived.log'));
    fixture.write('access.log', 'b1\n');

    const second = await fixture.start({ path: 'access.log' }, first.harness.lastPosition);
    await second.harness.waitFor(() => second.harness.events.length === 1, 'the new file');
    expect(second.harness.keys).toEqual(['b1']);
    expect(second.harness.noticeCount('missing')).toBe(1);
  });
});

describe('file tail glob', () => {
  it('follows every matching file and picks up new matches from their first byte', async () => {
    fixture.write('a.log', 'a1\n');
    fixture.write('b.log', 'b1\n');
    fixture.write('notes.txt', 'ignored\n');
    const { harness } = await fixture.start({ path: '*.log', startAt: 'beginning' });
    await harness.waitFor(() => harness.events.length === 2, 'both files');
    expect(harness.keys).toEqual(['a1', 'b1']);

    fixture.write('c.log', 'c1\nc2\n');
    fixture.append('a.log', 'a2\n');
    await harness.waitFor(() => harness.events.length === 5, 'the new file and line');
    expect(harness.keys.slice(2).sort()).toEqual(['a2', 'c1', 'c2']);
    expect(lastFiles(harness).map((file) => [file.path, file.offset])).toEqual([
      [fixture.at('a.log'), 6],
      [fixture.at('b.log'), 3],
      [fixture.at('c.log'), 6],
    ]);
  });

  it('follows a file renamed to another matching name without reading it twice', async () => {
    fixture.write('access.log', 'a1\n');
    const first = await fixture.start({ path: 'access.log*', startAt: 'beginning' });
    await first.harness.waitFor(() => first.harness.events.length === 1, 'the first line');
    renameSync(fixture.at('access.log'), fixture.at('access.log.1'));
    fixture.append('access.log.1', 'a2\n');
    fixture.write('access.log', 'c1\n');
    await first.harness.waitFor(() => first.harness.events.length === 3, 'both files');
    await sleep(SEVERAL_POLLS_MS);
    expect(first.harness.keys.sort()).toEqual(['a1', 'a2', 'c1']);
    expect(first.harness.noticeCount('rotated')).toBe(0);
    await first.source.stop();

    fixture.append('access.log.1', 'a3\n');
    fixture.append('access.log', 'c2\n');
    const second = await fixture.start({ path: 'access.log*' }, first.harness.lastPosition);
    await second.harness.waitFor(() => second.harness.events.length === 2, 'the new lines');
    await sleep(SEVERAL_POLLS_MS);
    expect(second.harness.keys.sort()).toEqual(['a3', 'c2']);
  });

  it('starts every file present at first sight at its end, and later files at byte 0', async () => {
    fixture.write('a.log', 'old\n');
    const { harness } = await fixture.start({ path: '*.log', startAt: 'end' });
    await harness.waitFor(() => lastFiles(harness).length === 1, 'the first position');
    fixture.write('b.log', 'b1\n');
    fixture.append('a.log', 'a1\n');
    await harness.waitFor(() => harness.events.length === 2, 'the new lines');
    expect(harness.keys.sort()).toEqual(['a1', 'b1']);
  });
});
