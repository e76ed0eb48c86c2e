/** A delay that `wake()` cuts short: polling loops wait on a timer but react at once when told. */
export class WakeableDelay {
  private wakeWaiter: (() => void) | null = null;

  wait(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const timer = setTimeout(done, ms);
      const self = this;
      function done() {
        clearTimeout(timer);
        self.wakeWaiter = null;
        resolve();
      }
      this.wakeWaiter = done;
    });
  }

  /** Ends the current wait, if any; a wake with nobody waiting is dropped. */
  wake(): void {
    this.wakeWaiter?.();
  }
}
