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
import { SSM_TAGGABLE_TYPES } from './requiredTypes';

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

const RULE_PREFIXES = new Set(['ec2', 'iam', 's3', 'ssm', 'sns', 'bedrock', 'apigateway']);
const NONE: readonly CuratedTarget[] = [];

/** Every curated target the record yields. */
export function curatedTargets(plan: Plan, eventName: string, record: CloudTrailRecord, values: RecordValues, env: ArnEnv): readonly CuratedTarget[] {
  if (!RULE_PREFIXES.has(plan.prefix ?? '')) return NONE;
  const out: CuratedTarget[] = [];
  if (plan.prefix === 'ec2') out.push(...ec2IdTargets(values, EC2_MIXED_ID_KEYS, env));
  else if (plan.prefix === 'iam' && IAM_CALLER_DEFAULT.has(eventName)) iamCaller(record, values, out);
  else if (plan.prefix === 's3') s3CopySource(values, env, out);
  else if (plan.prefix === 'ssm') ssmTargets(plan, values, env, out);
  else if (plan.prefix === 'sns') snsSubscription(values, out);
  else if (plan.prefix === 'bedrock' && plan.types.some((pt) => pt.type.name === 'foundation-model')) bedrockModel(values, env, out);
  else if (plan.prefix === 'apigateway') apiGatewayPath(eventName, values, env, out);
  return out;
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
      set.targets.splice(i, 1);
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
    const cut = fv.value.lastIndexOf(':');
    if (cut > 0 && fv.value.split(':').length === 7) out.push({ arn: fv.value.slice(0, cut), resourceType: 'topic' });
  }
}

/** Bedrock `modelId`s such as `anthropic.claude-3…` are foundation models, whose ARNs have no account. */
function bedrockModel(values: RecordValues, env: ArnEnv, out: CuratedTarget[]): void {
  for (const fv of values.byKey.get('modelid') ?? []) {
    if (fv.side !== 'request' || fv.value.startsWith('arn:') || !fv.value.includes('.') || fv.value.includes('/')) continue;
    out.push({ arn: `arn:${env.partition}:bedrock:${env.region}::foundation-model/${fv.value}`, resourceType: 'foundation-model' });
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
  const who = record.userIdentity;
  if (who === null || typeof who !== 'object' || who.type !== 'IAMUser' || typeof who.arn !== 'string') return;
  if (!who.arn.startsWith('arn:') || !who.arn.includes(':user/')) return;
  out.push({ arn: who.arn, resourceType: 'user' });
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
