/*
 * A child that must not outlive the process that started it: `npm start` runs
 * `streamlens serve` as a child, and a launcher killed with SIGKILL cannot pass anything on.
 */

/** The environment variable a launcher sets to its own pid for the child to watch. */
export const PARENT_PID_ENV = 'STREAMLENS_PARENT_PID';

/** How often the parent is looked for, ms. */
export const PARENT_CHECK_MS = 1000;

/** The pid to watch from `env`, or undefined when unset or not a pid. */
export function parentPidFrom(env: NodeJS.ProcessEnv): number | undefined {
  const value = env[PARENT_PID_ENV]?.trim() ?? '';
  const pid = Number(value);
  return /^\d+$/.test(value) && Number.isSafeInteger(pid) && pid > 1 ? pid : undefined;
}

export interface ParentWatchOptions {
  /** The pid the parent had when it started us. */
  parentPid: number;
  /** Our parent's pid now: `process.ppid`, which changes once the parent is gone. */
  currentParent?: () => number;
  /** ms between checks. */
  intervalMs?: number;
}

/**
 * Calls `onGone` once, at the first check that finds our parent is no longer `parentPid` (an
 * orphan is adopted by init or a subreaper). Returns the function that stops watching. The
 * timer does not keep the process alive.
 */
export function watchParent(options: ParentWatchOptions, onGone: () => void): () => void {
  const currentParent = options.currentParent ?? (() => process.ppid);
  const timer = setInterval(() => {
    if (currentParent() === options.parentPid) return;
    clearInterval(timer);
    onGone();
  }, options.intervalMs ?? PARENT_CHECK_MS);
  timer.unref();
  return () => clearInterval(timer);
}
