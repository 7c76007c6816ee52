// Byte budgets (gzip gates CI; brotli is printed beside it). Each budget covers what a page loads
// at start for that entry: the entry file plus the shared chunks it imports statically (the
// rollup build writes that list to dist/size-manifest-*.json); lazy chunks are not counted.
const { readFileSync } = require('node:fs');

const read = (name) => JSON.parse(readFileSync(`dist/size-manifest-${name}.json`, 'utf8'));
const entries = read('entries');
const all = read('all');
const files = (manifest, entry) => manifest[entry].map((f) => `dist/${f}`);

const budgets = [
  ['all-in-one dist/cadia-widgets.js', files(all, 'cadia-widgets.js'), '35 KB'],
  ['credit badge alone', files(entries, 'define/cadia-credit-badge.js'), '14 KB'],
  ['ticket form alone', files(entries, 'define/cadia-ticket-form.js'), '22 KB'],
  ['package shop alone', files(entries, 'define/cadia-package-shop.js'), '20 KB'],
  ['ticket list alone (without the lazy virtualizer)', files(entries, 'define/cadia-ticket-list.js'), '22 KB'],
];

module.exports = budgets.flatMap(([name, path, limit]) => [
  { name: `${name} (gzip)`, path, limit, gzip: true },
  { name: `${name} (brotli)`, path, brotli: true, gzip: false },
]);
