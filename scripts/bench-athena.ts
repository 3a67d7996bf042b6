/**
 * Athena path vs local path, on the demo account and on the generated 1,000,000-record fixture
 * (bench-data/, made by `npm run bench`; generated here when absent and the corpus is there): the
 * scan's SQL runs in DuckDB over the same .json.gz files, its rows go through the same check, and
 * the findings are compared by count and identity. Prints the share of records the scan brings
 * back, and each path's wall time (figures, not assertions).
 *
 *   npx tsx scripts/bench-athena.ts [demo|fixture]...
 */
import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { ProductMapping } from '../src/core/model';
import { loadInventory } from '../src/core/inventory/loadInventory';
import { comparePaths, findingDifferences, type Paths } from '../test/unit/athena/equivalence';
import { ensureBenchData } from './bench/generate';

const ROOT = resolve(__dirname, '..');
const CORPUS = resolve(ROOT, '../shared/corpus');

function pct(part: number, whole: number): string {
  return whole === 0 ? 'n/a' : `${((100 * part) / whole).toFixed(1)}%`;
}

async function measure(name: string, paths: Paths): Promise<boolean> {
  const started = process.hrtime.bigint();
  const c = await comparePaths(paths);
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  const diff = findingDifferences(c);
  const ids = (fs: { eventID: string }[]): string => [...new Set(fs.map((f) => f.eventID))].sort().join(',');
  console.log(`${name}:`);
  console.log(`  records in window: ${c.all}; brought back by the scan: ${c.scanned} (${pct(c.scanned, c.all)})`);
  console.log(`  findings local ${c.local.findings.length} (${JSON.stringify(c.local.stats.findingsBySeverity)}), athena path ${c.athena.findings.length} (${JSON.stringify(c.athena.stats.findingsBySeverity)})`);
  console.log(`  findings counted beyond the list cap: local ${c.local.stats.findingsNotListed ?? 0}, athena ${c.athena.stats.findingsNotListed ?? 0}`);
  console.log(`  same findings (key = event id, caller, resource, products, severity, tier): ${diff.length === 0 ? 'yes' : `NO, ${diff.length} differ`}; same event ids: ${ids(c.local.findings) === ids(c.athena.findings) ? 'yes' : 'NO'}`);
  for (const line of diff.slice(0, 10)) console.log(`    ${line}`);
  console.log(`  scan SQL: ${c.sql.length} characters; ${c.spec.notes.join(' ')}`);
  console.log(`  both paths: ${seconds.toFixed(1)} s`);
  return diff.length === 0 && c.local.stats.findings === c.athena.stats.findings;
}

async function main(): Promise<void> {
  const which = process.argv.slice(2);
  const want = (k: string): boolean => which.length === 0 || which.includes(k);
  let ok = true;
  if (want('demo')) {
    const demo = join(ROOT, 'demo');
    ok = (await measure('demo account (demo/AWSLogs)', {
      logs: join(demo, 'AWSLogs'), inventory: await loadInventory([join(demo, 'inventory')]),
      mapping: JSON.parse(readFileSync(join(demo, 'mapping.json'), 'utf8')) as ProductMapping, tagKeys: ['product'],
    })) && ok;
  }
  if (want('fixture')) {
    const data = join(ROOT, 'bench-data');
    if (!existsSync(join(data, 'manifest.json')) && !existsSync(CORPUS)) {
      console.log(`fixture: skipped — no bench-data/ and no corpus at ${CORPUS} to generate it from`);
      return;
    }
    const manifest = existsSync(CORPUS) ? await ensureBenchData(data, CORPUS, 1_000_000) : (JSON.parse(readFileSync(join(data, 'manifest.json'), 'utf8')) as { records: number });
    ok = (await measure(`generated fixture (bench-data/, ${manifest.records} records)`, {
      logs: join(data, 'AWSLogs'), inventory: await loadInventory([join(data, 'inventory.json')]), tagKeys: ['product'], maxListed: 10_000_000,
    })) && ok;
  }
  if (!ok) process.exitCode = 1;
}

void main();
