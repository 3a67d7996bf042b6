// The grouping behind the Findings tree, timed in Node on the benchmark account's own check (the
// real file source and runner): groupFindings and groupGaps over 100,000+ findings, beside a
// baseline pass over the same findings in the same run. Run by run.ts before the editor starts.
import { performance } from 'node:perf_hooks';
import { checkSource } from '../../src/core/source/runner';
import { fileSource } from '../../src/core/source/fileSource';
import { groupFindings, groupGaps } from '../../src/core/report/group';
import type { CheckResult } from '../../src/core/model';

function median(runs: number, f: () => unknown): number {
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now();
    f();
    times.push(performance.now() - t0);
  }
  times.sort((a, b) => a - b);
  return times[Math.floor(times.length / 2)] ?? NaN;
}

export async function checkOf(files: { inventory: string; events: string[] }): Promise<CheckResult> {
  const run = await checkSource(fileSource({ inventory: [files.inventory], events: files.events }), { tagKeys: ['product'] });
  return run.result;
}

/** Prints the grouping figures; returns the number of findings grouped. */
export function benchGrouping(result: CheckResult): number {
  const findings = result.findings;
  // Baseline: one pass reading the fields grouping keys on, so that figures read as ratios.
  const baseline = median(5, () => findings.reduce((n, f) => n + f.principal.arn.length + f.resource.arn.length + f.eventName.length, 0));
  const groups = groupFindings(findings);
  const group = median(3, () => groupFindings(findings));
  const gaps = median(3, () => groupGaps(result.gaps));
  const x = (ms: number): string => `${(ms / baseline).toFixed(0)}x`;
  console.log(`bench-extension: grouping in Node, ${findings.length} findings -> ${groups.length} groups, ${result.gaps.length} gaps; baseline pass ${baseline.toFixed(2)} ms`);
  console.log(`  groupFindings  ${group.toFixed(0).padStart(6)} ms (${x(group)} baseline)`);
  console.log(`  groupGaps      ${gaps.toFixed(0).padStart(6)} ms`);
  return findings.length;
}
