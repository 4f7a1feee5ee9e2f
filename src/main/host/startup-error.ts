/** The engine could not start (bad config, unusable data folder): one line per problem. */
export class EngineStartupError extends Error {
  constructor(readonly errors: string[]) {
    super(errors.join('\n'));
    this.name = 'EngineStartupError';
  }
}
