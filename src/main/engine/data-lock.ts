import { closeSync, openSync, readFileSync, unlinkSync, writeSync } from 'node:fs';
import { join } from 'node:path';

/** File that marks a data folder as in use by one engine. */
export const LOCK_FILE = 'engine.lock';

/**
 * Keeps two engines from appending to the same log: the second would interleave sequence
 * numbers and fail. The lock is a file holding the owner's pid, created exclusively; a lock
 * left by a process that no longer exists (after `kill -9`) is taken over.
 */
export class DataLock {
  private constructor(private readonly file: string) {}

  /** Takes the lock of `dataDir`, or throws an error that names the process holding it. */
  static acquire(dataDir: string): DataLock {
    const file = join(dataDir, LOCK_FILE);
    for (let attempt = 0; attempt < 2; attempt++) {
      try {
        const fd = openSync(file, 'wx');
        writeSync(fd, `${process.pid}\n`);
        closeSync(fd);
        return new DataLock(file);
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
        const owner = readOwner(file);
        if (owner !== undefined && isAlive(owner)) {
          throw new Error(`the data directory is in use by another Streamlens (pid ${owner})`);
        }
        unlinkSync(file); // stale: its owner is gone
      }
    }
    throw new Error('could not take the data directory lock');
  }

  release(): void {
    if (readOwner(this.file) === process.pid) unlinkSync(this.file);
  }
}

function readOwner(file: string): number | undefined {
  try {
    const pid = Number.parseInt(readFileSync(file, 'utf8'), 10);
    return Number.isSafeInteger(pid) && pid > 0 ? pid : undefined;
  } catch {
    return undefined;
  }
}

function isAlive(pid: number): boolean {
  if (pid === process.pid) return true;
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM'; // alive, someone else's
  }
}
