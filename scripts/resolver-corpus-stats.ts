// Prints how the resolver fares on the shared corpus (../shared/corpus/*.jsonl): statuses, the
// commonest reasons, and how targets were found. Usage: npx tsx scripts/resolver-corpus-stats.ts [--examples N]
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { resolveRecord } from '../src/core/resolve/resolver';
import type { CloudTrailRecord } from '../src/core/model';

const corpus = resolve(process.cwd(), '../shared/corpus');
if (!existsSync(corpus)) {
  console.log(`corpus not found at ${corpus}: nothing to measure`);
  process.exit(0);
}
const exIdx = process.argv.indexOf('--examples');
const examples = exIdx > 0 ? Number(process.argv[exIdx + 1]) : 0;
const status: Record<string, number> = {};
const reasons = new Map<string, { n: number; where: string }>();
const via: Record<string, number> = {};
let total = 0;
for (const f of readdirSync(corpus).filter((n) => n.endsWith('.jsonl')).sort()) {
  const lines = readFileSync(join(corpus, f), 'utf8').split('\n');
  lines.forEach((line, i) => {
    if (!line.trim()) return;
    const rec = JSON.parse(line) as CloudTrailRecord;
    const r = resolveRecord(rec);
    total++;
    status[r.status] = (status[r.status] ?? 0) + 1;
    for (const t of r.targets) via[t.via] = (via[t.via] ?? 0) + 1;
    if (r.status !== 'resolved') {
      // Group reasons by their shape, not by the names inside them.
      const key = `${r.status} | ${(r.reason ?? '').replace(/"[^"]*"/g, '"…"').slice(0, 180)}`;
      const e = reasons.get(key) ?? { n: 0, where: `${f}:${i + 1}` };
      e.n++;
      reasons.set(key, e);
    }
  });
}
console.log(`records: ${total}`);
for (const [s, n] of Object.entries(status)) console.log(`  ${s.padEnd(11)} ${n} (${((100 * n) / total).toFixed(1)}%)`);
console.log(`targets by via: ${JSON.stringify(via)}`);
console.log('reasons (commonest first):');
for (const [k, e] of [...reasons].sort((a, b) => b[1].n - a[1].n).slice(0, examples || 40)) console.log(`  ${String(e.n).padStart(4)} ${k}   [${e.where}]`);
