/**
 * The desk's store: the one caller of the agent backend for the desk, as CadiaStore is for the
 * customer widgets. It listens to the event stream (the agent gets every customer's events) and
 * tells the views per topic what may have changed — a colleague's reply, a customer's new ticket,
 * a credit moved by another booking — so two agents on one ticket see each other live.
 */
import type { BackendEvent } from '../../api/backend.js';
import { createAgentBackend, type AgentBackend } from '../../api/agent-backend.js';
import type { CadiaConfig } from '../../context/configure.js';

export type DeskTopic = 'queue' | 'ticket' | 'customers' | 'outbox' | 'notices';
/** `id`: the ticket an event was about, when it names one (the open ticket reloads only for its own). */
type Listener = (id?: string) => void;

export class DeskStore {
  readonly api: AgentBackend;
  /** The event stream is connected (the desk shows "Live"). */
  live = false;
  #listeners = new Map<DeskTopic, Set<Listener>>();
  #status = new Set<() => void>();
  #stop?: (() => void) | undefined;
  #wasOpen = false;

  constructor(config: CadiaConfig, locale: () => string, onUnauthorized: () => void) {
    this.api = createAgentBackend({ ...config, apiBase: config.apiBase ?? '/api', locale, onUnauthorized });
  }

  /** Calls `listener` whenever `topic` may have changed; the first watcher opens the event stream. */
  watch(topic: DeskTopic, listener: Listener): () => void {
    let set = this.#listeners.get(topic);
    if (!set) this.#listeners.set(topic, (set = new Set()));
    set.add(listener);
    this.#stop ??= this.api.subscribe((e) => this.#handle(e));
    return () => {
      set.delete(listener);
      if ([...this.#listeners.values()].every((s) => !s.size)) this.close();
    };
  }

  /** Told when the stream opens or drops. */
  onStatus(listener: () => void): () => void {
    this.#status.add(listener);
    return () => this.#status.delete(listener);
  }

  close(): void {
    this.#stop?.();
    this.#stop = undefined;
    this.live = false;
  }

  /** After a write of ours: what it changed, at once (the stream's event follows and is harmless). */
  changed(...topics: DeskTopic[]): void {
    this.#emit(topics);
  }

  #emit(topics: DeskTopic[], id?: string): void {
    for (const t of topics) for (const l of [...(this.#listeners.get(t) ?? [])]) l(id);
  }

  #handle(e: BackendEvent): void {
    if (e.type === 'connection') {
      this.live = e.state === 'open';
      for (const l of [...this.#status]) l();
      // Back after a drop: something may have been missed.
      if (this.live && this.#wasOpen) this.changed('queue', 'ticket', 'customers', 'outbox', 'notices');
      this.#wasOpen ||= this.live;
      return;
    }
    // Every change on the server may have queued a mail (confirmations, replies, offers).
    if (e.type === 'ticket') this.#emit(['queue', 'ticket', 'outbox'], e.id);
    else if (e.type === 'message') this.#emit(['queue', 'ticket'], e.ticketId);
    // A notice changed or someone subscribed (a fix queues mails too).
    else if (e.type === 'notice') this.#emit(['notices', 'outbox']);
    else this.#emit(['customers', 'ticket', 'outbox']);
  }
}
