import type { CloudTrailRecord, Principal, PrincipalType } from '../model';
// The role's IAM path is not in a session ARN (parseSessionArn); callers must not rely on it.
import { isIamRoleArn, parseSessionArn, partitionOfArn } from '../arn/arn';

/** A string from the record, or undefined when the field is missing or not a string (records are untrusted JSON). */
function str(v: unknown): string | undefined {
  return typeof v === 'string' && v.length > 0 ? v : undefined;
}

function obj(v: unknown): Record<string, unknown> | undefined {
  return v !== null && typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, unknown>) : undefined;
}

/** `arn:<partition>:…` → partition; `aws` when the ARN is missing or malformed. */
const partitionOf = partitionOfArn;

const SSO_PATH = '/aws-reserved/sso.amazonaws.com/';

/** IAM Identity Center creates its permission-set roles under this name prefix and path; users cannot. */
export function isSsoRoleArn(arn: string): boolean {
  const name = arn.slice(arn.lastIndexOf('/') + 1);
  return name.startsWith('AWSReservedSSO_') || arn.includes(`:role${SSO_PATH}`);
}


function assumedRole(u: Record<string, unknown>, account: string | undefined): Principal {
  const sessionArn = str(u['arn']);
  const issuer = obj(obj(u['sessionContext'])?.['sessionIssuer']);
  const issuerArn = str(issuer?.['arn']);
  const hasIssuer = issuerArn !== undefined && isIamRoleArn(issuerArn);
  // The session ARN is parsed only when needed: with a valid issuer, the session name is its last part.
  const parsed = hasIssuer ? undefined : parseSessionArn(sessionArn);
  const fromArn = sessionArn?.includes(':assumed-role/') ? sessionArn.split('/')[2] : undefined;
  const principalId = str(u['principalId']);
  const sessionName = (hasIssuer ? fromArn : parsed?.session) || principalId?.slice(principalId.indexOf(':') + 1) || undefined;
  let roleArn: string | undefined;
  if (hasIssuer) roleArn = issuerArn;
  else if (parsed) {
    // Without a session issuer the role path is unknown: Identity Center roles always live under
    // the SSO path (the region segment some have is not recoverable), other roles are assumed at `/`.
    // ProductIndex matches roles by account and name, so a wrong path does not lose the product.
    const path = parsed.role.startsWith('AWSReservedSSO_') ? SSO_PATH : '/';
    roleArn = `arn:${parsed.partition}:iam::${parsed.account}:role${path}${parsed.role}`;
  }
  const type: PrincipalType = roleArn && isSsoRoleArn(roleArn) ? 'sso-role' : 'iam-role';
  return {
    arn: roleArn ?? sessionArn ?? 'unknown',
    type: roleArn ? type : 'unknown',
    accountId: account ?? parsed?.account ?? str(issuer?.['accountId']),
    displayName: sessionName,
    sessionArn,
  };
}

function identityCenterUser(u: Record<string, unknown>, account: string | undefined): Principal {
  const onBehalfOf = obj(u['onBehalfOf']);
  const userId = str(onBehalfOf?.['userId']) ?? str(u['userName']) ?? str(u['principalId']);
  const store = str(onBehalfOf?.['identityStoreArn']);
  // Identity Center users have no IAM ARN: synthesise one from the identity store so that mapping
  // patterns can name them.
  const arn = str(u['arn']) ?? (store && userId ? `${store}/user/${userId}` : `identitycenter:user/${userId ?? 'unknown'}`);
  return { arn, type: 'identity-center-user', accountId: account, displayName: userId };
}

function byType(type: string | undefined, u: Record<string, unknown>): Principal {
  const arn = str(u['arn']);
  const account = str(u['accountId']);
  // Only synthesised ARNs need the partition; most records carry their own ARN.
  const partition = (): string => partitionOf(arn);
  const userName = str(u['userName']);
  switch (type) {
    case 'IAMUser':
      return { arn: arn ?? `arn:${partition()}:iam::${account ?? ''}:user/${userName ?? 'unknown'}`, type: 'iam-user', accountId: account, displayName: userName ?? arn?.slice(arn.lastIndexOf('/') + 1) };
    case 'AssumedRole':
      return assumedRole(u, account);
    case 'Root':
      return { arn: arn ?? `arn:${partition()}:iam::${account ?? ''}:root`, type: 'root', accountId: account, displayName: 'root' };
    case 'FederatedUser': {
      const issuer = str(obj(obj(u['sessionContext'])?.['sessionIssuer'])?.['arn']);
      const name = arn?.slice(arn.lastIndexOf('/') + 1);
      return { arn: arn ?? `arn:${partition()}:sts::${account ?? ''}:federated-user/unknown`, type: 'federated-user', accountId: account, displayName: name, issuerArn: issuer };
    }
    case 'WebIdentityUser':
    case 'SAMLUser': {
      const idp = str(u['identityProvider']) ?? 'unknown-provider';
      const name = userName ?? str(u['principalId']) ?? 'unknown';
      // These callers have no ARN of their own: `<provider>/<user>` gives mapping patterns something to match.
      return { arn: arn ?? `${idp}/${name}`, type: type === 'SAMLUser' ? 'saml' : 'web-identity', accountId: account, displayName: name };
    }
    case 'AWSService':
      return { arn: str(u['invokedBy']) ?? 'unknown-service', type: 'aws-service', accountId: account };
    case 'AWSAccount':
      return { arn: `arn:${partition()}:iam::${account ?? 'unknown'}:root`, type: 'aws-account', accountId: account, displayName: str(u['principalId']) };
    case 'IdentityCenterUser':
      return identityCenterUser(u, account);
    default:
      // A record with only `invokedBy` (no type) is a service acting on its own, e.g. EC2 on instance start.
      if (type === undefined && str(u['invokedBy']) && !arn) return { arn: str(u['invokedBy']) ?? 'unknown-service', type: 'aws-service', accountId: account };
      return { arn: arn ?? 'unknown', type: 'unknown', accountId: account, displayName: userName };
  }
}

/**
 * The principal without its undefined fields, as a fresh object: `delete` would turn every
 * principal (one per record) into a slow dictionary-mode object; copying keeps one hidden class
 * per field combination.
 */
function compact(p: Principal): Principal {
  const out: Principal = { arn: p.arn, type: p.type };
  if (p.accountId !== undefined) out.accountId = p.accountId;
  if (p.displayName !== undefined) out.displayName = p.displayName;
  if (p.sessionArn !== undefined) out.sessionArn = p.sessionArn;
  if (p.issuerArn !== undefined) out.issuerArn = p.issuerArn;
  if (p.crossAccount !== undefined) out.crossAccount = p.crossAccount;
  return out;
}

/**
 * The principal the check judges for a record: assumed-role sessions are judged as their role
 * (keeping the session ARN and name), Identity Center sessions as their permission-set role with the
 * session name (usually the user's e-mail) as display name. Never throws, whatever the JSON.
 */
export function principalOf(record: CloudTrailRecord): Principal {
  try {
    const rec = obj(record);
    const u = obj(rec?.['userIdentity']);
    if (!u) return { arn: 'unknown', type: 'unknown' };
    const p = byType(str(u['type']), u);
    const recipient = str(rec?.['recipientAccountId']);
    if (p.type !== 'aws-service' && p.accountId && recipient && p.accountId !== recipient) p.crossAccount = true;
    return compact(p);
  } catch {
    // Getters or proxies in hand-built input could still throw; a record is never worth a crash.
    return { arn: 'unknown', type: 'unknown' };
  }
}
