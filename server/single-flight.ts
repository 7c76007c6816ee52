/**
 * Runs a piece of background work one at a time (the event reader, the mail relay): a `poke()`
 * while a run is in flight folds into one more run after it, so nothing committed meanwhile is
 * missed and a burst of pokes costs two runs, not many. A failed run is swallowed: with the
 * database away, the next poke (a poll, a NOTIFY) tries again.
 */
export class SingleFlight {
  private running: Promise<void> | null = null;
  private again = false;

  /** `open`: false once the owner is stopped (or not yet started); pokes, also folded ones, then do nothing. */
  constructor(
    private readonly work: () => Promise<void>,
    private readonly open: () => boolean,
  ) {}

  poke(): void {
    if (!this.open()) return;
    if (this.running) {
      this.again = true;
      return;
    }
    this.running = this.work()
      .catch(() => undefined)
      .finally(() => {
        this.running = null;
        if (this.again) {
          this.again = false;
          this.poke();
        }
      });
  }

  /** Resolves once no run is in flight (also the one a poke during the last run asked for). */
  async idle(): Promise<void> {
    while (this.running) await this.running;
  }
}
