#!/usr/bin/env node
// Where the bytes of each budget come from: walks the built files an entry loads at start
// (dist/size-manifest-*.json), reads their source maps and attributes the minified bytes to the
// source files (packages grouped). The gzip column spreads each file's gzip size over its sources
// in proportion to their minified bytes — an estimate, good enough to see what pulls bytes in.
// Usage: node bench/size-report.mjs [entry-substring] [--files]
import { readFileSync, existsSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import { SourceMapConsumer } from 'source-map-js';

const dist = new URL('../dist/', import.meta.url);
const args = process.argv.slice(2);
const byFile = args.includes('--files');
const filter = args.find((a) => !a.startsWith('--'));

const manifests = { ...json('size-manifest-all.json'), ...json('size-manifest-cdn-all.json'), ...json('size-manifest-cdn.json') };
function json(name) {
  const u = new URL(name, dist);
  if (!existsSync(u)) throw new Error(`dist/${name} is missing: run npm run build first`);
  return JSON.parse(readFileSync(u, 'utf8'));
}

/** A source path → the group it is reported under. */
function group(source) {
  const s = source.replace(/\\/g, '/');
  const pkg = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(s);
  if (pkg) return pkg[1];
  const src = /(?:^|\/)src\/(.*)$/.exec(s);
  if (!src) return s;
  return byFile ? src[1] : src[1].replace(/\/[^/]+$/, '/');
}

const cache = new Map();
/** Minified bytes of one built file per group, plus its gzip size. */
function attribute(file) {
  if (cache.has(file)) return cache.get(file);
  const code = readFileSync(new URL(file, dist), 'utf8');
  const lines = code.split('\n');
  const map = new SourceMapConsumer(JSON.parse(readFileSync(new URL(`${file}.map`, dist), 'utf8')));
  const bytes = new Map();
  let last;
  const add = (g, n) => bytes.set(g, (bytes.get(g) ?? 0) + n);
  map.eachMapping((m) => {
    if (last) {
      const end = m.generatedLine === last.line ? m.generatedColumn : lines[last.line - 1].length;
      add(last.group, Math.max(0, end - last.col));
    }
    last = { line: m.generatedLine, col: m.generatedColumn, group: m.source ? group(m.source) : '(glue)' };
  });
  if (last) add(last.group, lines[last.line - 1].length - last.col);
  const total = Buffer.byteLength(code);
  const mapped = [...bytes.values()].reduce((a, b) => a + b, 0);
  if (total > mapped) add('(glue)', total - mapped);
  const result = { bytes, total, gzip: gzipSync(code, { level: 9 }).length };
  cache.set(file, result);
  return result;
}

for (const [entry, files] of Object.entries(manifests)) {
  if (filter && !entry.includes(filter)) continue;
  const rows = new Map();
  let raw = 0;
  let gz = 0;
  for (const f of files) {
    const a = attribute(f);
    raw += a.total;
    gz += a.gzip;
    for (const [g, n] of a.bytes) {
      const r = rows.get(g) ?? { raw: 0, gzip: 0 };
      r.raw += n;
      r.gzip += (n / a.total) * a.gzip;
      rows.set(g, r);
    }
  }
  console.log(`\n${entry}: ${files.length} files, ${(raw / 1000).toFixed(1)} kB minified, ${(gz / 1000).toFixed(2)} kB gzip (sum per file)`);
  for (const f of files) {
    const a = attribute(f);
    console.log(`  file ${f.padEnd(44)} ${String(a.total).padStart(7)} B  ${(a.gzip / 1000).toFixed(2).padStart(6)} kB gz`);
  }
  for (const [g, r] of [...rows].sort((a, b) => b[1].raw - a[1].raw)) {
    console.log(`  ${g.padEnd(50)} ${String(r.raw).padStart(7)} B  ~${(r.gzip / 1000).toFixed(2).padStart(5)} kB gz`);
  }
}
