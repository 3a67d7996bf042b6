/**
 * Tags of a resource over a check's window from AWS Config (GetResourceConfigHistory), as
 * `TagObservation`s for the tag timeline. Economical by construction: only the resources asked
 * for, newest item first, stopping at the first item captured at or before the window's start (the
 * state in force when the window opened), and never more than a budget of calls for the whole check.
 */
import { GetResourceConfigHistoryCommand, type ConfigServiceClient, type ConfigurationItem } from '@aws-sdk/client-config-service';
import type { TagObservation } from '../../model/tagHistory';
import { persist } from '../concurrency';
import { TagTrailAwsError } from '../errors';

/** A resource as Config names it. */
export interface ConfigResource { arn: string; resourceType: string; resourceId: string; region: string }

export interface HistoryBudget { calls: number; readonly max: number }

export interface HistoryResult {
  observations: TagObservation[];
  /** Resources whose history was read to the window's start (or to their creation). */
  complete: string[];
  /** Resources left with part or none of their history, and why. */
  partial: { arn: string; why: string }[];
}

/** Items per page; Config's largest. */
const PAGE = 100;

const DELETED = new Set(['ResourceDeleted', 'ResourceDeletedNotRecorded']);

/** One configuration item as an observation; undefined for items that do not say the tags. */
export function observationOf(arn: string, item: ConfigurationItem, source: TagObservation['source'] = 'config'): TagObservation | undefined {
  const at = item.configurationItemCaptureTime;
  if (!(at instanceof Date) || Number.isNaN(at.getTime())) return undefined;
  const status = item.configurationItemStatus ?? 'OK';
  const time = at.toISOString();
  const ref = `config:${item.configurationStateId ?? time}`;
  if (DELETED.has(status)) return { arn, time, deleted: true, source, ref };
  // ResourceNotRecorded: Config knows the resource exists but not its configuration, tags included.
  if (status === 'ResourceNotRecorded') return undefined;
  const tags: Record<string, string> = {};
  for (const [k, v] of Object.entries(item.tags ?? {})) if (typeof v === 'string') tags[k] = v;
  return { arn, time, tags, ...(status === 'ResourceDiscovered' ? { created: true } : {}), source, ref };
}

function causeName(e: unknown): string {
  const cause = e instanceof TagTrailAwsError ? e.cause : e;
  return String((cause as { name?: unknown } | undefined)?.name ?? '');
}

/**
 * The history of each resource from the window's start (`since`) to its end (`until`), within
 * `budget` (shared by all calls of a check). `client(region)` is the Config client of a region:
 * history lives in the recorder of the resource's own region (global resources in the region that
 * records them, which the caller passes as the resource's region).
 */
export async function configHistory(opts: {
  client: (region: string) => ConfigServiceClient;
  resources: readonly ConfigResource[];
  since: Date;
  until: Date;
  budget: HistoryBudget;
  signal?: AbortSignal;
}): Promise<HistoryResult> {
  const { since, until, budget, signal } = opts;
  const out: HistoryResult = { observations: [], complete: [], partial: [] };
  const named = new Map<ConfigResource, string>();
  for (const r of opts.resources) {
    signal?.throwIfAborted();
    let token: string | undefined;
    let reachedStart = false;
    let why: string | undefined;
    try {
      do {
        if (budget.calls >= budget.max) { why = `the budget of ${budget.max} Config history calls per check was spent`; break; }
        budget.calls++;
        const page = await persist(() => opts.client(r.region).send(new GetResourceConfigHistoryCommand({
          resourceType: r.resourceType as never, resourceId: r.resourceId, laterTime: until, limit: PAGE, chronologicalOrder: 'Reverse',
          ...(token ? { nextToken: token } : {}),
        }), { abortSignal: signal }), signal ? { signal } : {});
        for (const item of page.configurationItems ?? []) {
          // A deleted resource is listed without its ARN: its items name it.
          const arn = r.arn || item.arn;
          if (!arn) continue;
          if (!r.arn) named.set(r, arn);
          const o = observationOf(arn, item);
          if (o) out.observations.push(o);
          const at = item.configurationItemCaptureTime?.getTime() ?? Infinity;
          // The newest item at or before the window's start is the state in force when it opened.
          if (at <= since.getTime() || item.configurationItemStatus === 'ResourceDiscovered') { reachedStart = true; break; }
        }
        token = reachedStart ? undefined : page.nextToken || undefined;
      } while (token);
    } catch (e) {
      if (signal?.aborted) throw e;
      const name = causeName(e);
      if (name === 'ResourceNotDiscoveredException') why = 'AWS Config has never recorded it';
      else if (e instanceof TagTrailAwsError && (e.kind === 'access-denied' || e.kind === 'sso-expired' || e.kind === 'no-credentials')) throw e;
      else why = e instanceof Error ? e.message : String(e);
    }
    const arn = r.arn || named.get(r) || `${r.resourceType} ${r.resourceId}`;
    if (reachedStart || (!why && !token)) out.complete.push(arn);
    else out.partial.push({ arn, why: why ?? 'history not read' });
  }
  return out;
}
