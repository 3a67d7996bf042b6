/**
 * Resolver throughput: `npx tsx scripts/bench-resolver.ts [--records=1000000]`.
 * Builds gzip trail files ({"Records": [...]}, 500 records each) in memory from the shared corpus,
 * then times, in the same process and alternating, the floor (gunzip + JSON.parse) and the floor
 * plus resolveRecord on every record. Prints records/s and the ratio to the floor; asserts nothing.
 * Aim: ≥ 0.6× the floor.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { gunzipSync, gzipSync } from 'node:zlib';
import { resolveRecord } from '../src/core/resolve/resolver';
import type { CloudTrailRecord } from '../src/core/model';

const corpus = resolve(__dirname, '../../shared/corpus');
if (!existsSync(corpus)) {
  console.log(`bench-resolver: skipped — the shared corpus is not at ${corpus}`);
  process.exit(0);
}
const total = Number(process.argv.find((a) => a.startsWith('--records='))?.split('=')[1] ?? 1_000_000);
const PER_FILE = 500;

const lines: string[] = [];
for (const f of readdirSync(corpus).filter((n) => n.endsWith('.jsonl')).sort()) {
  for (const l of readFileSync(join(corpus, f), 'utf8').split('\n')) if (l.trim()) lines.push(l);
}
// Shuffle deterministically so files mix services the way a real trail does.
let seed = 42;
const rand = () => ((seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648);
const files: Buffer[] = [];
let made = 0;
const t0 = Date.now();
while (made < total) {
  const n = Math.min(PER_FILE, total - made);
  const batch: string[] = [];
  for (let i = 0; i < n; i++) batch.push(lines[Math.floor(rand() * lines.length)] as string);
  files.push(gzipSync(`{"Records":[${batch.join(',')}]}`));
  made += n;
}
const mb = files.reduce((s, b) => s + b.length, 0) / 1e6;
console.log(`data: ${made} records from ${lines.length} corpus records, ${files.length} gzip files, ${mb.toFixed(0)} MB compressed (built in ${((Date.now() - t0) / 1000).toFixed(1)} s)`);

function floor(): number {
  let n = 0;
  for (const f of files) n += (JSON.parse(gunzipSync(f).toString('utf8')) as { Records: unknown[] }).Records.length;
  return n;
}

function withResolver(): number {
  let n = 0;
  let targets = 0;
  for (const f of files) {
    for (const r of (JSON.parse(gunzipSync(f).toString('utf8')) as { Records: CloudTrailRecord[] }).Records) {
      targets += resolveRecord(r).targets.length;
      n++;
    }
  }
  if (targets === 0) throw new Error('no targets: the benchmark measured nothing');
  return n;
}

function time(fn: () => number): { seconds: number; cpu: number } {
  const c0 = process.cpuUsage();
  const w0 = process.hrtime.bigint();
  fn();
  const cpu = process.cpuUsage(c0);
  return { seconds: Number(process.hrtime.bigint() - w0) / 1e9, cpu: (cpu.user + cpu.system) / 1e6 };
}

const rounds = 3;
const res: Record<string, { seconds: number; cpu: number }[]> = { floor: [], resolver: [] };
for (let i = 0; i < rounds; i++) {
  res.floor?.push(time(floor));
  res.resolver?.push(time(withResolver));
}
const best = (k: string, f: 'seconds' | 'cpu') => Math.min(...(res[k] ?? []).map((m) => m[f]));
console.log('mode                     best wall s   records/s   best CPU s');
for (const k of ['floor', 'resolver']) {
  console.log(`${(k === 'floor' ? 'gunzip+JSON.parse' : '… + resolveRecord').padEnd(24)} ${best(k, 'seconds').toFixed(2).padStart(11)} ${Math.round(made / best(k, 'seconds')).toString().padStart(11)} ${best(k, 'cpu').toFixed(2).padStart(12)}`);
}
console.log(`ratio to floor: ${(best('floor', 'seconds') / best('resolver', 'seconds')).toFixed(2)}× (wall), ${(best('floor', 'cpu') / best('resolver', 'cpu')).toFixed(2)}× (CPU); aim ≥ 0.6×`);
console.log(`peak RSS: ${(process.resourceUsage().maxRSS / 1024).toFixed(0)} MB`);
