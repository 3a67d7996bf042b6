/**
 * The inventory side of the demo, in the exact shapes the AWS CLI prints, so that the same loaders
 * that read a real account's exports read the demo.
 */
import type { ProductMapping } from '../../src/core/model/inventory';
import { ACCOUNT, P, PARTNER_ACCOUNT, R, type DemoPrincipal } from './account';
import { Rng } from './rng';

const tagList = (tags: Record<string, string>): { Key: string; Value: string }[] =>
  Object.entries(tags).map(([Key, Value]) => ({ Key, Value }));

/** `aws resourcegroupstaggingapi get-resources` output (both regions merged, as a user would save it). */
export function taggingGetResources(): unknown {
  const list = Object.values(R)
    .filter((r) => r.listedInTagging)
    .map((r) => ({ ResourceARN: r.arn, Tags: tagList(r.tags) }));
  return { ResourceTagMappingList: list };
}

function trustPolicy(p: DemoPrincipal, samlProvider: string): unknown {
  if (p.kind === 'sso-role') {
    return {
      Version: '2012-10-17',
      Statement: [{
        Effect: 'Allow',
        Principal: { Federated: samlProvider },
        Action: ['sts:AssumeRoleWithSAML', 'sts:TagSession'],
        Condition: { StringEquals: { 'SAML:aud': 'https://signin.aws.amazon.com/saml' } },
      }],
    };
  }
  const principal = p.trustedAccount ? { AWS: `arn:aws:iam::${p.trustedAccount}:root` } : { Service: p.trustedService };
  return { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: principal, Action: 'sts:AssumeRole' }] };
}

/** `aws iam get-account-authorization-details` output for the demo account (the partner role is not in it). */
export function iamAuthorizationDetails(): unknown {
  const rng = new Rng(0x1a4);
  const created = (): string => `2025-${String(rng.int(1, 12)).padStart(2, '0')}-${String(rng.int(1, 28)).padStart(2, '0')}T${String(rng.int(0, 23)).padStart(2, '0')}:${String(rng.int(10, 59))}:${String(rng.int(10, 59))}+00:00`;
  const samlProvider = `arn:aws:iam::${ACCOUNT}:saml-provider/AWSSSO_${rng.hex(16)}_DO_NOT_DELETE`;
  const mine = Object.values(P).filter((p) => p.accountId === ACCOUNT);
  const withTags = (p: DemoPrincipal): Record<string, unknown> => (Object.keys(p.tags).length > 0 ? { Tags: tagList(p.tags) } : {});
  const UserDetailList = mine.filter((p) => p.kind === 'user').map((p) => ({
    Path: p.path,
    UserName: p.name,
    UserId: p.id,
    Arn: p.arn,
    CreateDate: created(),
    GroupList: [],
    AttachedManagedPolicies: [{ PolicyName: 'PowerUserAccess', PolicyArn: 'arn:aws:iam::aws:policy/PowerUserAccess' }],
    ...withTags(p),
  }));
  const RoleDetailList = mine.filter((p) => p.kind !== 'user').map((p) => ({
    Path: p.path,
    RoleName: p.name,
    RoleId: p.id,
    Arn: p.arn,
    CreateDate: created(),
    AssumeRolePolicyDocument: trustPolicy(p, samlProvider),
    InstanceProfileList: [],
    RolePolicyList: [],
    AttachedManagedPolicies: [],
    ...withTags(p),
    RoleLastUsed: { LastUsedDate: '2026-10-11T18:00:00+00:00', Region: 'eu-west-1' },
  }));
  return { UserDetailList, GroupDetailList: [], RoleDetailList, Policies: [] };
}

/** The mapping file: name patterns for principals that cannot carry tags, shared products, one agreed exception. */
export function productMapping(): ProductMapping {
  const ssoPattern = (set: string): string => `arn:aws:iam::${ACCOUNT}:role/aws-reserved/sso.amazonaws.com/*/AWSReservedSSO_${set}_*`;
  return {
    principals: [
      { pattern: ssoPattern('CheckoutDeveloper'), product: 'checkout' },
      { pattern: ssoPattern('CatalogDeveloper'), product: 'catalog' },
      { pattern: ssoPattern('AnalyticsReader'), product: 'analytics' },
      { pattern: `arn:aws:iam::${ACCOUNT}:role/ci-catalog-*`, product: 'catalog' },
      { pattern: `arn:aws:iam::${PARTNER_ACCOUNT}:role/*`, product: 'analytics' },
    ],
    sharedProducts: ['shared'],
    exemptions: [{
      principal: P.analyticsEtl.arn,
      resource: `${R.checkoutExports.arn}*`,
      reason: 'Nightly order export agreed between checkout and analytics (ticket FIN-2291).',
    }],
  };
}
