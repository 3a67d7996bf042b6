/** A live check of the local endpoint through the one pipeline, by inventory source, with the calls it made. */
import { checkSource } from '../../../../src/core/source/runner';
import { liveSource, type LiveSourceOptions } from '../../../../src/core/source/liveSource';
import type { RunningEndpoint } from '../../../endpoint/server';

export async function liveCheck(ep: RunningEndpoint, opts: LiveSourceOptions & { now: number }) {
  const before = ep.log.length;
  const warnings: string[] = [];
  const source = liveSource(opts);
  const run = await checkSource(source, { tagKeys: ['product'], now: opts.now, onWarning: (w) => warnings.push(w) });
  const calls: Record<string, number> = {};
  for (const e of ep.log.slice(before)) calls[e.action] = (calls[e.action] ?? 0) + 1;
  return { run, warnings, calls, notes: run.result.scope.notes ?? [] };
}

/** Findings and gaps without where the event was read from, sorted: what two inventories must agree on. */
export function judged(result: { findings: unknown[]; gaps: unknown[] }): string[] {
  const strip = (x: unknown): string => JSON.stringify(x, (k, v: unknown) => (k === 'source' || k === 'position' ? undefined : v));
  return [...result.findings.map((f) => `F ${strip(f)}`), ...result.gaps.map((g) => `G ${strip(g)}`)].sort();
}

/** Calls other than the events' own (LookupEvents, trail files): what the inventory cost. */
export function inventoryCalls(calls: Record<string, number>): Record<string, number> {
  return Object.fromEntries(Object.entries(calls).filter(([a]) => !/^(cloudtrail:|s3:|sts:)/.test(a)).sort());
}
