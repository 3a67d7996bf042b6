/** IAM over awsQuery: ListUsers, ListRoles, ListUserTags, ListRoleTags with Marker/IsTruncated pages. */
import type { EndpointState, Principal } from '../state';
import { ServiceError, makeToken, readToken, xml } from '../wire';

const CREATED = '2024-01-15T09:30:00Z';

function page<T>(items: T[], form: URLSearchParams, query: string, cap: number): { items: T[]; tail: string } {
  const max = Math.min(Number(form.get('MaxItems') ?? 100), cap);
  if (!Number.isInteger(max) || max < 1 || max > 1000) throw new ServiceError(400, 'ValidationError', 'MaxItems must be between 1 and 1000.');
  const offset = readToken(form.get('Marker') ?? undefined, query, 'InvalidInput');
  const more = offset + max < items.length;
  return { items: items.slice(offset, offset + max), tail: `<IsTruncated>${more}</IsTruncated>${more ? `<Marker>${makeToken(offset + max, query)}</Marker>` : ''}` };
}

function principalXml(p: Principal, kind: 'User' | 'Role'): string {
  const id = `${kind === 'User' ? 'AIDA' : 'AROA'}${Buffer.from(p.arn).toString('hex').slice(-16).toUpperCase()}`;
  const trust = kind === 'Role' ? `<AssumeRolePolicyDocument>${encodeURIComponent('{"Version":"2012-10-17","Statement":[]}')}</AssumeRolePolicyDocument>` : '';
  return `<member><Path>${xml(p.path ?? '/')}</Path><${kind}Name>${xml(p.name)}</${kind}Name><${kind}Id>${id}</${kind}Id><Arn>${xml(p.arn)}</Arn><CreateDate>${CREATED}</CreateDate>${trust}</member>`;
}

function sorted(list: Principal[] | undefined): Principal[] {
  return [...(list ?? [])].sort((a, b) => (a.name < b.name ? -1 : 1));
}

/** Returns the `<…Result>` body of an IAM operation. */
export function iamOperation(state: EndpointState, account: string, operation: string, form: URLSearchParams, cap: number): string {
  switch (operation) {
    case 'ListUsers': {
      const p = page(sorted(state.users.get(account)), form, 'users', cap);
      return `<Users>${p.items.map((u) => principalXml(u, 'User')).join('')}</Users>${p.tail}`;
    }
    case 'ListRoles': {
      const p = page(sorted(state.roles.get(account)), form, 'roles', cap);
      return `<Roles>${p.items.map((r) => principalXml(r, 'Role')).join('')}</Roles>${p.tail}`;
    }
    case 'ListUserTags':
    case 'ListRoleTags': {
      const isUser = operation === 'ListUserTags';
      const name = form.get(isUser ? 'UserName' : 'RoleName') ?? '';
      const who = (isUser ? state.users : state.roles).get(account)?.find((p) => p.name === name);
      if (!who) throw new ServiceError(404, 'NoSuchEntity', `The ${isUser ? 'user' : 'role'} with name ${name} cannot be found.`);
      const p = page(who.tags, form, `${operation}:${name}`, cap);
      return `<Tags>${p.items.map((t) => `<member><Key>${xml(t.Key)}</Key><Value>${xml(t.Value)}</Value></member>`).join('')}</Tags>${p.tail}`;
    }
    default:
      throw new ServiceError(400, 'InvalidAction', `Could not find operation ${operation} for version 2010-05-08`);
  }
}
