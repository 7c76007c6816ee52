#!/usr/bin/env node
// Records the reference backend's answers for the Storybook mocks:
//   node --import tsx scripts/gen-story-fixtures.mjs
// Run it after changing server/seed.ts or the contract; the MSW contract test fails until you do.
import { writeFileSync } from 'node:fs';
import { collectFixtures } from '../stories/mocks/collect.ts';

const out = new URL('../stories/mocks/fixtures.json', import.meta.url);
const fixtures = await collectFixtures();
writeFileSync(out, `${JSON.stringify(fixtures, null, 1)}\n`);
const c = fixtures.customers;
console.log(
  `stories/mocks/fixtures.json: ${c.positive.tickets.length} + ${c.negative.tickets.length} tickets, ` +
    `${fixtures.packages.items.length} packages, ${fixtures.faq.length} FAQ articles, ${Object.keys(fixtures.attachments).length} attachments`,
);
