/**
 * STS over awsQuery. GetCallerIdentity answers for the signing key; AssumeRole (used only by the
 * SDK's credential providers for source_profile chains) issues temporary keys the endpoint then accepts.
 */
import { randomBytes } from 'node:crypto';
import type { EndpointState, KeyIdentity } from '../state';
import { ServiceError, xml } from '../wire';

/** The MFA code the endpoint accepts for roles that require MFA. */
export const TEST_MFA_CODE = '123456';

export function stsOperation(state: EndpointState, caller: KeyIdentity, operation: string, form: URLSearchParams): string {
  if (operation === 'GetCallerIdentity') {
    return `<Arn>${xml(caller.arn)}</Arn><UserId>${xml(caller.userId)}</UserId><Account>${xml(caller.account)}</Account>`;
  }
  if (operation !== 'AssumeRole') throw new ServiceError(400, 'InvalidAction', `Could not find operation ${operation} for version 2011-06-15`);
  const roleArn = form.get('RoleArn') ?? '';
  const session = form.get('RoleSessionName') ?? '';
  if (!/^[\w+=,.@-]{2,64}$/.test(session)) throw new ServiceError(400, 'ValidationError', 'RoleSessionName is not valid.');
  const m = /^arn:aws:iam::(\d{12}):role\/(?:.*\/)?([\w+=,.@-]+)$/.exec(roleArn);
  const role = m ? state.roles.get(m[1]!)?.find((r) => r.arn === roleArn) : undefined;
  if (!m || !role) throw new ServiceError(403, 'AccessDenied', `User: ${caller.arn} is not authorized to perform: sts:AssumeRole on resource: ${roleArn}`);
  if (role.mfaSerial && (form.get('SerialNumber') !== role.mfaSerial || form.get('TokenCode') !== TEST_MFA_CODE)) {
    throw new ServiceError(403, 'AccessDenied', `MultiFactorAuthentication failed for ${roleArn}.`);
  }
  const accessKeyId = `ASIA${randomBytes(8).toString('hex').toUpperCase()}`;
  const secretAccessKey = randomBytes(20).toString('base64');
  const sessionToken = randomBytes(48).toString('base64');
  const arn = `arn:aws:sts::${m[1]}:assumed-role/${role.name}/${session}`;
  const roleId = `AROA${randomBytes(8).toString('hex').toUpperCase()}`;
  state.keys.set(accessKeyId, { secretAccessKey, sessionToken, account: m[1]!, arn, userId: `${roleId}:${session}` });
  const expiration = new Date(Date.now() + Number(form.get('DurationSeconds') ?? 3600) * 1000).toISOString();
  return `<Credentials><AccessKeyId>${accessKeyId}</AccessKeyId><SecretAccessKey>${xml(secretAccessKey)}</SecretAccessKey><SessionToken>${xml(sessionToken)}</SessionToken><Expiration>${expiration}</Expiration></Credentials><AssumedRoleUser><AssumedRoleId>${roleId}:${xml(session)}</AssumedRoleId><Arn>${xml(arn)}</Arn></AssumedRoleUser><PackedPolicySize>0</PackedPolicySize>`;
}
