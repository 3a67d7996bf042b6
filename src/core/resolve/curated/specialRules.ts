/**
 * Curated rules that are more than a renamed key: mixed EC2 id lists, IAM calls that act on the
 * caller when no user is named, and S3 copies whose source is a `bucket/key` string.
 */
import type { CloudTrailRecord } from '../../model';
import { fillTemplate, type ArnEnv } from '../arnTemplate';
import { iamService } from '../iamTable';
import type { Plan } from '../plan';
import type { RecordValues } from '../recordValues';
import { ec2TypeOfId } from './ec2Ids';
import { SSM_TAGGABLE_TYPES } from './requiredTypes';

export interface CuratedTarget {
  arn: string;
  resourceType: string;
  assumption?: string;
}

const EC2_MIXED_ID_KEYS = ['resourceid', 'resourceids'];
/** IAM user actions that, without a `userName`, apply to the calling user (IAM API reference). */
const IAM_CALLER_DEFAULT = new Set([
  'GetUser', 'ListAccessKeys', 'CreateAccessKey', 'UpdateAccessKey', 'DeleteAccessKey', 'ListMFADevices',
  'ListSigningCertificates', 'ListSSHPublicKeys', 'ListServiceSpecificCredentials', 'ChangePassword',
  'GetLoginProfile', 'UploadSigningCertificate', 'DeleteSigningCertificate', 'UpdateSigningCertificate',
]);

/** Every curated target the record yields. */
export function curatedTargets(plan: Plan, eventName: string, record: CloudTrailRecord, values: RecordValues, env: ArnEnv): CuratedTarget[] {
  const out: CuratedTarget[] = [];
  if (plan.prefix === 'ec2') ec2MixedIds(values, env, out);
  else if (plan.prefix === 'iam' && IAM_CALLER_DEFAULT.has(eventName)) iamCaller(record, values, out);
  else if (plan.prefix === 's3') s3CopySource(values, env, out);
  else if (plan.prefix === 'ssm') ssmTypedId(values, env, out);
  return out;
}

function ssmTypedId(values: RecordValues, env: ArnEnv, out: CuratedTarget[]): void {
  const type = values.byKey.get('resourcetype')?.find((v) => v.side === 'request')?.value;
  const id = values.byKey.get('resourceid')?.find((v) => v.side === 'request')?.value;
  const typeName = type !== undefined ? SSM_TAGGABLE_TYPES[type] : undefined;
  if (!typeName || id === undefined || id.startsWith('arn:')) return;
  const rt = iamService('ssm')?.resourceTypes.get(typeName);
  const variable = rt?.template.vars[0];
  if (!rt || !variable || rt.template.vars.length !== 1) return;
  // Parameter ARNs carry the name without its leading slash.
  const value = typeName === 'parameter' && id.startsWith('/') ? id.slice(1) : id;
  const arn = fillTemplate(rt.template, env, { [variable]: value });
  if (arn) out.push({ arn, resourceType: rt.name });
}

function ec2MixedIds(values: RecordValues, env: ArnEnv, out: CuratedTarget[]): void {
  const ec2 = iamService('ec2');
  if (!ec2) return;
  for (const key of EC2_MIXED_ID_KEYS) {
    for (const fv of values.byKey.get(key) ?? []) {
      if (fv.side !== 'request') continue;
      const typeName = ec2TypeOfId(fv.value);
      const rt = typeName ? ec2.resourceTypes.get(typeName) : undefined;
      const variable = rt?.template.vars[0];
      if (!rt || !variable || rt.template.vars.length !== 1) continue;
      const arn = fillTemplate(rt.template, env, { [variable]: fv.value });
      if (arn) out.push({ arn, resourceType: rt.name });
    }
  }
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
