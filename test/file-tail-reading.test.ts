import { chmodSync, mkdirSync } from 'node:fs';
import { createServer, type Server } from 'node:net';
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

describe('file tail reading', () => {
  it('reads existing lines from the beginning and new ones as they are appended', async () => {
    fixture.write('app.log', 'one\ntwo\n');
    const { harness } = await fixture.start({ path: 'app.log', startAt: 'beginning' });
    await harness.waitFor(() => harness.events.length === 2, 'the existing lines');
    fixture.append('app.log', 'three\n');
    await harness.waitFor(() => harness.events.length === 3, 'the appended line');
    expect(harness.events).toEqual([
      { key: 'one', payload: 'one' },
      { key: 'two', payload: 'two' },
      { key: 'three', payload: 'three' },
    ]);
    expect(harness.states.map((s) => s.state)).toEqual(['starting', 'running']);
  });

  it('reports a position with the file identity, the offset after the last line and a head hash', async () => {
    fixture.write('app.log', 'one\ntwo\n');
    const { harness } = await fixture.start({ path: 'app.log', startAt: 'beginning' });
    await harness.waitFor(() => lastFiles(harness)[0]?.headLength === 8, 'the head fingerprint');
    const [file] = lastFiles(harness);
    expect(file).toEqual({
      path: fixture.at('app.log'),
      ...fixture.identity('app.log'),
      offset: 8,
      headLength: 8,
      headHash: expect.stringMatching(/^[0-9a-f]{16}$/),
    });
  });

  it('holds a last line without newline until its newline comes', async () => {
    fixture.write('app.log', 'one\npart');
    const { harness } = await fixture.start({ path: 'app.log', startAt: 'beginning' });
    await harness.waitFor(() => harness.events.length === 1, 'the complete line');
    await sleep(SEVERAL_POLLS_MS);
    expect(harness.keys).toEqual(['one']);
    expect(lastFiles(harness)[0].offset).toBe(4);
    fixture.append('app.log', 'ial\n');
    await harness.waitFor(() => harness.events.length === 2, 'the completed line');
    expect(harness.keys).toEqual(['one', 'partial']);
  });

  it('holds a partial line across a restart: the position ends before it', async () => {
    fixture.write('app.log', 'one\npart');
    const first = await fixture.start({ path: 'app.log', startAt: 'beginning' });
    await first.harness.waitFor(() => first.harness.events.length === 1, 'the complete line');
    await first.source.stop();
    expect(lastFiles(first.harness)[0].offset).toBe(4);

    fixture.append('app.log', 'ial\n');
    const second = await fixture.start({ path: 'app.log' }, first.harness.lastPosition);
    await second.harness.waitFor(() => second.harness.events.length === 1, 'the completed line');
    await sleep(SEVERAL_POLLS_MS);
    expect(second.harness.keys).toEqual(['partial']);
  });

  it('strips CRLF endings and a byte-order mark at the start of the file', async () => {
    fixture.write(
      'app.log',
      Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from('a\r\nb\r\n')]),
    );
    const { harness } = await fixture.start({ path: 'app.log', startAt: 'beginning' });
    await harness.waitFor(() => harness.events.length === 2, 'two lines');
    expect(harness.keys).toEqual(['a', 'b']);
    expect(lastFiles(harness)[0].offset).toBe(9);
  });

  it('decodes multi-byte characters split across read chunks and across writes', async () => {
    // The first line fills the 64 KiB chunk but one byte, so é straddles the chunk boundary.
    const filler = 'x'.repeat(65_534);
    fixture.write('app.log', `${filler}\né\n`);
    const { harness } = await fixture.start({ path: 'app.log', startAt: 'beginning' });
    await harness.waitFor(() => harness.events.length === 2, 'two lines');

    const smile = Buffer.from('🙂\n');
    fixture.append('app.log', smile.subarray(0, 2));
    await sleep(SEVERAL_POLLS_MS);
    fixture.append('app.log', smile.subarray(2));
    await harness.waitFor(() => harness.events.length === 3, 'the emoji line');
    expect(harness.keys.slice(1)).toEqual(['é', '🙂']);
    expect(harness.keys[0]).toHaveLength(65_534);
    expect(lastFiles(harness)[0].offset).toBe(65_535 + 3 + 5);
  });

  it('cuts lines over maxLineBytes on a character boundary, counts them and goes on', async () => {
    fixture.write('app.log', `${'é'.repeat(20)}\nshort\n`);
    const { harness } = await fixture.start({
      path: 'app.log',
      startAt: 'beginning',
      maxLineBytes: 17,
    });
    await harness.waitFor(() => harness.events.length === 2, 'two lines');
    expect(harness.keys).toEqual(['é'.repeat(8), 'short']);
    expect(harness.notices).toEqual([
      { name: 'line-too-long', fields: { path: fixture.at('app.log'), offset: 0, bytes: 40 } },
    ]);
  });

  it('counts lines the parser rejects as parse errors and moves past them', async () => {
    fixture.write('app.log', 'user=ada\nnobody\nuser=bob\n');
    const { harness } = await fixture.start({
      path: 'app.log',
      startAt: 'beginning',
      key: { regex: 'user=(\\w+)' },
    });
    await harness.waitFor(() => lastFiles(harness)[0]?.offset === 25, 'the whole file');
    expect(harness.keys).toEqual(['ada', 'bob']);
    expect(harness.parseErrors).toEqual([{ message: 'key regex did not match', input: 'nobody' }]);
  });

  it('starts at the end on first sight, keeping a line in progress whole', async () => {
    fixture.write('app.log', 'old\npar');
    const { harness } = await fixture.start({ path: 'app.log', startAt: 'end' });
    await harness.waitFor(() => lastFiles(harness).length === 1, 'the first position');
    expect(lastFiles(harness)[0].offset).toBe(4);
    fixture.append('app.log', 'tial\nnew\n');
    await harness.waitFor(() => harness.events.length === 2, 'the new lines');
    expect(harness.keys).toEqual(['partial', 'new']);
  });

  it('resumes at the committed position on restart, whatever startAt says', async () => {
    fixture.write('app.log', 'old\n');
    const first = await fixture.start({ path: 'app.log', startAt: 'end' });
    await first.harness.waitFor(() => lastFiles(first.harness).length === 1, 'a position');
    await first.source.stop();
    fixture.append('app.log', 'while-down\n');

    const second = await fixture.start(
      { path: 'app.log', startAt: 'end' },
      first.harness.lastPosition,
    );
    await second.harness.waitFor(() => second.harness.events.length === 1, 'the missed line');
    expect(second.harness.keys).toEqual(['while-down']);
    expect(first.harness.events).toEqual([]);
  });

  it('waits in idle for a file that does not exist yet and reads it whole once it appears', async () => {
    const { harness } = await fixture.start({ path: 'later.log', startAt: 'end' });
    await harness.waitFor(() => harness.lastState === 'idle', 'the idle state');
    expect(harness.states.at(-1)).toEqual({
      state: 'idle',
      error: `waiting for ${fixture.at('later.log')}: file does not exist yet`,
    });
    fixture.write('later.log', 'first\n');
    await harness.waitFor(() => harness.events.length === 1, 'the new file');
    expect(harness.keys).toEqual(['first']);
    expect(harness.lastState).toBe('running');
  });

  it('fails on a directory, with the reason', async () => {
    mkdirSync(fixture.at('logs'));
    const { harness } = await fixture.start({ path: 'logs' });
    await harness.waitFor(() => harness.lastState === 'failed', 'the failed state');
    expect(harness.states.at(-1)).toEqual({
      state: 'failed',
      error: `${fixture.at('logs')} is a directory, not a file`,
    });
  });

  it('fails on a path that is not a regular file, with the reason', async () => {
    const server: Server = createServer();
    await new Promise<void>((resolve) => server.listen(fixture.at('app.sock'), resolve));
    try {
      const { harness } = await fixture.start({ path: 'app.sock' });
      await harness.waitFor(() => harness.lastState === 'failed', 'the failed state');
      expect(harness.states.at(-1)?.error).toBe(`${fixture.at('app.sock')} is not a regular file`);
    } finally {
      server.close();
    }
  });

  it.skipIf(process.getuid?.() === 0)(
    'fails on a file it may not read, with the reason',
    async () => {
      fixture.write('secret.log', 'x\n');
      chmodSync(fixture.at('secret.log'), 0o000);
      const { harness } = await fixture.start({ path: 'secret.log' });
      await harness.waitFor(() => harness.lastState === 'failed', 'the failed state');
      expect(harness.states.at(-1)?.error).toMatch(/^cannot read .*secret\.log: EACCES/);
    },
  );

  it('stops reading while emit is refused and loses or repeats nothing after resume', async () => {
    fixture.write('app.log', numberedLines('line-', 2500));
    const { harness } = await fixture.start({ path: 'app.log', startAt: 'beginning' });
    harness.refuseEmits(1);
    await harness.waitFor(() => harness.isPaused, 'the refused emit');
    fixture.append('app.log', numberedLines('line-', 500, 2500));
    await sleep(SEVERAL_POLLS_MS);
    expect(harness.batches.map((batch) => batch.events.length)).toEqual([1000]);
    expect(harness.lastState).toBe('paused');

    harness.resume();
    await harness.waitFor(() => harness.events.length === 3000, 'every line');
    await sleep(SEVERAL_POLLS_MS);
    expect(harness.keys).toEqual(numberedKeys('line-', 3000));
    expect(harness.emitsWhilePaused).toBe(0);
    expect(Math.max(...harness.batches.map((batch) => batch.events.length))).toBe(1000);
  });
});
