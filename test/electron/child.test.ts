import { EventEmitter } from 'node:events';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runChild } from '../../src/main/launcher/child.ts';
import { makeTempDir } from '../support/temp-dir.ts';

const temp = makeTempDir('streamlens-child-');
afterAll(() => temp.cleanup());

/** A child that reports each signal it gets in a file and exits 3 on SIGTERM. */
const script = join(temp.dir, 'child.js');
writeFileSync(
  script,
  `const { appendFileSync, writeFileSync } = require('node:fs');
const [log] = process.argv.slice(2);
for (const signal of ['SIGINT', 'SIGHUP']) process.on(signal, () => appendFileSync(log, signal + '\\n'));
process.on('SIGTERM', () => { appendFileSync(log, 'SIGTERM\\n'); process.exit(3); });
writeFileSync(log + '.ready', '');
// Never outlive a failed test run.
setTimeout(() => process.exit(9), 30000);
`,
);

async function waitFor(condition: () => boolean, what: string) {
  const deadline = Date.now() + 10_000;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

const linesOf = (file: string) => (existsSync(file) ? readFileSync(file, 'utf8') : '');

describe('runChild', () => {
  it('resolves to the exit code of the command', async () => {
    const command = { command: process.execPath, args: ['-e', 'process.exit(7)'], cwd: temp.dir };
    expect(await runChild({ ...command, env: process.env }, new EventEmitter())).toBe(7);
  });

  it('forwards each kind of termination signal once and stops forwarding after the exit', async () => {
    const log = join(temp.dir, 'signals.log');
    const signals = new EventEmitter();
    const run = runChild(
      { command: process.execPath, args: [script, log], cwd: temp.dir, env: process.env },
      signals,
    );
    await waitFor(() => existsSync(`${log}.ready`), 'the child');
    // One at a time: the OS delivers pending signals in its own order.
    signals.emit('SIGINT');
    await waitFor(() => linesOf(log) === 'SIGINT\n', 'SIGINT');
    signals.emit('SIGINT'); // the same Ctrl-C, relayed by npm
    signals.emit('SIGHUP');
    await waitFor(() => linesOf(log) === 'SIGINT\nSIGHUP\n', 'SIGHUP');
    signals.emit('SIGTERM');

    expect(await run).toBe(3);
    expect(linesOf(log)).toBe('SIGINT\nSIGHUP\nSIGTERM\n');
    expect(['SIGINT', 'SIGTERM', 'SIGHUP'].map((s) => signals.listenerCount(s))).toEqual([0, 0, 0]);
  });

  it('answers 127 for a command that does not exist', async () => {
    const missing = { command: join(temp.dir, 'nope'), args: [], cwd: temp.dir, env: {} };
    expect(await runChild(missing, new EventEmitter())).toBe(127);
  });
});
