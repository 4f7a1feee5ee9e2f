/**
 * Lets a polling loop sleep until its next poll or until something asks for one sooner (a file
 * system event, a resume, a stop). A wake that comes while the loop is busy is remembered, so
 * the next sleep returns at once.
 */
export class Waker {
  private pending = false;
  private release: (() => void) | undefined;

  /** Resolves after `ms`, or never by time when `ms` is undefined; earlier on `wake()`. */
  sleep(ms?: number): Promise<void> {
    if (this.pending) {
      this.pending = false;
      return Promise.resolve();
    }
    return new Promise((resolve) => {
      const timer = ms === undefined ? undefined : setTimeout(() => this.release?.(), ms);
      this.release = () => {
        clearTimeout(timer);
        this.release = undefined;
        resolve();
      };
    });
  }

  wake(): void {
    if (this.release) this.release();
    else this.pending = true;
  }
}
