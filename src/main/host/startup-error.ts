/**
 * Why the engine could not start: `bad-input` for a config or data folder the user must fix,
 * `failure` when what was given is fine but opening it failed (the log is in use by another
 * Streamlens, the worker died).
 */
export type StartupFailureKind = 'bad-input' | 'failure';

/** The engine could not start (bad config, unusable data folder): one line per problem. */
export class EngineStartupError extends Error {
  constructor(
    readonly errors: string[],
    readonly kind: StartupFailureKind = 'bad-input',
  ) {
    super(errors.join('\n'));
    this.name = 'EngineStartupError';
  }
}
