/**
 * The check's `Inventory` from AWS Config instead of the tagging API: one advanced query per region
 * (`config`), or one query across an organisation's accounts through an aggregator
 * (`config-aggregator`), plus the tag history of the resources whose configuration changed within
 * the window (`history.ts`).
 *
 * Principals: IAM users and roles are Config resource types, recorded as global resources in the one
 * region that records them. Their tags are read from Config when it holds them (one query instead of
 * one IAM call per principal, and the only way to see another account's principals); when Config
 * holds no IAM user or role of the checked account, they are read from IAM and the scope says so.
 *
 * A region where Config does not record is read through the tagging API, with a warning naming it:
 * today's tags are then known there, its history is not.
 */
import type { ConfigServiceClient } from '@aws-sdk/client-config-service';
import type { IAMClient } from '@aws-sdk/client-iam';
import type { ResourceGroupsTaggingAPIClient } from '@aws-sdk/client-resource-groups-tagging-api';
import type { Inventory, Tag } from '../../model';
import { mapLimit } from '../concurrency';
import { TagTrailAwsError } from '../errors';
import { iamPrincipals, taggedResources } from '../inventory';
import { explainAggregatorError } from './errors';
import { COMMON_TYPES, deletedSince } from './deleted';
import { configHistory, type ConfigResource } from './history';
import { GLOBAL_REGION, inventoryQuery, isPrincipalType, type ConfigRow } from './query';
import { recorderState, type RecorderState } from './recorder';
import { selectAggregate, selectResources } from './select';

export type { InventorySource } from './sources';

/** History calls a check may make by default: a few per changed resource of a busy account. */
export const DEFAULT_HISTORY_CALLS = 200;

export interface ConfigInventoryOptions {
  source: 'config' | 'config-aggregator';
  /** The aggregator's name (required for `config-aggregator`). */
  aggregator?: string;
  clients: {
    config(region: string): ConfigServiceClient;
    iam(region: string): IAMClient;
    tagging(region: string): ResourceGroupsTaggingAPIClient;
  };
  regions: string[];
  /** The checked (caller's) account: the only one whose history Config can give. */
  account: string;
  since: Date;
  until: Date;
  /** Bound on GetResourceConfigHistory calls; 0 reads no history. Default `DEFAULT_HISTORY_CALLS`. */
  maxHistoryCalls?: number;
  signal?: AbortSignal;
}

export interface ConfigInventory {
  inventory: Inventory;
  /** Scope sentences: where principals came from, how much history was read. */
  notes: string[];
  /** Calls made, by IAM action. */
  calls: Record<string, number>;
}

function count(calls: Record<string, number>, action: string, n = 1): void {
  calls[action] = (calls[action] ?? 0) + n;
}

/** A few ARNs for a sentence; the rest counted. */
function some(list: readonly string[], n = 3): string {
  return list.length <= n ? list.join(', ') : `${list.slice(0, n).join(', ')} and ${list.length - n} more`;
}

/** The Config inventory of the chosen regions (or the aggregator), with history. Throws `TagTrailAwsError`. */
export async function configInventory(opts: ConfigInventoryOptions): Promise<ConfigInventory> {
  const { regions, signal, account } = opts;
  const calls: Record<string, number> = {};
  const notes: string[] = [];
  const warnings: string[] = [];
  const sources: string[] = [];
  const principals = new Map<string, Tag[]>();
  const resources = new Map<string, Tag[]>();
  /** Rows of the checked account with the region whose recorder holds their history. */
  const own: { row: ConfigRow; region: string }[] = [];
  const home = regions[0]!;
  const principalAccounts = new Set<string>();
  let recorders: RecorderState[] = [];

  const take = (row: ConfigRow, recordedIn: string): void => {
    if (isPrincipalType(row.resourceType)) { principals.set(row.arn, row.tags); principalAccounts.add(row.accountId); }
    else resources.set(row.arn, row.tags);
    if (row.accountId === account) own.push({ row, region: row.region === GLOBAL_REGION || row.region === '' ? recordedIn : row.region });
  };
  const tagFallback = async (region: string, why: string): Promise<void> => {
    warnings.push(`AWS Config is not recording in ${region} (${why}): the check is incomplete there for history; today's tags of ${region} were read from the tagging API instead.`);
    const found = await taggedResources(opts.clients.tagging(region), signal);
    count(calls, 'tag:GetResources');
    sources.push(`aws:tag:GetResources:${region}`);
    for (const [arn, tags] of found) if (!/^arn:[^:]+:iam::\d+:(user|role)\//.test(arn)) resources.set(arn, tags);
  };

  if (opts.source === 'config') {
    recorders = await mapLimit(regions, 3, async (region) => { count(calls, 'config:DescribeConfigurationRecorderStatus'); return recorderState(opts.clients.config(region), region, signal); }, signal);
    for (const state of recorders) {
      if (!state.recording) { await tagFallback(state.region, state.why ?? 'not recording'); continue; }
      const got = await selectResources(opts.clients.config(state.region), inventoryQuery([state.region]), signal);
      count(calls, 'config:SelectResourceConfig', got.calls);
      sources.push(`aws:config:SelectResourceConfig:${state.region}`);
      for (const p of new Set(got.problems)) warnings.push(`AWS Config in ${state.region}: ${p}.`);
      if (got.rows.length === 0) warnings.push(`AWS Config recorded no resource in ${state.region}: if the recorder was started recently or records few types, the check is incomplete for ${state.region}.`);
      for (const row of got.rows) take(row, state.region);
    }
  } else {
    const name = opts.aggregator ?? '';
    if (!name) throw new TagTrailAwsError('other', 'The inventory source is an AWS Config aggregator, but no aggregator is named: set --config-aggregator <name> (tagtrail.configAggregator in the editor).', false);
    let got;
    try {
      got = await selectAggregate(opts.clients.config(home), name, inventoryQuery(regions), signal);
    } catch (e) {
      throw explainAggregatorError(e, name, home);
    }
    count(calls, 'config:SelectAggregateResourceConfig', got.calls);
    sources.push(`aws:config:SelectAggregateResourceConfig:${name}`);
    for (const p of new Set(got.problems)) warnings.push(`AWS Config aggregator ${JSON.stringify(name)}: ${p}.`);
    for (const row of got.rows) take(row, home);
    const accounts = [...new Set(got.rows.map((r) => r.accountId))].sort();
    if (accounts.length === 0) warnings.push(`AWS Config aggregator ${JSON.stringify(name)} returned no resource for ${regions.join(', ')}: its source accounts may not be authorised or not recording; the check is incomplete.`);
    for (const a of accounts) {
      const empty = regions.filter((r) => !got.rows.some((x) => x.accountId === a && x.region === r));
      if (empty.length > 0) warnings.push(`AWS Config aggregator ${JSON.stringify(name)} holds no resource of account ${a} in ${empty.join(', ')}: Config may not be recording there; the check is incomplete for it.`);
      if (a !== account && !principalAccounts.has(a)) warnings.push(`AWS Config aggregator ${JSON.stringify(name)} holds no IAM user or role of account ${a} (global resources not recorded): its principals' products cannot be told.`);
    }
    notes.push(`Inventory from AWS Config aggregator ${JSON.stringify(name)} (${home}): ${accounts.length} account(s)${accounts.length ? ` (${some(accounts, 5)})` : ''}, regions ${regions.join(', ')}.`);
  }

  if (!principalAccounts.has(account)) {
    const fromIam = await iamPrincipals(opts.clients.iam(home), signal ? { signal } : {});
    count(calls, 'iam:ListUsers+ListRoles+List*Tags', 2 + fromIam.size);
    sources.push('aws:iam:ListUsers+ListRoles');
    for (const [arn, tags] of fromIam) principals.set(arn, tags);
    notes.push(`AWS Config holds no IAM user or role of account ${account} (global resources are not recorded): its principals' tags were read from IAM.`);
  } else {
    notes.push(`Principals' tags of account ${account} from AWS Config (IAM users and roles as recorded global resources).`);
  }

  const max = opts.maxHistoryCalls ?? DEFAULT_HISTORY_CALLS;
  const inventory: Inventory = { principals, resources, sources };
  const recording = new Set(opts.source === 'config' ? recorders.filter((r) => r.recording).map((r) => r.region) : regions);
  // Resources whose configuration Config captured since the window opened may have had other tags
  // at an event's time: their history is read. The rest held today's tags through the window.
  const changed: ConfigResource[] = own
    .filter(({ row, region }) => row.capturedAt !== undefined && Date.parse(row.capturedAt) > opts.since.getTime() && recording.has(region) && row.resourceId && row.resourceType)
    .map(({ row, region }) => ({ arn: row.arn, resourceType: row.resourceType, resourceId: row.resourceId, region }));
  if (max > 0) {
    const budget = { calls: 0, max };
    const read = (resources: ConfigResource[]) => configHistory({ client: (r) => opts.clients.config(r), resources, since: opts.since, until: opts.until, budget, ...(signal ? { signal } : {}) });
    const h = await read(changed);
    const historyCalls = budget.calls;
    // Then what was deleted since the window opened: absent from every query, maybe touched by an event.
    const gone: ConfigResource[] = [];
    let listed = true;
    for (const region of regions.filter((r) => recording.has(r))) {
      // The commonly shared types only: one listing per type and region, whatever else the account holds.
      const d = await deletedSince({ client: opts.clients.config(region), region, types: COMMON_TYPES, since: opts.since, budget, ...(signal ? { signal } : {}) });
      gone.push(...d.resources);
      listed &&= d.complete;
    }
    count(calls, 'config:ListDiscoveredResources', budget.calls - historyCalls);
    const g = await read(gone);
    count(calls, 'config:GetResourceConfigHistory', budget.calls - (calls['config:ListDiscoveredResources'] ?? 0));
    inventory.history = [...h.observations, ...g.observations];
    const deletedArns = [...new Set(g.observations.filter((o) => o.deleted).map((o) => o.arn))];
    notes.push(`Tag history from AWS Config: ${budget.calls} extra call(s) (at most ${max} per check) for ${changed.length} resource(s) of account ${account} changed since ${opts.since.toISOString()} and ${gone.length} deleted since (${h.observations.length + g.observations.length} observation(s)${deletedArns.length ? `; deleted: ${some(deletedArns)}` : ''}).`);
    const partial = [...h.partial, ...g.partial];
    if (partial.length > 0) warnings.push(`AWS Config history is missing for ${partial.length} resource(s) changed or deleted in the window (${some(partial.map((p) => `${p.arn}: ${p.why}`), 2)}): events on them are judged by today's tags, or not at all.`);
    if (!listed) warnings.push(`The budget of ${max} Config history calls per check ran out while listing resources deleted in the window: a resource deleted since may be judged as unowned.`);
  } else if (changed.length > 0) {
    warnings.push(`${changed.length} resource(s) changed in the window per AWS Config, and no history was read (history calls set to 0): events on them are judged by today's tags.`);
  }
  if (opts.source === 'config-aggregator') notes.push('AWS Config keeps history per account: tag history was read for the checked account only; other accounts are judged by today\'s tags.');
  if (warnings.length > 0) inventory.warnings = warnings;
  return { inventory, notes, calls };
}
