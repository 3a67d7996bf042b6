/**
 * Curated rules that are more than a renamed key: mixed EC2 id lists, IAM calls that act on the
 * caller when no user is named, and S3 copies whose source is a `bucket/key` string.
 */
import type { CloudTrailRecord } from '../../model';
import { fillTemplate, type ArnEnv } from '../arnTemplate';
import { iamService } from '../iamTable';
import type { Plan } from '../plan';
import type { RecordValues } from '../recordValues';
import type { TargetSet } from '../targetSet';
import { ec2TypeOfId } from './ec2Ids';
import { shorterArns } from '../../arn/arn';
import { SSM_TAGGABLE_TYPES } from './requiredTypes';
import { explainKms, explainSecret } from './explanations';

export interface CuratedTarget {
  arn: string;
  resourceType: string;
  assumption?: string;
}

const EC2_MIXED_ID_KEYS = ['resourceid', 'resourceids', 'resourceidset'];
/** IAM user actions that, without a `userName`, apply to the calling user (IAM API reference). */
const IAM_CALLER_DEFAULT = new Set([
  'GetUser', 'ListAccessKeys', 'CreateAccessKey', 'UpdateAccessKey', 'DeleteAccessKey', 'ListMFADevices',
  'ListSigningCertificates', 'ListSSHPublicKeys', 'ListServiceSpecificCredentials', 'ChangePassword',
  'GetLoginProfile', 'UploadSigningCertificate', 'DeleteSigningCertificate', 'UpdateSigningCertificate',
]);

const NONE: readonly CuratedTarget[] = [];

/** What a service rule reads. */
export interface RuleContext {
  plan: Plan;
  eventName: string;
  record: CloudTrailRecord;
  values: RecordValues;
  env: ArnEnv;
}

/**
 * One service's curated knowledge, as data: which events it concerns, what it adds, why. The
 * engine (resolver.ts, plan.ts) reads these flags and never tests a service name itself.
 */
export interface ServiceRule {
  /** IAM prefix the rule belongs to. */
  prefix: string;
  /** Why the rule exists, for people reading the table. */
  explanation: string;
  /** Extra targets the record names in a way templates cannot read. */
  targets?: (ctx: RuleContext, out: CuratedTarget[]) => void;
  /** The rule reads request values even for calls IAM gives no resource type (SSM on instances). */
  readsWithoutTypes?: boolean;
  /** The rule replaces template filling for the service (API Gateway's nested collection paths). */
  replacesTemplates?: boolean;
  /** Rearranges the targets once all tiers ran (an existing ENI instead of its subnet and groups). */
  after?: (eventName: string, values: RecordValues, set: TargetSet) => void;
  /** Keys the rule reads besides template variables. */
  keys?: readonly string[];
  /** The rule concerns only calls IAM gives a resource type (so a scan may still drop the others). */
  typedCallsOnly?: boolean;
  /** A reason in words a person can act on when the template's variable is missing, checked before the generic one. */
  explain?: (action: string, missingVariable: string, values: RecordValues) => string | undefined;
}

export const SERVICE_RULES: readonly ServiceRule[] = [
  {
    prefix: 'ec2',
    explanation: 'mixed id lists (CreateTags resourcesSet) take each id\'s type from its prefix (i-, vol-, sg-…); RunInstances with an existing ENI is checked against the ENI',
    targets: (c, out) => out.push(...ec2IdTargets(c.values, EC2_MIXED_ID_KEYS, c.env)),
    after: existingInterfaceOnly,
    keys: ['resourceid', 'resourceids', 'resourceidset', 'networkinterfaceid'],
  },
  {
    prefix: 'iam',
    explanation: 'user calls without userName act on the calling user (IAM API reference); the root user is arn:…:iam::<account>:root',
    targets: (c, out) => {
      if (IAM_CALLER_DEFAULT.has(c.eventName)) iamCaller(c.record, c.values, out);
    },
    after: serviceLinkedRoles,
    keys: ['username'],
  },
  {
    prefix: 's3',
    explanation: 'CopyObject/UploadPartCopy read the copy source `bucket/key`; S3 event notifications (eventSource aws:s3) carry bucket and object in their s3 field',
    targets: (c, out) => {
      s3CopySource(c.values, c.env, out);
      s3Notification(c.record, c.env, out);
    },
    keys: ['x-amz-copy-source', 'copysource'],
  },
  {
    prefix: 'ssm',
    explanation: 'tagging calls name resourceType + resourceId; calls on an EC2 instance target the ec2 instance (mi- ids are SSM managed instances)',
    targets: (c, out) => ssmTargets(c.plan, c.values, c.env, out),
    readsWithoutTypes: true,
    keys: ['resourceid', 'resourcetype', 'instanceid'],
  },
  {
    prefix: 'sns',
    explanation: 'a subscription ARN is its topic ARN plus :<uuid>; IAM authorises on the topic',
    targets: (c, out) => snsSubscription(c.values, out),
    keys: ['subscriptionarn'],
  },
  {
    prefix: 'bedrock',
    explanation: 'modelId such as anthropic.claude-… is a foundation model, whose ARN has no account; us.anthropic.… (a geography first) is a cross-Region inference profile of the account',
    targets: (c, out) => {
      if (c.plan.types.some((pt) => pt.type.name === 'foundation-model')) bedrockModel(c.values, c.env, out);
    },
    keys: ['modelid'],
  },
  {
    prefix: 'apigateway',
    explanation: 'IAM authorises HTTP verbs on resource paths (/restapis/<id>[/stages/<name>]); templates nest every collection under every API',
    targets: (c, out) => apiGatewayPath(c.eventName, c.values, c.env, out),
    replacesTemplates: true,
    keys: ['restapiid', 'id', 'stagename'],
  },
  {
    prefix: 'dynamodb',
    explanation: 'PartiQL calls (ExecuteStatement, BatchExecuteStatement, ExecuteTransaction) name their table inside the statement text; BatchGetItem/BatchWriteItem key requestItems by table name or ARN',
    targets: (c, out) => {
      partiqlTables(c.values, c.env, out);
      batchTables(c.record, c.env, out);
    },
    keys: ['statement'],
    typedCallsOnly: true,
  },
  {
    prefix: 'events',
    explanation: 'a rule is named as `name` or `rule`; on the default event bus its ARN is rule/<name>, on another bus rule/<bus>/<name> (the request names the bus only when it is not the default one)',
    targets: (c, out) => eventBridgeRules(c.plan, c.values, c.env, out),
    keys: ['^name', 'rule', 'eventbusname'],
    typedCallsOnly: true,
  },
  {
    prefix: 'kms',
    explanation: 'only a key id or key ARN names a key: an alias is not a key, and Decrypt often carries no key id at all',
    explain: explainKms,
    keys: ['keyid', 'targetkeyid'],
    typedCallsOnly: true,
  },
  {
    prefix: 'secretsmanager',
    explanation: 'a secret ARN ends in a random suffix that a secret name lacks: only an ARN names a secret',
    explain: explainSecret,
    keys: ['secretid', 'name'],
    typedCallsOnly: true,
  },
];

const RULES_BY_PREFIX = new Map<string, ServiceRule>(SERVICE_RULES.map((r) => [r.prefix, r]));

/** The curated rule of a service, if it has one. */
export function serviceRule(prefix: string | undefined): ServiceRule | undefined {
  return prefix === undefined ? undefined : RULES_BY_PREFIX.get(prefix);
}

/** Services whose curated rules can find targets where IAM lists no resource type (for the Athena scan). */
export const RULE_PREFIXES: ReadonlySet<string> = new Set(SERVICE_RULES.filter((r) => r.typedCallsOnly !== true).map((r) => r.prefix));

/** Every curated target the record yields. */
export function curatedTargets(plan: Plan, eventName: string, record: CloudTrailRecord, values: RecordValues, env: ArnEnv): readonly CuratedTarget[] {
  const rule = serviceRule(plan.prefix);
  if (!rule?.targets) return NONE;
  const out: CuratedTarget[] = [];
  rule.targets({ plan, eventName, record, values, env }, out);
  return out.length > 0 ? out : NONE;
}

/**
 * EventBridge rules: IAM lists `rule-on-default-event-bus` (`rule/<name>`) and
 * `rule-on-custom-event-bus` (`rule/<bus>/<name>`) as optional types, and the call names the rule
 * as `name` (PutRule, DeleteRule…) or `rule` (PutTargets…), its bus only when not the default one.
 */
function eventBridgeRules(plan: Plan, values: RecordValues, env: ArnEnv, out: CuratedTarget[]): void {
  if (!plan.types.some((pt) => pt.type.name.startsWith('rule-on-'))) return;
  let bus = values.byKey.get('eventbusname')?.find((v) => v.side === 'request')?.value;
  if (bus?.startsWith('arn:')) bus = /:event-bus\/([A-Za-z0-9._-]+)$/.exec(bus)?.[1];
  else if (bus !== undefined && !/^[A-Za-z0-9._-]{1,256}$/.test(bus)) return; // a partner bus path: let templates try
  const base = `arn:${env.partition}:events:${env.region}:${env.account}:rule/`;
  for (const key of ['rule', '^name']) {
    for (const fv of values.byKey.get(key) ?? []) {
      if (fv.side !== 'request' || !/^[A-Za-z0-9._-]{1,64}$/.test(fv.value)) continue;
      if (bus === undefined || bus === 'default') out.push({ arn: base + fv.value, resourceType: 'rule-on-default-event-bus' });
      else out.push({ arn: `${base}${bus}/${fv.value}`, resourceType: 'rule-on-custom-event-bus' });
    }
    if (out.length > 0) return;
  }
}

/** BatchGetItem/BatchWriteItem: `requestItems` is a map whose keys are table names or table ARNs. */
function batchTables(record: CloudTrailRecord, env: ArnEnv, out: CuratedTarget[]): void {
  const rp = record.requestParameters;
  const items = rp !== null && typeof rp === 'object' ? (rp as Record<string, unknown>)['requestItems'] : undefined;
  if (items === null || typeof items !== 'object' || Array.isArray(items)) return;
  let n = 0;
  for (const name of Object.keys(items)) {
    if (++n > 100) break;
    if (/^arn:[^:]+:dynamodb:[^:]*:\d{12}:table\/[A-Za-z0-9_.-]{3,255}$/.test(name)) out.push({ arn: name, resourceType: 'table' });
    else if (/^[A-Za-z0-9_.-]{3,255}$/.test(name)) out.push({ arn: `arn:${env.partition}:dynamodb:${env.region}:${env.account}:table/${name}`, resourceType: 'table' });
  }
}

/** A PartiQL statement's table: `SELECT … FROM "T"`, `INSERT INTO "T"`, `UPDATE "T"`, `DELETE FROM "T"`. */
function partiqlTables(values: RecordValues, env: ArnEnv, out: CuratedTarget[]): void {
  for (const fv of values.byKey.get('statement') ?? []) {
    if (fv.side !== 'request') continue;
    const m = /\b(?:from|into|update)\s+("([^"]{1,255})"|([A-Za-z0-9_.-]{3,255}))/i.exec(fv.value);
    const table = m ? (m[2] ?? m[3]) : undefined;
    if (!table) continue;
    const name = table.split('.')[0] as string; // `"T"."index"` reads an index of T
    out.push({ arn: `arn:${env.partition}:dynamodb:${env.region}:${env.account}:table/${name}`, resourceType: 'table' });
  }
}

/**
 * S3 event notifications (`eventSource: aws:s3`, sent to SNS/SQS/Lambda) are not CloudTrail
 * records, but share the `Records` wrapper. Their bucket and object are in `s3`; the key is
 * URL-encoded with `+` for spaces.
 */
const NOTIFICATION = 'read from an S3 event notification, not a CloudTrail record: the caller is only a principalId';

function s3Notification(record: CloudTrailRecord, env: ArnEnv, out: CuratedTarget[]): void {
  if (record.eventSource !== 'aws:s3') return;
  const s3 = record['s3'];
  if (s3 === null || typeof s3 !== 'object') return;
  const bucket = (s3 as Record<string, unknown>)['bucket'];
  const object = (s3 as Record<string, unknown>)['object'];
  const name = bucket !== null && typeof bucket === 'object' ? (bucket as Record<string, unknown>)['name'] : undefined;
  if (typeof name !== 'string' || name === '' || name.includes('/')) return;
  const key = object !== null && typeof object === 'object' ? (object as Record<string, unknown>)['key'] : undefined;
  if (typeof key === 'string' && key !== '') {
    out.push({ arn: `arn:${env.partition}:s3:::${name}/${safeDecode(key.replace(/\+/g, ' '))}`, resourceType: 'object', assumption: NOTIFICATION });
  } else out.push({ arn: `arn:${env.partition}:s3:::${name}`, resourceType: 'bucket', assumption: NOTIFICATION });
}

/**
 * Service-linked roles live under `/aws-service-role/<service>/`, which a bare `AWSServiceRoleFor…`
 * name does not tell: a template's `/` path would name another role. Such guesses are dropped
 * (the record stays a gap) unless the record gave the whole ARN.
 */
function serviceLinkedRoles(_eventName: string, _values: RecordValues, set: TargetSet): void {
  for (let i = set.targets.length - 1; i >= 0; i--) {
    const t = set.targets[i];
    if (t && t.via !== 'resources' && !t.via.startsWith('arn-') && t.arn.includes(':role/AWSServiceRoleFor')) set.removeTarget(i);
  }
}

/**
 * RunInstances with an existing network interface is checked against that interface, not against
 * the subnet and security groups the response shows it already has.
 */
export function existingInterfaceOnly(eventName: string, values: RecordValues, set: TargetSet): void {
  if (eventName !== 'RunInstances') return;
  if (!(values.byKey.get('networkinterfaceid') ?? []).some((v) => v.side === 'request')) return;
  for (let i = set.targets.length - 1; i >= 0; i--) {
    const t = set.targets[i];
    if (t && t.via !== 'resources' && (t.resourceType === 'subnet' || t.resourceType === 'security-group')) {
      set.removeTarget(i);
      set.addRelated(t.arn, t.via, t.resourceType);
    }
  }
}

/** API Gateway paths: `/restapis/<id>`, or its stage when the call is about one. */
function apiGatewayPath(eventName: string, values: RecordValues, env: ArnEnv, out: CuratedTarget[]): void {
  const first = (key: string, side?: 'request' | 'response') => values.byKey.get(key)?.find((v) => !side || v.side === side)?.value;
  const api = first('restapiid', 'request') ?? (eventName === 'CreateRestApi' ? first('id', 'response') : undefined);
  if (!api || api.includes('/')) return;
  const base = `arn:${env.partition}:apigateway:${env.region}::/restapis/${api}`;
  const stage = eventName.includes('Stage') ? first('stagename') : undefined;
  if (stage && !stage.includes('/')) out.push({ arn: `${base}/stages/${stage}`, resourceType: 'Stage' });
  else out.push({ arn: base, resourceType: 'RestApi' });
}

/** An SNS subscription ARN is its topic's ARN plus `:<uuid>`; IAM authorises on the topic. */
function snsSubscription(values: RecordValues, out: CuratedTarget[]): void {
  for (const fv of values.byKey.get('subscriptionarn') ?? []) {
    if (fv.side !== 'request' || !fv.value.startsWith('arn:')) continue;
    // `arn:…:sns:region:account:topic:uuid`: the topic is the ARN one field shorter.
    const topic = fv.value.split(':').length === 7 ? shorterArns(fv.value, 1)[0] : undefined;
    if (topic) out.push({ arn: topic, resourceType: 'topic' });
  }
}

/** Bedrock `modelId`s such as `anthropic.claude-3…` are foundation models, whose ARNs have no account. */
function bedrockModel(values: RecordValues, env: ArnEnv, out: CuratedTarget[]): void {
  for (const fv of values.byKey.get('modelid') ?? []) {
    if (fv.side !== 'request' || fv.value.startsWith('arn:') || !fv.value.includes('.') || fv.value.includes('/')) continue;
    // `us.anthropic.…`, `eu.…`, `apac.…`, `global.…`: a system-defined cross-Region inference
    // profile of the caller's account, not a foundation model.
    if (/^(us|eu|apac|us-gov|global|jp|au|ca)\.[a-z0-9-]+\./.test(fv.value)) {
      out.push({ arn: `arn:${env.partition}:bedrock:${env.region}:${env.account}:inference-profile/${fv.value}`, resourceType: 'inference-profile' });
    } else out.push({ arn: `arn:${env.partition}:bedrock:${env.region}::foundation-model/${fv.value}`, resourceType: 'foundation-model' });
  }
}

function ssmTargets(plan: Plan, values: RecordValues, env: ArnEnv, out: CuratedTarget[]): void {
  const type = values.byKey.get('resourcetype')?.find((v) => v.side === 'request')?.value;
  const id = values.byKey.get('resourceid')?.find((v) => v.side === 'request')?.value;
  let typeName = type !== undefined ? SSM_TAGGABLE_TYPES[type] : undefined;
  // SSM calls EC2 instances "managed instances" too; only `mi-` ids are SSM's own hybrid nodes.
  if (typeName === 'managed-instance' && id?.startsWith('i-')) typeName = 'instance';
  // Calls IAM gives no resource type (PutInventory) still concern the instance they name.
  if (!typeName && plan.types.length === 0 && !isReadCall(plan.actions[0] ?? '')) {
    for (const fv of values.byKey.get('instanceid') ?? []) {
      if (fv.side === 'request' && fv.value.startsWith('i-')) ssmTyped('instance', fv.value, env, out);
    }
    return;
  }
  if (!typeName || id === undefined || id.startsWith('arn:')) return;
  ssmTyped(typeName, id, env, out);
}

/** Reads without a resource type (GetCommandInvocation) are account-level in IAM: no target. */
function isReadCall(action: string): boolean {
  const name = action.slice(action.indexOf(':') + 1);
  return name.startsWith('Get') || name.startsWith('List') || name.startsWith('Describe');
}

function ssmTyped(typeName: string, id: string, env: ArnEnv, out: CuratedTarget[]): void {
  const rt = iamService('ssm')?.resourceTypes.get(typeName);
  const variable = rt?.template.vars[0];
  if (!rt || !variable || rt.template.vars.length !== 1) return;
  // Parameter ARNs carry the name without its leading slash.
  const value = typeName === 'parameter' && id.startsWith('/') ? id.slice(1) : id;
  const arn = fillTemplate(rt.template, env, { [variable]: value });
  if (arn) out.push({ arn, resourceType: rt.name });
}

/**
 * EC2 ids whose prefix names their type, under the given keys (all keys when undefined), from the
 * request side (or anywhere, for service events whose details are neither).
 */
export function ec2IdTargets(values: RecordValues, keys: readonly string[] | undefined, env: ArnEnv): CuratedTarget[] {
  const out: CuratedTarget[] = [];
  const ec2 = iamService('ec2');
  if (!ec2) return out;
  for (const key of keys ?? [...values.byKey.keys()]) {
    for (const fv of values.byKey.get(key) ?? []) {
      if (keys && fv.side !== 'request') continue;
      const typeName = ec2TypeOfId(fv.value);
      const rt = typeName ? ec2.resourceTypes.get(typeName) : undefined;
      const variable = rt?.template.vars[0];
      if (!rt || !variable || rt.template.vars.length !== 1) continue;
      const arn = fillTemplate(rt.template, env, { [variable]: fv.value });
      if (arn) out.push({ arn, resourceType: rt.name });
    }
  }
  return out;
}

function iamCaller(record: CloudTrailRecord, values: RecordValues, out: CuratedTarget[]): void {
  if (values.byKey.has('username')) return;
  // A failed call logged without its request acted on the caller, unless its denial names
  // another resource (`on resource: user carol`): then the message says who, not the default.
  const rp = record.requestParameters;
  const message = typeof record.errorMessage === 'string' ? record.errorMessage : '';
  const on = message.indexOf('on resource: ');
  if (record.errorCode && (rp === null || rp === undefined) && on >= 0) {
    const named = message.slice(on + 13).replace(/^"/, '');
    const self = typeof record.userIdentity?.userName === 'string' ? `user ${record.userIdentity.userName}` : undefined;
    if (!named.startsWith(String(record.userIdentity?.arn)) && !(self && named.startsWith(self))) return;
  }
  const who = record.userIdentity;
  if (who === null || typeof who !== 'object' || typeof who.arn !== 'string' || !who.arn.startsWith('arn:')) return;
  // The root user's own credentials: its ARN is `arn:…:iam::<account>:root`, never `user/<name>`.
  if (who.type === 'Root' && who.arn.endsWith(':root')) out.push({ arn: who.arn, resourceType: 'user' });
  else if (who.type === 'IAMUser' && who.arn.includes(':user/')) out.push({ arn: who.arn, resourceType: 'user' });
}

function s3CopySource(values: RecordValues, env: ArnEnv, out: CuratedTarget[]): void {
  for (const key of ['x-amz-copy-source', 'copysource']) {
    for (const fv of values.byKey.get(key) ?? []) {
      if (fv.side !== 'request') continue;
      let src = fv.value;
      const q = src.indexOf('?');
      if (q >= 0) src = src.slice(0, q); // `?versionId=…` is not part of the object's ARN
      if (src.startsWith('/')) src = src.slice(1);
      src = safeDecode(src);
      const slash = src.indexOf('/');
      if (slash <= 0 || slash === src.length - 1 || src.startsWith('arn:')) continue;
      out.push({ arn: `arn:${env.partition}:s3:::${src}`, resourceType: 'object' });
    }
  }
}

function safeDecode(s: string): string {
  try {
    return decodeURIComponent(s);
  } catch {
    return s;
  }
}
