import { spawn } from 'node:child_process';

/** A command `npm start` runs in the foreground. */
export interface ChildCommand {
  command: string;
  args: string[];
  cwd: string;
  env: NodeJS.ProcessEnv;
}

/** Where termination signals come from: the launcher's own process in real use. */
export interface SignalSource {
  on(signal: NodeJS.Signals, listener: () => void): unknown;
  off(signal: NodeJS.Signals, listener: () => void): unknown;
}

const FORWARDED: NodeJS.Signals[] = ['SIGINT', 'SIGTERM', 'SIGHUP'];

/**
 * Runs a command with the terminal's stdio and passes it the termination signals the launcher
 * gets, each kind once, so Ctrl-C or a `kill` reach it exactly once and it can stop cleanly. On POSIX the child
 * gets its own process group: the terminal's Ctrl-C reaches only the launcher, which forwards
 * it. Resolves to the exit code (128 + signal number when a signal ended it).
 */
export function runChild(command: ChildCommand, signals: SignalSource = process): Promise<number> {
  return new Promise((resolve) => {
    const child = spawn(command.command, command.args, {
      cwd: command.cwd,
      env: command.env,
      stdio: 'inherit',
      detached: process.platform !== 'win32',
    });
    // Once per kind: `npm start` in a terminal gets Ctrl-C both from the terminal and from npm,
    // and a second SIGINT would cut the child's clean stop short.
    const sent = new Set<NodeJS.Signals>();
    const forwarders = FORWARDED.map((signal) => {
      const forward = () => {
        if (!sent.has(signal)) child.kill(signal);
        sent.add(signal);
      };
      signals.on(signal, forward);
      return [signal, forward] as const;
    });
    const done = (code: number) => {
      for (const [signal, forward] of forwarders) signals.off(signal, forward);
      resolve(code);
    };
    child.on('error', (error) => {
      process.stderr.write(`streamlens: could not run ${command.command}: ${error.message}\n`);
      done(127);
    });
    child.on('exit', (code, signal) => done(code ?? 128 + signalNumber(signal)));
  });
}

function signalNumber(signal: NodeJS.Signals | null): number {
  const numbers: Partial<Record<NodeJS.Signals, number>> = { SIGHUP: 1, SIGINT: 2, SIGTERM: 15 };
  return (signal && numbers[signal]) || 9;
}
