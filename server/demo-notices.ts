/**
 * The demo's known-issue notices (issue 18), as rows: written by the seed (server/seed.ts) and
 * answered by the Storybook mocks (stories/mocks/), so both show the same. Pure data: no database.
 * The ERP demo window runs 2026.3.1, inside the first one's range; the second is fixed.
 */
import { DAY_MS } from '../src/domain/time.js';
import type { NoticesTable } from './db.js';

/** `agentId`: who published them (the seed's agent; null in the mocks). */
export function demoNotices(now: Date, agentId: string | null): NoticesTable[] {
  const iso = (days: number) => new Date(now.getTime() - days * DAY_MS).toISOString();
  const agent = agentId;
  return [
    {
      id: 'ntc_demo_print', program: 'CadiaOFFICE Warenwirtschaft', version_from: '2026.3.0', version_to: '2026.3.1',
      title: 'Rechnungsdruck bricht nach dem Update ab', title_en: 'Printing invoices stops after the update',
      text: 'Seit Version 2026.3.0 bricht der Druck von Sammelrechnungen mit mehr als 50 Positionen ohne Fehlermeldung ab. Wir arbeiten an einer Korrektur.',
      text_en: 'Since version 2026.3.0, printing collective invoices with more than 50 items stops without an error message. We are working on a fix.',
      workaround: 'Drucken Sie Sammelrechnungen bis zur Korrektur über „Datei → Als PDF speichern“ und dann aus dem PDF.',
      workaround_en: 'Until the fix, print collective invoices via “File → Save as PDF” and then from the PDF.',
      status: 'workaround', fixed_in: '', created_at: iso(2), updated_at: iso(1), fixed_at: null, created_by: agent,
    },
    {
      id: 'ntc_demo_datev', program: 'CadiaOFFICE Warenwirtschaft', version_from: '2026.2.0', version_to: '2026.2.4',
      title: 'DATEV-Export ohne Kostenstellen', title_en: 'DATEV export without cost centres',
      text: 'Der DATEV-Export ließ die Kostenstellen weg. Behoben in 2026.2.5.', text_en: 'The DATEV export left out the cost centres. Fixed in 2026.2.5.',
      workaround: '', workaround_en: '', status: 'fixed', fixed_in: '2026.2.5', created_at: iso(40), updated_at: iso(30), fixed_at: iso(30), created_by: agent,
    },
  ];
}
