/**
 * One timer per element for things that change with the clock (offer countdowns, an offer that
 * expires while the page is open). It re-renders the host on the next step boundary (a minute by
 * default) or exactly at the next deadline, whichever comes first, and only while there is a
 * deadline ahead; it stops when the host leaves the page.
 */
import type { ReactiveController, ReactiveControllerHost } from 'lit';

export class TickerController implements ReactiveController {
  /** The time the current render uses; set right before each update so one render sees one "now". */
  now = new Date();
  private timer: ReturnType<typeof setTimeout> | undefined;
  private connected = false;

  constructor(
    private readonly host: ReactiveControllerHost,
    /** Instants the host cares about; when none lies ahead, no timer runs. */
    private readonly deadlines: () => ReadonlyArray<string | Date>,
    private readonly stepMs = 60_000,
  ) {
    host.addController(this);
  }

  hostConnected(): void {
    this.connected = true;
    this.host.requestUpdate();
  }

  hostDisconnected(): void {
    this.connected = false;
    this.stop();
  }

  hostUpdate(): void {
    this.now = new Date();
  }

  /** Deadlines may change with every render (offers loaded, one ordered), so plan again after each. */
  hostUpdated(): void {
    this.schedule();
  }

  private stop(): void {
    clearTimeout(this.timer);
    this.timer = undefined;
  }

  private schedule(): void {
    this.stop();
    if (!this.connected) return;
    const now = Date.now();
    const ahead = this.deadlines()
      .map((d) => new Date(d).getTime())
      .filter((t) => t > now);
    if (!ahead.length) return;
    const nextStep = now + this.stepMs - (now % this.stepMs);
    const next = Math.min(nextStep, ...ahead);
    // A few ms late, so the render at a deadline already sees it as passed.
    this.timer = setTimeout(() => this.host.requestUpdate(), next - now + 15);
  }
}
