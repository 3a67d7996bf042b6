// Measures the resolver on the second held-out sample (test/labelled/holdout-2): records from public
// sources the resolver was never tuned on, labelled before it ran on them. Prints the figures of
// `measure-resolution.ts --holdout`, per source and in total, beside the resources[]-only baseline,
// and the share of records that have a target (or whose target cannot be known) answered `no-target`:
// such an answer is neither a finding nor a gap, so the access disappears from every report.
//   TAGTRAIL_HOLDOUT2_DIR=<records dir> npx tsx scripts/measure-holdout2.ts [--records <dir>] [--misses] [--max-misses N]
// The records are rebuilt with scripts/holdout2-extract.ts (see test/labelled/holdout-2/README.md).
// Misses are printed only with --misses: a held-out sample stays honest only while nobody tunes on it.
import { existsSync } from 'node:fs';
import { performance } from 'node:perf_hooks';
import type { CloudTrailRecord, Resolution } from '../src/core/model';
import { loadHoldout2, loadLabels, type Label, type LabelledRecord } from '../test/labelled/labels';
import { loadResolveRecord } from '../test/labelled/loadResolver';
import { measure, ratio, resolveFromResourcesOnly, type Figures, type Resolve } from '../test/labelled/measure';

function pct(part: number, whole: number): string {
  return `${(100 * ratio(part, whole)).toFixed(1)}% (${part}/${whole})`;
}

/** Records labelled `targets` or `unknowable` that `resolve` answered `no-target`. */
interface NoTargetShare {
  records: number;
  answeredNoTarget: number;
}

function noTargetShare(items: LabelledRecord[], resolve: Resolve): NoTargetShare {
  const share: NoTargetShare = { records: 0, answeredNoTarget: 0 };
  for (const { label, record } of items) {
    if (label.expected.status === 'no-target') continue;
    share.records++;
    let res: Resolution | undefined;
    try {
      res = resolve(record);
    } catch {
      res = undefined;
    }
    if (res?.status === 'no-target') share.answeredNoTarget++;
  }
  return share;
}

interface Scored {
  figures: Figures;
  noTarget: NoTargetShare;
}

function score(items: LabelledRecord[], resolve: Resolve): Scored {
  return { figures: measure(items, resolve), noTarget: noTargetShare(items, resolve) };
}

function rows(s: Scored): [string, string][] {
  const f = s.figures;
  return [
    ['records with targets: all found', pct(f.allFound, f.targetRecords)],
    ['precision of reported targets', pct(f.reportedExpected, f.reported)],
    ['no-target agreement', pct(f.noTargetAgreed, f.noTargetRecords)],
    ['unknowable left without targets', pct(f.unknowableAgreed, f.unknowableRecords)],
    ['targets/unknowable answered no-target', pct(s.noTarget.answeredNoTarget, s.noTarget.records)],
    ['unresolved/partial with a reason', pct(f.unresolvedWithReason, f.unresolved)],
    ['calls that threw', String(f.threw)],
  ];
}

function printTable(resolver: Scored | undefined, baseline: Scored, indent = ''): void {
  const b = rows(baseline);
  const r = resolver ? rows(resolver) : b.map(([k]) => [k, '-'] as [string, string]);
  const w0 = Math.max(...b.map(([k]) => k.length));
  const w1 = Math.max('resolver'.length, ...r.map(([, v]) => v.length));
  console.log(`${indent}${''.padEnd(w0)}  ${'resolver'.padEnd(w1)}  baseline (resources[] only)`);
  b.forEach(([k, bv], i) => console.log(`${indent}${k.padEnd(w0)}  ${(r[i]?.[1] ?? '').padEnd(w1)}  ${bv}`));
}

/** The public source a records file comes from (its name's prefix). */
function sourceOf(file: string): string {
  if (file.startsWith('awsdocs_')) return 'awsdocs (AWS documentation guides)';
  if (file.startsWith('elastic_')) return 'elastic/integrations';
  if (file.startsWith('techcadia_')) return 'Techcadia/cloudtrail-console-actions';
  return file;
}

function bySource(items: LabelledRecord[]): Map<string, LabelledRecord[]> {
  const out = new Map<string, LabelledRecord[]>();
  for (const it of items) {
    const s = sourceOf(it.label.file);
    out.set(s, [...(out.get(s) ?? []), it]);
  }
  return out;
}

function oneLine(s: Scored): string {
  const f = s.figures;
  return `all found ${pct(f.allFound, f.targetRecords)}, precision ${pct(f.reportedExpected, f.reported)}, no-target ${pct(f.noTargetAgreed, f.noTargetRecords)}, unknowable ${pct(f.unknowableAgreed, f.unknowableRecords)}, targets/unknowable answered no-target ${pct(s.noTarget.answeredNoTarget, s.noTarget.records)}`;
}

// Pairs the tuned labels never saw are the furthest from what tuning looked at.
function printTunedSplit(items: LabelledRecord[], tuned: Label[], resolve: Resolve): void {
  const tunedPairs = new Set(tuned.map((l) => `${l.eventSource}:${l.eventName}`));
  const pairOf = (it: LabelledRecord): string => `${it.label.eventSource}:${it.label.eventName}`;
  const split = [['pairs not in labels-*', items.filter((it) => !tunedPairs.has(pairOf(it)))], ['pairs also in labels-*', items.filter((it) => tunedPairs.has(pairOf(it)))]] as const;
  for (const [name, subset] of split) console.log(`  ${name} (${subset.length}): ${oneLine(score(subset, resolve))}`);
}

function printMisses(figures: Figures, max: number): void {
  const misses = figures.misses;
  console.log(`\nResolver misses: ${misses.length}${misses.length > max ? ` (first ${max} shown)` : ''}`);
  for (const m of misses.slice(0, max)) {
    console.log(`- ${m.where} ${m.pair}`);
    console.log(`    expected ${m.expectedStatus}${m.expected.length ? `: ${m.expected.join(', ')}` : ''}`);
    const got = m.got.map((g) => `${g.arn} (via ${g.via})`).join(', ');
    console.log(`    got      ${m.gotStatus}${got ? `: ${got}` : ''}`);
    if (m.extra.length) console.log(`    not expected ${m.extra.join(', ')}`);
    if (m.reason) console.log(`    reason   ${m.reason.length > 300 ? `${m.reason.slice(0, 300)}…` : m.reason}`);
  }
}

async function main(): Promise<number> {
  const args = process.argv.slice(2);
  const recordsArg = args.indexOf('--records');
  const recordsDir = recordsArg >= 0 ? args[recordsArg + 1] : process.env.TAGTRAIL_HOLDOUT2_DIR;
  const maxArg = args.indexOf('--max-misses');
  const max = maxArg >= 0 ? Number(args[maxArg + 1]) : 200;
  if (!recordsDir || !existsSync(recordsDir)) {
    console.log(`measure-holdout2: ${recordsDir ? `records folder ${recordsDir} not found` : 'TAGTRAIL_HOLDOUT2_DIR is not set'}; nothing to measure.`);
    console.log('  Rebuild the records with scripts/holdout2-extract.ts (test/labelled/holdout-2/README.md).');
    return 0;
  }
  const { labels, items, problems } = loadHoldout2(recordsDir);
  for (const p of problems) console.error(`label problem: ${p}`);

  let t0 = performance.now();
  const baseline = score(items, resolveFromResourcesOnly);
  const baselineMs = performance.now() - t0;
  const f = baseline.figures;
  console.log(`Held-out sample 2: ${f.records} records over ${f.pairs} distinct eventSource:eventName pairs (${labels.length} labels)`);
  console.log(`  expected: ${f.targetRecords} with targets, ${f.noTargetRecords} no-target, ${f.unknowableRecords} unknowable\n`);

  const resolve = await loadResolveRecord();
  t0 = performance.now();
  const resolver = typeof resolve === 'string' ? undefined : score(items, (r: CloudTrailRecord) => resolve(r));
  const resolverMs = performance.now() - t0;
  if (typeof resolve === 'string') console.log(`resolver not measured: ${resolve}\n`);
  printTable(resolver, baseline);

  console.log('\nBy source:');
  for (const [source, subset] of bySource(items)) {
    const pairs = new Set(subset.map((it) => `${it.label.eventSource}:${it.label.eventName}`)).size;
    console.log(`\n ${source}: ${subset.length} records, ${pairs} pairs`);
    const b = score(subset, resolveFromResourcesOnly);
    printTable(typeof resolve === 'string' ? undefined : score(subset, (r) => resolve(r)), b, '  ');
  }

  if (typeof resolve !== 'string') {
    console.log('\nBy whether the tuned labels (labels-*.jsonl) cover the pair:');
    printTunedSplit(items, loadLabels().labels, (r) => resolve(r));
    // One cold pass (the resolver pass also counts no-target answers, so it runs each record twice).
    console.log(`  time for one pass: resolver ${resolverMs.toFixed(1)} ms, baseline ${baselineMs.toFixed(1)} ms`);
  }
  if (resolver && args.includes('--misses')) printMisses(resolver.figures, max);
  return problems.length > 0 ? 1 : 0;
}

main().then((code) => { process.exitCode = code; }, (e: unknown) => {
  console.error(e);
  process.exitCode = 1;
});
