/**
 * The React wrappers' `onCadia…` props come from src/react/events.ts; every `@event` documented on
 * an element (custom-elements.json, written by the build) must be there, and nothing else. The support
 * team's desk has no wrapper: it runs on the vendor's own /agent page, never inside a host's React app.
 */
import { expect } from '@open-wc/testing';
import { EVENTS_BY_TAG, eventProp } from '../src/react/events.js';

interface Manifest {
  modules: { declarations?: { tagName?: string; customElement?: boolean; events?: { name: string }[] }[] }[];
}

const NOT_WRAPPED = new Set(['cadia-agent-desk']);

describe('React wrapper events', () => {
  it('match the events each element documents', async () => {
    const res = await fetch('/custom-elements.json');
    expect(res.ok, 'custom-elements.json (npm run build writes it)').to.equal(true);
    const manifest = (await res.json()) as Manifest;
    const documented = Object.fromEntries(
      manifest.modules.flatMap((m) => m.declarations ?? []).filter((d) => d.customElement && d.tagName && !NOT_WRAPPED.has(d.tagName)).map((d) => [d.tagName, (d.events ?? []).map((e) => e.name).sort()]),
    );
    const wrapped = Object.fromEntries(Object.entries(EVENTS_BY_TAG).map(([tag, names]) => [tag, [...names].sort()]));
    expect(wrapped).to.deep.equal(documented);
    expect(eventProp('cadia-ticket-created')).to.equal('onCadiaTicketCreated');
  });
});
