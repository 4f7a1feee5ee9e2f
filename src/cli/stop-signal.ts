/** Why a long-running command stops. */
export type StopReason =
  | { kind: 'time' }
  | { kind: 'signal'; signal: NodeJS.Signals }
  | { kind: 'failure'; message: string };

/** Signals that ask a command to stop cleanly: Ctrl-C, `kill`, a closed terminal. */
const STOP_SIGNALS: NodeJS.Signals[] = ['SIGINT', 'SIGTERM', 'SIGHUP'];

/** The longest `--for`, seconds: timers cannot wait longer than 2^31 - 1 ms. */
export const MAX_RUN_SECONDS = Math.floor((2 ** 31 - 1) / 1000);

export interface StopOptions {
  /** Stop after this many seconds. */
  seconds?: number;
  /** Subscribes to a failure of what runs; returns the unsubscribe function. */
  onFailure?: (listener: (message: string) => void) => () => void;
  /** Lets a caller stop the wait, e.g. when stdout goes away. */
  trigger?: (stop: (reason: StopReason) => void) => void;
}

/** Resolves at the first of: the time is up, a stop signal, a failure, a trigger. */
export function waitForStop(options: StopOptions = {}): Promise<StopReason> {
  return new Promise((resolve) => {
    let unsubscribe = () => {};
    const onSignal = (signal: NodeJS.Signals) => finish({ kind: 'signal', signal });
    const finish = (reason: StopReason) => {
      clearTimeout(timer);
      for (const signal of STOP_SIGNALS) process.off(signal, onSignal);
      unsubscribe();
      resolve(reason);
    };
    const timer =
      options.seconds === undefined
        ? undefined
        : setTimeout(() => finish({ kind: 'time' }), options.seconds * 1000);
    for (const signal of STOP_SIGNALS) process.once(signal, onSignal);
    unsubscribe =
      options.onFailure?.((message) => finish({ kind: 'failure', message })) ?? unsubscribe;
    options.trigger?.(finish);
  });
}
