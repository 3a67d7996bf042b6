/**
 * IAM Identity Center's portal over restJson1: GetRoleCredentials, called by the SDK's SSO
 * credential provider with the cached access token as a bearer header (no SigV4).
 */
import { randomBytes } from 'node:crypto';
import type { EndpointState } from '../state';
import { ServiceError } from '../wire';

export function getRoleCredentials(state: EndpointState, token: string, url: URL): unknown {
  const session = state.ssoTokens.get(token);
  if (!session) throw new ServiceError(401, 'UnauthorizedException', 'Session token not found or invalid');
  const account = url.searchParams.get('account_id') ?? '';
  const roleName = url.searchParams.get('role_name') ?? '';
  const role = state.roles.get(account)?.find((r) => r.name === roleName);
  if (account !== session.account || !role) throw new ServiceError(403, 'ForbiddenException', 'No access');
  const accessKeyId = `ASIA${randomBytes(8).toString('hex').toUpperCase()}`;
  const secretAccessKey = randomBytes(20).toString('base64');
  const sessionToken = randomBytes(48).toString('base64');
  state.keys.set(accessKeyId, { secretAccessKey, sessionToken, account, arn: `arn:aws:sts::${account}:assumed-role/${roleName}/${session.user}`, userId: `AROA${randomBytes(6).toString('hex').toUpperCase()}:${session.user}` });
  return { roleCredentials: { accessKeyId, secretAccessKey, sessionToken, expiration: Date.now() + 3600_000 } };
}
