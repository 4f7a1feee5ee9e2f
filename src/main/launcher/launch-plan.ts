/** What `npm start` found out about Electron on this machine. */
export interface ElectronProbe {
  /** The installed binary, when there is one. */
  binary?: string;
  /** Why no fetch was tried (the user turned downloads off), when none was. */
  fetchSkipped?: string;
  /** Why the fetch failed, when one was tried and failed. */
  fetchFailure?: string;
}

/** How `npm start` runs Streamlens. */
export type LaunchPlan =
  { mode: 'desktop'; binary: string } | { mode: 'browser'; reason: string; notice: string };

/**
 * Picks the desktop app when an Electron binary is there, else the browser dashboard
 * (`streamlens serve`) with the one line that tells the user why.
 *
 * @example decideLaunch({ fetchFailure: 'fetch failed' }).mode // 'browser'
 */
export function decideLaunch(probe: ElectronProbe): LaunchPlan {
  if (probe.binary) return { mode: 'desktop', binary: probe.binary };
  const reason = probe.fetchSkipped
    ? `its binary is not installed and ${probe.fetchSkipped}`
    : `its binary is not installed and could not be downloaded: ${probe.fetchFailure ?? 'unknown error'}`;
  return { mode: 'browser', reason, notice: unavailableNotice(reason) };
}

/** The one line `npm start` prints when it falls back to the browser. */
export function unavailableNotice(reason: string): string {
  return `Electron is not available on this machine (${reason}); serving the dashboard in your browser instead.`;
}

/**
 * Why a download must not be tried, from the environment: `ELECTRON_SKIP_BINARY_DOWNLOAD`
 * set to anything but empty, `0` or `false`.
 */
export function downloadSkipReason(env: NodeJS.ProcessEnv): string | undefined {
  const value = env.ELECTRON_SKIP_BINARY_DOWNLOAD?.trim().toLowerCase();
  if (!value || value === '0' || value === 'false') return undefined;
  return 'ELECTRON_SKIP_BINARY_DOWNLOAD is set';
}
