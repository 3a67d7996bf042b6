import { DescribeTrailsCommand, GetEventSelectorsCommand, GetTrailStatusCommand, type CloudTrailClient } from '@aws-sdk/client-cloudtrail';
import { persist } from '../aws/concurrency';
import { explainAwsError } from '../aws/errors';
import { addTrail, statusFrom } from './readFiles';
import type { AdvancedEventSelector, BasicEventSelector, TrailConfig, TrailDescription, TrailEntry } from './trailConfig';

export interface LiveTrailConfigOptions {
  /** The read-only CloudTrail client of a region (`AwsClients.cloudTrail`). */
  cloudTrail: (region: string) => CloudTrailClient;
  regions: readonly string[];
  signal?: AbortSignal;
}

function problem(e: unknown, signal: AbortSignal | undefined): string {
  if (signal?.aborted) throw e;
  return explainAwsError(e).message;
}

/**
 * The trail configuration of a live account: DescribeTrails in every region checked (with shadow
 * trails, so multi-region and organisation trails are listed once each), then GetTrailStatus and
 * GetEventSelectors of each trail in its home region. A refused call (a missing permission) does
 * not stop the check: the part it would have told is recorded as a problem naming the IAM action,
 * and every verdict it decides is `unknown`, never `logged`.
 * Calls: one DescribeTrails per region, two calls per trail.
 */
export async function readLiveTrailConfig(opts: LiveTrailConfigOptions): Promise<TrailConfig> {
  const { signal } = opts;
  const p = signal ? { signal } : {};
  const trails = new Map<string, TrailEntry>();
  const listed: string[] = [];
  let listProblem: string | undefined;
  for (const region of opts.regions) {
    try {
      const out = await persist(() => opts.cloudTrail(region).send(new DescribeTrailsCommand({ includeShadowTrails: true }), { abortSignal: signal }), p);
      for (const t of out.trailList ?? []) addTrail(trails, { ...t, ...(t.HomeRegion ? {} : { HomeRegion: region }) } as TrailDescription);
      listed.push(region);
    } catch (e) {
      listProblem = `the trails of ${region} could not be listed: ${problem(e, signal)}`;
      break;
    }
  }
  for (const entry of trails.values()) {
    const arn = entry.description.TrailARN ?? entry.description.Name ?? '';
    const home = entry.description.HomeRegion ?? opts.regions[0]!;
    try {
      const s = await persist(() => opts.cloudTrail(home).send(new GetTrailStatusCommand({ Name: arn }), { abortSignal: signal }), p);
      entry.status = statusFrom(s as unknown as Record<string, unknown>);
    } catch (e) {
      entry.statusProblem = problem(e, signal);
    }
    try {
      const sel = await persist(() => opts.cloudTrail(home).send(new GetEventSelectorsCommand({ TrailName: arn }), { abortSignal: signal }), p);
      if (sel.AdvancedEventSelectors && sel.AdvancedEventSelectors.length > 0) entry.advancedEventSelectors = sel.AdvancedEventSelectors as AdvancedEventSelector[];
      else entry.eventSelectors = (sel.EventSelectors ?? []) as BasicEventSelector[];
    } catch (e) {
      entry.selectorsProblem = problem(e, signal);
    }
  }
  return { sources: ['live AWS'], trails: [...trails.values()], regionsListed: listed, ...(listProblem ? { listProblem } : {}), notes: [] };
}
