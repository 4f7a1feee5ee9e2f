import pino from 'pino';

/** The logging surface the engine uses: structured fields first, then a sentence. */
export interface Logger {
  debug(fields: object, message: string): void;
  info(fields: object, message: string): void;
  warn(fields: object, message: string): void;
  error(fields: object, message: string): void;
}

/**
 * A pino logger writing JSON lines to a file descriptor (stderr by default, so a dashboard on
 * stdout stays readable). Level from `STREAMLENS_LOG_LEVEL`, default `warn`.
 */
export function createLogger(destination: number | string = 2): Logger {
  const level = process.env.STREAMLENS_LOG_LEVEL ?? 'warn';
  return pino({ name: 'streamlens', level }, pino.destination({ dest: destination, sync: true }));
}

/** A logger that drops everything, for tests that assert on counters instead. */
export const silentLogger: Logger = {
  debug: () => {},
  info: () => {},
  warn: () => {},
  error: () => {},
};
