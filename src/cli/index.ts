import { Command, CommanderError, InvalidArgumentError } from 'commander';
import { createRequire } from 'node:module';
import { runCommand } from './run.ts';
import { MAX_RUN_SECONDS } from './stop-signal.ts';
import { DEFAULT_SERVE_HOST, DEFAULT_SERVE_PORT, serveCommand } from './serve.ts';

const { version } = createRequire(import.meta.url)('../../package.json') as { version: string };

/** Parses a positive number of seconds for `--for`, at most what a timer can wait. */
function seconds(value: string): number {
  const parsed = Number(value);
  if (!Number.isFinite(parsed) || parsed <= 0 || parsed > MAX_RUN_SECONDS) {
    throw new InvalidArgumentError(`must be a number of seconds from 0 to ${MAX_RUN_SECONDS}`);
  }
  return parsed;
}

/** Parses a TCP port for `--port`; 0 lets the system pick a free one. */
function port(value: string): number {
  const parsed = Number(value);
  if (!/^\d+$/.test(value) || parsed > 65_535) {
    throw new InvalidArgumentError('must be a port number from 0 to 65535');
  }
  return parsed;
}

function buildProgram(setExitCode: (code: number) => void): Command {
  const program = new Command('streamlens')
    .description('Watch live event streams: trending keys, bursts and pipeline health.')
    .version(version, '-V, --version', 'print the version')
    .showHelpAfterError('(run with --help for usage)')
    .exitOverride();

  program
    .command('run')
    .description('run the engine headless and print a live text dashboard once a second')
    .option('-c, --config <file>', 'YAML config (default: your config file, else a demo stream)')
    .option('-d, --data-dir <dir>', 'where the event log is kept (default: your data folder)')
    .option('--for <seconds>', 'stop cleanly after this many seconds', seconds)
    .option('--snapshot-json <file>', 'write the last snapshot as JSON at exit')
    .option('-q, --quiet', 'print no dashboard')
    .action(async (options) => setExitCode(await runCommand(options)));

  program
    .command('serve')
    .description('run the engine and serve the dashboard to a browser, with an access token')
    .option('-c, --config <file>', 'YAML config (default: your config file, else a demo stream)')
    .option('-d, --data-dir <dir>', 'where the event log is kept (default: your data folder)')
    .option('--host <address>', 'address to listen on', DEFAULT_SERVE_HOST)
    .option('-p, --port <port>', '0 picks a free port', port, DEFAULT_SERVE_PORT)
    .action(async (options) => setExitCode(await serveCommand(options)));

  return program;
}

/** Runs the command line and resolves to the process exit code. */
export async function main(argv: string[]): Promise<number> {
  let exitCode = 0;
  const program = buildProgram((code) => (exitCode = code));
  try {
    await program.parseAsync(argv);
  } catch (error) {
    if (error instanceof CommanderError) {
      return error.code === 'commander.helpDisplayed' || error.code === 'commander.version' ? 0 : 2;
    }
    throw error;
  }
  return exitCode;
}
