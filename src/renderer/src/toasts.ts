import { ApiError } from '../../shared/api.ts';

/** A notice in the corner: what could not be done (`action`, `subject`) and why (`cause`). */
export interface Toast {
  id: number;
  /** What the user asked for, as a failure: `Could not stop source`. */
  action: string;
  /** What it was asked of, shown as code: `web`. */
  subject: string;
  cause: string;
}

/**
 * The one-line cause of a failed call: the engine's message, or the error's. Over the
 * Electron preload a failure arrives as plain `ApiErrorData` (the bridge strips Error
 * instances), so any object with a string `message` counts.
 */
export function causeOf(error: unknown): string {
  if (error instanceof ApiError || error instanceof Error) return error.message || error.name;
  if (typeof error === 'object' && error !== null) {
    const { message, name } = error as { message?: unknown; name?: unknown };
    if (typeof message === 'string' && message) return message;
    if (typeof name === 'string' && name) return name;
  }
  return String(error);
}

/** The whole toast as one sentence, for screen readers and logs. */
export function toastText(toast: Toast): string {
  return `${toast.action} \`${toast.subject}\`: ${toast.cause}`;
}
