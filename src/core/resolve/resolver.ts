/**
 * The resolver: which ARNs did a CloudTrail record act on, how was each found, and why not when
 * it cannot tell. Tiers, in order of trust: resources[] (1), ARNs in request/response (2), IAM
 * templates filled from the record (3), the curated table (4), LookupEvents Resources (5), the
 * resource an AccessDenied message names (6).
 */
import type { CloudTrailRecord, LookupResource, Resolution } from '../model';
import { fillTemplate, partitionOf, type ArnEnv } from './arnTemplate';
import { planFor, type Plan, type PlanType } from './plan';
import { collectValues, type RecordValues } from './recordValues';
import { fillType } from './fillTemplates';
import { arnsFromLookup, arnsFromResources, arnsInMessage, parseDenied } from './envelopeTiers';
import { curatedTargets, ec2IdTargets, serviceRule } from './curated/specialRules';
import { TargetSet, classify, classifyQualified, serviceOf } from './targetSet';
import { iamService, type IamResourceType } from './iamTable';
import { accountOfArn, parseArn, typeAndName } from '../arn/arn';
import { arnOfResourceUrl, urlsInText } from '../arn/resourceUrl';
import { finish, missingReason, result } from './status';

/**
 * Resolves one record. Never throws: any input, however malformed, yields a Resolution whose
 * reason says what was wrong.
 */
export function resolveRecord(record: CloudTrailRecord, lookupResources?: LookupResource[]): Resolution {
  try {
    if (record === null || typeof record !== 'object' || Array.isArray(record)) {
      return unresolved('the record is not a JSON object');
    }
    return resolve(record, lookupResources);
  } catch (e) {
    return unresolved(`the resolver failed on this record: ${e instanceof Error ? e.message : String(e)}`);
  }
}

function unresolved(reason: string, actions: string[] = []): Resolution {
  return { status: 'unresolved', targets: [], related: [], reason, actions };
}

function str(v: unknown): string {
  return typeof v === 'string' ? v : '';
}

const NO_VALUES: RecordValues = { byKey: new Map(), arns: [] };
// A trail file is one account and region: consecutive records share one env object (envs are
// never mutated; a row with another account gets a copy) instead of allocating one each.
let lastEnv: ArnEnv = { partition: 'aws', region: '', account: '' };

function envOf(record: CloudTrailRecord): ArnEnv {
  const region = str(record.awsRegion);
  const who = record.userIdentity;
  const account = str(record.recipientAccountId) || (who !== null && typeof who === 'object' ? str(who.accountId) : '');
  if (region === lastEnv.region && account === lastEnv.account) return lastEnv;
  const partition = region === lastEnv.region ? lastEnv.partition : partitionOf(region);
  lastEnv = { partition, region, account };
  return lastEnv;
}

/** Request ARNs under these keys are handed to the call, not acted on, when the action is unknown. */
function contextKey(key: string): boolean {
  return key.includes('role') || key.includes('kms') || key.includes('policy');
}

function resolve(record: CloudTrailRecord, lookupResources: LookupResource[] | undefined): Resolution {
  const eventSource = str(record.eventSource);
  const eventName = str(record.eventName);
  if (!eventSource || !eventName || eventSource.length > 256 || eventName.length > 256) {
    return unresolved('the record has no usable eventSource or eventName');
  }
  const env = envOf(record);
  const plan = planFor(eventSource, eventName);
  const set = new TargetSet();
  const known = plan.actions.length > 0 && !plan.unknownReason;
  const hasRequired = plan.required.length > 0;
  // A create call whose type IAM does not list still makes the resource its response names.
  const createsUntyped = plan.noTargetReason !== undefined && known && eventName.startsWith('Create');
  // Any create call's response ARN of its own service that is no typed default names what it made.
  const creates = known && eventName.startsWith('Create');

  // Tier 1. CloudTrail lists what the call involved, but not only targets: the bucket of an object,
  // the KMS key of an encrypted copy. Entries of a type the action is not authorised on are context;
  // where IAM knows no type for the action at all, CloudTrail's word is all there is.
  for (const arn of arnsFromResources(record.resources)) {
    const pt = classify(plan, arn);
    if (pt) set.addTarget(arn, 'resources', pt.type.name);
    else if (plan.types.length === 0) set.addTarget(arn, 'resources');
    else set.addRelated(arn, 'resources');
  }

  // Tier 2. A response ARN of an optional type is something the resource got, not something chosen.
  // A call without a resource-level target (Describe*, List*; a third of a typical trail) can only
  // gain context from its parameters, and its response is where the bulk of a large record sits:
  // neither is walked, except where a curated rule reads them (SSM calls on instances, creates).
  const skip = plan.noTargetReason !== undefined && !createsUntyped;
  const rule = serviceRule(plan.prefix);
  const values = skip && rule?.readsWithoutTypes !== true ? NO_VALUES : collectValues(record.requestParameters, skip ? null : record.responseElements, plan.wantedKeys);
  for (const fv of values.arns) {
    const via = fv.side === 'request' ? 'arn-in-request' : 'arn-in-response';
    const arn = fv.value.endsWith(':*') ? fv.value.slice(0, -2) : fv.value; // log groups are logged as `…:*`
    const pt = classify(plan, arn);
    if (pt && (fv.side === 'request' || pt.fromResponse || !hasRequired)) set.addTarget(arn, via, pt.type.name);
    else if (!pt && fv.side === 'request' && known && (plan.wantedKeys.has(fv.key) || fv.key.endsWith('arn'))) {
      // A qualified ARN (`…:function:f:prod`) in a member that names the resource: the resource
      // it qualifies is the target, the qualified form stays context.
      const q = classifyQualified(plan, arn);
      if (q) set.addTarget(q.arn, via, q.type.type.name);
      set.addRelated(arn, via);
    }
    else if (!pt && !known && !plan.noTargetReason && fv.side === 'request' && !contextKey(fv.key)) set.addTarget(arn, via);
    else if (!pt && creates && fv.side === 'response' && plan.ownServices.has(serviceOf(arn)) && accountOfArn(arn) !== '' && (createsUntyped || madeBy(eventName, fv.key, arn))) set.addTarget(arn, via);
    // IAM lists only optional types (or none) for the call, and the request names a resource of
    // the call's own service by ARN in a member that is no role, key or policy handed over.
    else if (!pt && known && !hasRequired && fv.side === 'request' && !contextKey(fv.key) && plan.ownServices.has(serviceOf(arn))) set.addTarget(arn, via);
    else set.addRelated(arn, via);
  }

  // Tier 4 rules that are more than aliases, then tier 3 (whose aliases are also tier 4).
  for (const c of curatedTargets(plan, eventName, record, values, env)) {
    set.addTarget(c.arn, 'curated', c.resourceType, c.assumption);
  }
  // A rule may own the service's ARNs outright (API Gateway's paths): then templates stay unused.
  if (rule?.replacesTemplates !== true) {
    for (const i of candidateTypes(plan, values)) {
      const pt = plan.types[i] as PlanType;
      if (set.hasTypeFromResources(pt.type.name)) continue;
      for (const a of fillType(pt, values, env).arns) set.addTarget(a.arn, a.via, pt.type.name, a.assumption);
    }
  }

  rule?.after?.(eventName, values, set);

  // Tier 5.
  for (const l of arnsFromLookup(lookupResources, env)) {
    set.addTarget(l.arn, 'lookup-resources', classify(plan, l.arn)?.type.name, l.assumption);
  }

  // Tier 6.
  // A copy: callers own the Resolution, and the plan's list is shared by every record of its kind.
  const actions = plan.actions.slice();
  const denied = record.errorCode ? parseDenied(record.errorMessage) : undefined;
  if (denied) {
    if (!known && denied.action) actions.push(denied.action);
    if (denied.arn) set.addTarget(denied.arn, 'error-message', classify(plan, denied.arn)?.type.name);
    else if (denied.typeAndName) deniedByName(plan, denied.typeAndName, env, set);
  }
  // Any failed call's message may name the resource (`Function not found: arn:…`), however thin
  // or full its request: ARNs of a type the action is authorised on are what it attempted.
  if (record.errorCode && set.targets.length === 0) {
    for (const arn of arnsInMessage(record.errorMessage)) {
      const pt = classifyQualified(plan, arn);
      if (pt) set.addTarget(pt.arn, 'error-message', pt.type.type.name);
    }
  }
  // Or by its URL (`… on resource: https://sqs.<region>.amazonaws.com/<account>/<queue>`, an S3
  // object URL, `GET https://<api>.execute-api…`): the URL's ARN, when of a type the action takes.
  if (record.errorCode && set.targets.length === 0) {
    for (const u of urlsInMessage(record.errorMessage)) {
      const arn = arnOfResourceUrl(u.url, env, u.method);
      const pt = arn ? classifyQualified(plan, arn) : undefined;
      if (pt) set.addTarget(pt.arn, 'error-message', pt.type.type.name);
    }
  }

  // AWS service events (Secrets Manager deleting a version, EC2 sharing a snapshot) are no call:
  // what they concern is written in additionalEventData or serviceEventDetails.
  if (!known && record.eventType === 'AwsServiceEvent') return serviceEvent(record, set, actions, env);
  // Reasons are worded only for the records that end up needing one, by filling again.
  const reasonFor = (pt: PlanType): string | undefined => {
    const m = fillType(pt, values, env).missing;
    return m && missingReason(plan, pt, m, values);
  };
  return finish(plan, set, reasonFor, actions, eventName, record, denied?.onAny === true);
}

/**
 * Whether a response ARN of a create call is the resource it made, not one the new resource
 * refers to (a function's layers, a service's cluster and task definition, a table's stream): the
 * member it sits in (`topicArn`, `stackId`) or, under a generic member (`arn`), its type word
 * names the thing the event creates.
 */
function madeBy(eventName: string, key: string, arn: string): boolean {
  const made = createdThing(eventName);
  if (made.length < 3) return false;
  const stem = key.replace(/(arn|id|url|name)s?$/, '').replace(/^resource$/, '');
  if (stem !== '') return similar(stem, made);
  const a = parseArn(arn);
  return a !== undefined && similar(typeAndName(a.service, a.resource).type.replace(/[-_]/g, '').toLowerCase(), made);
}

/** `CreateFunction20150331` -> `function`, `CreateDBClusterSnapshot` -> `dbclustersnapshot`. */
function createdThing(eventName: string): string {
  let t = eventName.slice('Create'.length).replace(/(V\d+|\d{6,})+$/, '').toLowerCase();
  if (t.endsWith('s')) t = t.slice(0, -1);
  return t;
}

function similar(a: string, b: string): boolean {
  return a.length >= 3 && (a === b || a.endsWith(b) || b.endsWith(a));
}

/** Indices of the plan's types that a key present in the record could fill, in plan order. */
function candidateTypes(plan: Plan, values: RecordValues): readonly number[] {
  if (values.byKey.size === 0) return plan.alwaysTry;
  // Copied only when a key adds a type: alwaysTry is already in plan order.
  let out: number[] | undefined;
  for (const key of values.byKey.keys()) {
    const list = plan.typesByKey.get(key);
    if (list) {
      for (const i of list) {
        if ((out ?? plan.alwaysTry).includes(i)) continue;
        (out ??= plan.alwaysTry.slice()).push(i);
      }
    }
  }
  if (out === undefined) return plan.alwaysTry;
  return out.length > 1 ? out.sort((a, b) => a - b) : out;
}

function urlsInMessage(message: unknown): ReturnType<typeof urlsInText> {
  return typeof message === 'string' && message.length <= 8192 && message.includes('http') ? urlsInText(message) : [];
}

function serviceEvent(record: CloudTrailRecord, set: TargetSet, actions: string[], env: ArnEnv): Resolution {
  const extra = collectValues(record.additionalEventData, record.serviceEventDetails);
  for (const fv of extra.arns) set.addTarget(fv.value, 'curated');
  for (const t of ec2IdTargets(extra, undefined, env)) set.addTarget(t.arn, 'curated', t.resourceType);
  if (set.targets.length > 0) return result('resolved', set, actions);
  return result('no-target', set, actions, 'an AWS service event (not a call) that names no resource');
}

/** A resource type of the plan's service named in words (`DB instance`, `user`, `log group`). */
function typeByWords(plan: Plan, words: string): IamResourceType | undefined {
  const svc = iamService(plan.prefix ?? '');
  if (!svc) return undefined;
  const exact = svc.resourceTypes.get(words.toLowerCase());
  if (exact) return exact;
  const want = words.toLowerCase().replace(/[^a-z0-9]/g, '');
  for (const pt of plan.types) if (pt.type.name.toLowerCase().replace(/[^a-z0-9]/g, '') === want) return pt.type;
  for (const rt of svc.resourceTypes.values()) if (rt.name.toLowerCase().replace(/[^a-z0-9]/g, '') === want) return rt;
  return undefined;
}

function deniedByName(plan: Plan, [type, name]: [string, string], env: ArnEnv, set: TargetSet): void {
  const rt = plan.prefix ? typeByWords(plan, type) : undefined;
  const variable = rt?.template.vars[0];
  if (!rt || !variable || rt.template.vars.length !== 1) return;
  const arn = fillTemplate(rt.template, env, { [variable]: name });
  const assumption = variable.endsWith('WithPath') ? 'IAM path unknown: assumed /' : undefined;
  if (arn) set.addTarget(arn, 'error-message', rt.name, assumption);
}
