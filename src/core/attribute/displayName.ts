import type { PrincipalType } from '../model';

/** What a person needs to recognise a caller; every field may come from an untrusted record. */
export interface NamedPrincipal {
  arn: string;
  type?: PrincipalType | string;
  /** Session or user name (an SSO session's is usually the person's e-mail). */
  displayName?: string;
}

const SSO_ROLE = /^AWSReservedSSO_(.+?)(?:_[0-9a-f]{16})?$/;

/** `arn:aws:iam::123:role/path/Name` → `{ account, kind: 'role', name: 'Name' }`; undefined for anything else. */
function iamParts(arn: string): { account: string; kind: string; name: string } | undefined {
  const m = /^arn:[^:]*:(?:iam|sts)::([^:]*):([a-z-]+)(?:\/(.*))?$/.exec(arn);
  if (!m) return undefined;
  const rest = m[3] ?? '';
  return { account: m[1] ?? '', kind: m[2] ?? '', name: rest.slice(rest.lastIndexOf('/') + 1) };
}

/** The permission set of an Identity Center role (`AWSReservedSSO_CatalogDeveloper_5444e9b34a8a8d20` → `CatalogDeveloper`). */
export function permissionSetOf(arnOrName: string): string | undefined {
  const name = arnOrName.slice(arnOrName.lastIndexOf('/') + 1);
  return SSO_ROLE.exec(name)?.[1];
}

/** `lambda.amazonaws.com` → `lambda`; other values are kept. */
function serviceName(v: string): string {
  return v.replace(/\.amazonaws\.com(\.cn)?$/, '');
}

/**
 * A caller's name as a person reads it, the same in the CLI, the reports and the editor:
 * Identity Center roles as `SSO <PermissionSet>`, roles and users as `role/<name>` / `user/<name>`
 * (no IAM path), an assumed-role session's name only where it differs from the role's
 * (`role/ci-deploy (session gitlab-runner-4101)`), AWS services by service name, the account when
 * `homeAccount` is given and differs. The full ARN stays in machine outputs and tooltips. The
 * result is not escaped: each output escapes it for its medium.
 */
export function principalDisplayName(p: NamedPrincipal, homeAccount?: string): string {
  const arn = typeof p.arn === 'string' ? p.arn : String(p.arn);
  const session = typeof p.displayName === 'string' && p.displayName !== '' ? p.displayName : undefined;
  if (p.type === 'aws-service') return `AWS ${serviceName(arn)}`;
  const parts = iamParts(arn);
  if (!parts) return session && session !== arn && !arn.endsWith(`/${session}`) ? `${arn} (${session})` : arn;
  const other = homeAccount !== undefined && parts.account !== '' && parts.account !== homeAccount ? ` in ${parts.account}` : '';
  if (parts.kind === 'root') return `root of ${parts.account || 'unknown account'}`;
  const permissionSet = parts.kind === 'role' ? permissionSetOf(parts.name) : undefined;
  if (permissionSet !== undefined) return `SSO ${permissionSet}${other}${session ? ` (${session})` : ''}`;
  const base = `${parts.kind}/${parts.name}${other}`;
  return session && session !== parts.name ? `${base} (session ${session})` : base;
}

/** A resource ARN's account, when it has one (`arn:aws:s3:::bucket` has none). */
export function accountOfArn(arn: string): string | undefined {
  const a = arn.split(':')[4];
  return a && /^\d{12}$/.test(a) ? a : undefined;
}
