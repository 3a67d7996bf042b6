/**
 * Which callers could belong to a product, as far as SQL can tell from the record alone: a record
 * whose caller has no product yields no finding, so the scan need not bring it back. The test is a
 * superset of `ProductIndex.productOfPrincipal`: IAM names are matched without account or path, and
 * callers whose principal ARN TagTrail synthesises (web identity, SAML, Identity Center) always pass.
 */
import type { Inventory, ProductMapping, Tag } from '../model';

export interface PrincipalScope {
  /** Role and user names (last path segment) that carry a product tag. */
  names: string[];
  /** Exact ARNs of other tagged principals (roots, federated users), which have no role or user name. */
  arns: string[];
  /** Mapping-file principal patterns, all starting with `arn:`. */
  patterns: string[];
}

function hasProduct(tags: Tag[], tagKeys: readonly string[]): boolean {
  return tags.some((t) => tagKeys.includes(t.key) && t.value !== '');
}

/**
 * The scope, or undefined when it cannot be expressed soundly (a mapping pattern that is not an
 * ARN pattern, e.g. `*` or a synthesised web-identity name): then the scan keeps every caller.
 */
export function principalScope(inventory: Inventory, mapping: ProductMapping | undefined, tagKeys: readonly string[]): PrincipalScope | undefined {
  const patterns = (mapping?.principals ?? []).map((p) => p.pattern);
  if (patterns.some((p) => !/^arn:[^*:]+:(iam|sts)::/.test(p))) return undefined;
  const names = new Set<string>();
  const arns = new Set<string>();
  for (const [arn, tags] of inventory.principals) {
    if (!hasProduct(tags, tagKeys)) continue;
    const m = /^arn:[^:]+:iam::[^:]*:(?:role|user)\/(?:.*\/)?([^/]+)$/.exec(arn);
    // Roles and users are found by name (a superset); only other principals need their exact ARN.
    if (m?.[1]) names.add(m[1]);
    else arns.add(arn);
  }
  // Principals with tag history (AWS Config) may have had a product when they called, whatever today's tags say.
  for (const o of inventory.history ?? []) {
    const m = /^arn:[^:]+:iam::[^:]*:(?:role|user)\/(?:.*\/)?([^/]+)$/.exec(o.arn);
    if (m?.[1]) names.add(m[1]);
  }
  return { names: [...names].sort(), arns: [...arns].sort(), patterns: [...new Set(patterns)].sort() };
}
