// Prints how well the resolver names the targets of the labelled sample (test/labelled/labels-*.jsonl),
// beside a baseline that reads only resources[], measured the same way in the same run.
// --holdout measures test/labelled/holdout.jsonl alone instead: records the resolver was not tuned on.
//   npx tsx scripts/measure-resolution.ts [--holdout] [--baseline-misses] [--max-misses N]
import * as path from 'node:path';
import { performance } from 'node:perf_hooks';
import { CORPUS_DIR, LABELS_DIR, corpusAvailable, loadLabelledRecords, loadLabels, type Label, type LabelledRecord } from '../test/labelled/labels';
import { loadResolveRecord } from '../test/labelled/loadResolver';
import { generalisationLine } from './measure-generalisation';
import { measure, ratio, resolveFromResourcesOnly, type Figures, type Miss, type Resolve } from '../test/labelled/measure';

function pct(part: number, whole: number): string {
  return `${(100 * ratio(part, whole)).toFixed(1)}% (${part}/${whole})`;
}

function rows(f: Figures): [string, string][] {
  return [
    ['records with targets: all found', pct(f.allFound, f.targetRecords)],
    ['precision of reported targets', pct(f.reportedExpected, f.reported)],
    ['no-target agreement', pct(f.noTargetAgreed, f.noTargetRecords)],
    ['unknowable left without targets', pct(f.unknowableAgreed, f.unknowableRecords)],
    ['unresolved/partial with a reason', pct(f.unresolvedWithReason, f.unresolved)],
    ['calls that threw', String(f.threw)],
  ];
}

/** The worst miss: a record that has a target, or whose target cannot be known, answered no-target. */
function printWronglyNoTarget(items: LabelledRecord[], resolve: Resolve): void {
  let bearing = 0;
  let wrong = 0;
  for (const it of items) {
    if (it.label.expected.status === 'no-target') continue;
    bearing++;
    if (resolve(it.record).status === 'no-target') wrong++;
  }
  console.log(`  target-bearing or unknowable records answered no-target: ${pct(wrong, bearing)}`);
}

function printTable(resolver: Figures | undefined, baseline: Figures): void {
  const b = rows(baseline);
  const r = resolver ? rows(resolver) : b.map(([k]) => [k, '-'] as [string, string]);
  const w0 = Math.max(...b.map(([k]) => k.length));
  const w1 = Math.max('resolver'.length, ...r.map(([, v]) => v.length));
  console.log(`${''.padEnd(w0)}  ${'resolver'.padEnd(w1)}  baseline (resources[] only)`);
  b.forEach(([k, bv], i) => console.log(`${k.padEnd(w0)}  ${(r[i]?.[1] ?? '').padEnd(w1)}  ${bv}`));
}

// Two people labelled the halves; a gap between their figures points at diverging conventions.
function printByLabelFile(items: LabelledRecord[], resolve: Resolve): void {
  const byFile = new Map<string, LabelledRecord[]>();
  for (const it of items) {
    const f = it.label.origin.split(':')[0] ?? '';
    byFile.set(f, [...(byFile.get(f) ?? []), it]);
  }
  for (const [file, subset] of byFile) {
    const f = measure(subset, resolve);
    console.log(`  ${file}: all found ${pct(f.allFound, f.targetRecords)}, precision ${pct(f.reportedExpected, f.reported)}, no-target ${pct(f.noTargetAgreed, f.noTargetRecords)}`);
  }
}

function printMisses(title: string, misses: Miss[], max: number): void {
  console.log(`\n${title}: ${misses.length}${misses.length > max ? ` (first ${max} shown)` : ''}`);
  for (const m of misses.slice(0, max)) {
    console.log(`- ${m.where} ${m.pair}`);
    console.log(`    expected ${m.expectedStatus}${m.expected.length ? `: ${m.expected.join(', ')}` : ''}`);
    const got = m.got.map((g) => `${g.arn} (via ${g.via})`).join(', ');
    console.log(`    got      ${m.gotStatus}${got ? `: ${got}` : ''}`);
    if (m.missing.length && m.expected.length > 1) console.log(`    missing  ${m.missing.join(', ')}`);
    if (m.extra.length) console.log(`    not expected ${m.extra.join(', ')}`);
    if (m.reason) console.log(`    reason   ${m.reason.length > 300 ? `${m.reason.slice(0, 300)}…` : m.reason}`);
  }
}

function loadHoldout(): { labels: Label[]; problems: string[] } {
  return loadLabels(LABELS_DIR, /^holdout\.jsonl$/);
}

// A held-out record must not be one the resolver was tuned on.
function tunedOverlap(labels: Label[], tuned: Label[]): string[] {
  const tunedRecords = new Set(tuned.map((l) => `${l.file}:${l.line}`));
  return labels.filter((l) => tunedRecords.has(`${l.file}:${l.line}`)).map((l) => `${l.origin}: record is also in labels-*.jsonl`);
}

// Pairs the tuned labels never saw are scored apart: they are the furthest from what tuning looked at.
function printHoldoutSplit(items: LabelledRecord[], tuned: Label[], resolve: Resolve): void {
  const tunedPairs = new Set(tuned.map((l) => `${l.eventSource}:${l.eventName}`));
  const pairOf = (it: LabelledRecord): string => `${it.label.eventSource}:${it.label.eventName}`;
  for (const [name, subset] of [['pairs not in labels-*', items.filter((it) => !tunedPairs.has(pairOf(it)))], ['pairs also in labels-*', items.filter((it) => tunedPairs.has(pairOf(it)))]] as const) {
    const f = measure(subset, resolve);
    console.log(`  ${name} (${subset.length}): all found ${pct(f.allFound, f.targetRecords)}, precision ${pct(f.reportedExpected, f.reported)}, no-target ${pct(f.noTargetAgreed, f.noTargetRecords)}, unknowable ${pct(f.unknowableAgreed, f.unknowableRecords)}`);
  }
}

async function main(): Promise<number> {
  const args = process.argv.slice(2);
  const maxArg = args.indexOf('--max-misses');
  const max = maxArg >= 0 ? Number(args[maxArg + 1]) : 200;
  if (!corpusAvailable()) {
    console.log(`measure-resolution: corpus not found at ${CORPUS_DIR}; nothing to measure.`);
    return 0;
  }
  const holdout = args.includes('--holdout');
  const tuned = loadLabels();
  const { labels, problems: badLabels } = holdout ? loadHoldout() : tuned;
  const { items, problems: recordProblems } = loadLabelledRecords(labels);
  const problems = [...badLabels, ...recordProblems, ...(holdout ? tunedOverlap(labels, tuned.labels) : [])];
  for (const p of problems) console.error(`label problem: ${p}`);

  const perFile = new Map<string, number>();
  for (const l of labels) perFile.set(l.origin.split(':')[0] ?? '', (perFile.get(l.origin.split(':')[0] ?? '') ?? 0) + 1);
  let t0 = performance.now();
  const baseline = measure(items, resolveFromResourcesOnly);
  const baselineMs = performance.now() - t0;
  console.log(`${holdout ? 'Held-out sample' : 'Labelled sample'}: ${baseline.records} records over ${baseline.pairs} distinct eventSource:eventName pairs`);
  console.log(`  ${[...perFile].map(([f, n]) => `${f} ${n}`).join(', ')}; corpus ${path.relative(process.cwd(), CORPUS_DIR)}`);
  console.log(`  expected: ${baseline.targetRecords} with targets, ${baseline.noTargetRecords} no-target, ${baseline.unknowableRecords} unknowable\n`);

  const resolve = await loadResolveRecord();
  t0 = performance.now();
  const resolver = typeof resolve === 'string' ? undefined : measure(items, (r) => resolve(r));
  const resolverMs = performance.now() - t0;
  if (typeof resolve === 'string') console.log(`resolver not measured: ${resolve}\n`);
  printTable(resolver, baseline);
  if (typeof resolve !== 'string') {
    if (holdout) printHoldoutSplit(items, tuned.labels, (r) => resolve(r));
    else printByLabelFile(items, (r) => resolve(r));
    printWronglyNoTarget(items, (r) => resolve(r));
    // First-call costs (table decoding, plan caches) are included: this is one cold pass, not a benchmark.
    console.log(`  time for one pass: resolver ${resolverMs.toFixed(1)} ms, baseline ${baselineMs.toFixed(1)} ms`);
  }
  if (resolver) printMisses('Resolver misses', resolver.misses, max);
  if (args.includes('--baseline-misses')) printMisses('Baseline misses', baseline.misses, max);
  if (!holdout && !args.includes('--no-generalisation')) {
    // Labels trail AWS: the same resolver over every IAM action with a resource type.
    console.log(`\n${generalisationLine()}\n  (per service: docs/resolver-generalisation.md; npx tsx scripts/measure-generalisation.ts)`);
  }
  return problems.length > 0 ? 1 : 0;
}

main().then((code) => { process.exitCode = code; }, (e: unknown) => {
  console.error(e);
  process.exitCode = 1;
});
