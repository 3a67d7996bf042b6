/**
 * The status of a resolution and the reason a person reads when a target is missing: from the
 * plan's required types, what was found, and how thin the record was.
 */
import type { CloudTrailRecord, Resolution, ResolutionStatus } from '../model';
import type { Plan, PlanType, VarSource } from './plan';
import type { RecordValues } from './recordValues';
import type { TargetSet } from './targetSet';
import { uniqueKeys } from './fillTemplates';
import { serviceRule } from './curated/specialRules';
import { firstIdentifier } from './requestNames';

export type Missing = { variable: string; sources: readonly VarSource[] };

/** Why a type could not be filled, worded on demand. */
export type Misses = (pt: PlanType) => string | undefined;

export function missingReason(plan: Plan, pt: PlanType, m: Missing, values: RecordValues): string {
  const action = plan.actions[0] ?? '';
  const specific = serviceRule(plan.prefix)?.explain?.(action, m.variable, values);
  if (specific) return specific;
  // The first few keys say what was looked for; the derived spellings would make every gap's
  // reason kilobytes long (a check keeps one per gap).
  const keys = uniqueKeys(m.sources);
  const shown = keys.slice(0, 6).join(', ') + (keys.length > 6 ? ', …' : '');
  const where = keys.length > 0 ? ` (looked for ${shown})` : '';
  return `${action}: template ${pt.type.template.text} needs ${m.variable}; the request and response have no matching field${where}`;
}

/** List and describe calls that name nothing act on the whole account or region. */
function isListCall(eventName: string): boolean {
  return eventName.startsWith('Describe') || eventName.startsWith('List') || eventName.startsWith('Search') || eventName.startsWith('Lookup');
}

function emptyRequest(record: CloudTrailRecord): boolean {
  const rp = record.requestParameters;
  return rp === null || rp === undefined || (typeof rp === 'object' && Object.keys(rp).length === 0);
}

/** Says why the record is thin, when it is: that explains most missing values. */
function thinRecord(record: CloudTrailRecord): string {
  const empty = emptyRequest(record);
  const err = typeof record.errorCode === 'string' && record.errorCode ? ` (the call failed with ${record.errorCode})` : '';
  if (empty) return ` — the record has no requestParameters${err}`;
  return err;
}

/** Built field by field: object spread costs more than the rest of a typical record's work. */
export function result(status: ResolutionStatus, set: TargetSet, actions: string[], reason?: string): Resolution {
  const r: Resolution = { status, targets: set.targets, related: set.related, actions };
  if (reason !== undefined) r.reason = reason;
  return r;
}

// Reasons that depend only on the plan's actions, worded once per plan instead of once per record.
const LISTED = new WeakMap<Plan, string>();
const OPTIONAL = new WeakMap<Plan, string>();

/** `actions` joined, then `tail`; cached while the record added no action to the plan's (a denial can). */
function worded(cache: WeakMap<Plan, string>, plan: Plan, actions: string[], tail: string): string {
  if (actions.length !== plan.actions.length) return `${actions.join(', ')}${tail}`;
  let r = cache.get(plan);
  if (r === undefined) {
    r = `${actions.join(', ')}${tail}`;
    cache.set(plan, r);
  }
  return r;
}

/** The resolution of a record whose targets have all been collected. */
export function finish(plan: Plan, set: TargetSet, missing: Misses, actions: string[], eventName: string, record: CloudTrailRecord, deniedOnAny = false): Resolution {
  const found = set.targets.length > 0;
  if (plan.unknownReason) {
    return found
      ? result('partial', set, actions, `${plan.unknownReason}; targets are the ARNs the record names`)
      : result('unresolved', set, actions, plan.unknownReason);
  }
  if (plan.noTargetReason) {
    return found ? result('resolved', set, actions) : result('no-target', set, actions, plan.noTargetReason);
  }
  const required = plan.required;
  if (!found) {
    // `no-target` only where the request provably names nothing (no parameters, or only paging,
    // filter and format fields) or AWS itself said the call was authorised on `*`. A value that
    // looks like a name no rule consumed is a gap, never a clean "nothing touched".
    const named = firstIdentifier(record.requestParameters);
    // A failed call logged without its request (CloudTrail drops it for many denials) may have
    // named one resource: that is not known, so it is a gap, not "nothing was named".
    const requestLost = typeof record.errorCode === 'string' && record.errorCode !== '' && (record.requestParameters === null || record.requestParameters === undefined);
    if (named === undefined && requestLost && !deniedOnAny && required.length > 0) {
      return result('unresolved', set, actions, `${firstReason(plan, missing)}${thinRecord(record)}; what it named is unknown`);
    }
    if (named === undefined && (isListCall(eventName) || (required.length === 0 && !emptyRequest(record)))) {
      return required.length === 0
        ? result('no-target', set, actions, worded(OPTIONAL, plan, actions, ': IAM lists its resource types as optional and the request names nothing, so the call applied to the account'))
        : result('no-target', set, actions, worded(LISTED, plan, actions, ' named no specific resource: it listed or described across the account'));
    }
    if (named === undefined && deniedOnAny) {
      return result('no-target', set, actions, `${actions.join(', ')}: the denial names resource *, and the request names nothing more specific`);
    }
    if (named !== undefined) {
      return result('unresolved', set, actions, `${firstReason(plan, missing)}; the request names ${named.key || 'a value'} "${clip(named.value)}" that no rule turned into an ARN` + thinRecord(record));
    }
  }
  if (required.length === 0 || plan.anyOf) {
    if (found && (!plan.anyOf || required.some((pt) => set.hasType(pt.type.name)))) return result('resolved', set, actions);
    return result(found ? 'partial' : 'unresolved', set, actions, firstReason(plan, missing) + thinRecord(record));
  }
  // Required types that take the same variables are alternatives (InvokeModel's model may be a
  // foundation model, a provisioned model, an inference profile…): one of them is enough.
  const satisfied: string[] = [];
  for (const pt of required) if (set.hasType(pt.type.name)) satisfied.push(pt.signature);
  const lacking = required.filter((pt) => !satisfied.includes(pt.signature));
  let status: ResolutionStatus = 'resolved';
  if (lacking.length > 0) status = found ? 'partial' : 'unresolved';
  if (status === 'resolved') return result(status, set, actions);
  const reasons = lacking.map((pt) => missing(pt) ?? `${plan.actions[0] ?? ''}: no ${pt.type.name} found`);
  return result(status, set, actions, [...new Set(reasons)].join('; ') + thinRecord(record));
}

function clip(v: string): string {
  return v.length > 120 ? `${v.slice(0, 120)}…` : v;
}

function firstReason(plan: Plan, missing: Misses): string {
  for (const pt of plan.types) {
    const r = missing(pt);
    if (r) return r;
  }
  return `${plan.actions.join(', ')}: no target found in the record`;
}
