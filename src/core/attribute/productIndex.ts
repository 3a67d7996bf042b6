import type { Inventory, Principal, ProductMapping, Tag } from '../model';
import { ArnPattern } from './arnPattern';
import { iamNameKey, parentArn, secretWithoutSuffix } from '../arn/arn';

/** The tag key AWS users most often use for ownership; callers may configure several. */
export const DEFAULT_TAG_KEYS = ['product'];

interface Compiled<T> {
  pattern: ArnPattern;
  value: T;
}

// IAM role and user names are unique per account whatever their path, but the path is often not in
// the record (session ARNs omit it, resolvers assume `/`): iamNameKey lets `arn:aws:iam::1:role/svc/R`
// in the inventory answer for `arn:aws:iam::1:role/R`. Parents (parentArn) are only hierarchies AWS
// really has, and a secret's random suffix is dropped by secretWithoutSuffix (all in core/arn).
const parentOf = parentArn;

/**
 * Answers "which product does this principal / resource belong to?" from inventory tags (the tag
 * keys in priority order, case-sensitive as AWS stores them) and then the mapping file's patterns.
 * Tags win over the mapping: they are the account's own statement of ownership, the mapping fills
 * in what cannot be tagged (Identity Center roles, other accounts, federated callers).
 */
export class ProductIndex {
  private readonly principalTags: Map<string, Tag[]>;
  private readonly resourceTags: Map<string, Tag[]>;
  private readonly iamByName = new Map<string, Tag[]>();
  private readonly secretsByName = new Map<string, Tag[]>();
  private readonly principalPatterns: Compiled<string>[];
  private readonly resourcePatterns: Compiled<string>[];
  private readonly shared: Set<string>;
  private readonly exemptions: { principal?: ArnPattern; resource?: ArnPattern; eventName?: ArnPattern; reason: string }[];
  private readonly resourceCache = new Map<string, string | undefined>();
  private readonly principalCache = new Map<string, string | undefined>();
  /** Where the inventory came from, for the report's scope. */
  readonly inventorySources: string[];

  constructor(inventory: Inventory, mapping: ProductMapping | undefined, readonly tagKeys: string[] = DEFAULT_TAG_KEYS) {
    this.principalTags = inventory.principals;
    this.inventorySources = inventory.sources;
    this.resourceTags = inventory.resources;
    for (const [arn, tags] of inventory.principals) {
      const key = iamNameKey(arn);
      if (key && !this.iamByName.has(key)) this.iamByName.set(key, tags);
    }
    for (const [arn, tags] of inventory.resources) {
      const name = secretWithoutSuffix(arn);
      if (name && !this.secretsByName.has(name)) this.secretsByName.set(name, tags);
    }
    const compile = (l: { pattern: string; product: string }[] | undefined): Compiled<string>[] =>
      (l ?? []).map((e) => ({ pattern: new ArnPattern(e.pattern), value: e.product }));
    this.principalPatterns = compile(mapping?.principals);
    this.resourcePatterns = compile(mapping?.resources);
    this.shared = new Set(mapping?.sharedProducts ?? []);
    this.exemptions = (mapping?.exemptions ?? []).map((e) => ({
      principal: e.principal !== undefined ? new ArnPattern(e.principal) : undefined,
      resource: e.resource !== undefined ? new ArnPattern(e.resource) : undefined,
      eventName: e.eventName !== undefined ? new ArnPattern(e.eventName) : undefined,
      reason: e.reason,
    }));
  }

  /** The product named by the first configured tag key present with a non-empty value. */
  productFromTags(tags: Tag[] | undefined): string | undefined {
    if (!tags) return undefined;
    for (const key of this.tagKeys) {
      const t = tags.find((x) => x.key === key && x.value !== '');
      if (t) return t.value;
    }
    return undefined;
  }

  private tagsOfIam(arn: string, exact: Map<string, Tag[]>): Tag[] | undefined {
    const direct = exact.get(arn);
    if (direct) return direct;
    const key = iamNameKey(arn);
    return key ? this.iamByName.get(key) : undefined;
  }

  private fromPatterns(patterns: Compiled<string>[], ...values: (string | undefined)[]): string | undefined {
    if (patterns.length === 0) return undefined;
    for (const v of values) {
      if (v === undefined) continue;
      for (const p of patterns) if (p.pattern.matches(v)) return p.value;
    }
    return undefined;
  }

  /**
   * A principal's product. Sessions are matched by their role's ARN (tags live on the role), then
   * mapping patterns are tried on the role ARN, the session ARN (which carries the session name,
   * e.g. an SSO user's e-mail) and, for federated users, the issuing IAM user.
   */
  productOfPrincipal(p: Principal): string | undefined {
    if (p.type === 'aws-service') return undefined;
    // Without mapping patterns the answer depends on the ARN alone (issuers are federated users
    // only), and a trail's callers are few: one map read instead of tag scans and a regex.
    if (this.principalPatterns.length === 0 && p.issuerArn === undefined) {
      if (this.principalCache.has(p.arn)) return this.principalCache.get(p.arn);
      const found = this.productFromTags(this.tagsOfIam(p.arn, this.principalTags));
      if (this.principalCache.size > 100_000) this.principalCache.clear(); // ARNs are untrusted: bounded
      this.principalCache.set(p.arn, found);
      return found;
    }
    const tagged = this.productFromTags(this.tagsOfIam(p.arn, this.principalTags))
      ?? (p.issuerArn ? this.productFromTags(this.tagsOfIam(p.issuerArn, this.principalTags)) : undefined);
    return tagged ?? this.fromPatterns(this.principalPatterns, p.arn, p.sessionArn, p.issuerArn);
  }

  /**
   * A resource's product: its own tags, the mapping, then the same for the resource AWS nests it in
   * (an S3 object has no tags the inventory can see, its bucket does; a log stream's are its log
   * group's). IAM roles and users acted on as resources are looked up among the principals too, and
   * a secret named without its random suffix matches the secret that has it.
   */
  productOfResource(arn: string, depth = 0): string | undefined {
    const parent = depth < 4 ? parentOf(arn) : undefined;
    // Nested resources (S3 objects, log streams) are mostly distinct: caching each would only churn.
    // Their own lookup is a few map reads; the parent's answer is cached below.
    if (parent !== undefined) return this.lookupResource(arn) ?? this.productOfResource(parent, depth + 1);
    if (this.resourceCache.has(arn)) return this.resourceCache.get(arn);
    const found = this.lookupResource(arn);
    // Bounded: a check over millions of records touches far fewer distinct resources, but hostile
    // input could invent endless ARNs.
    if (this.resourceCache.size > 100_000) this.resourceCache.clear();
    this.resourceCache.set(arn, found);
    return found;
  }

  private lookupResource(arn: string): string | undefined {
    return this.productFromTags(this.resourceTags.get(arn) ?? (this.secretsByName.size > 0 ? this.secretsByName.get(arn) : undefined))
      ?? this.productFromTags(this.tagsOfIam(arn, this.principalTags))
      ?? this.fromPatterns(this.resourcePatterns, arn);
  }

  /** The ARN a resource inherits its product from when it has none of its own (an S3 object's bucket…). */
  parentOf(arn: string): string | undefined {
    return parentOf(arn);
  }

  /** True for products whose resources every product may use (mapping `sharedProducts`). */
  isShared(product: string): boolean {
    return this.shared.has(product);
  }

  /**
   * The reason of the first exemption matching this access, if any. Every field an exemption names
   * must match; the principal pattern is tried on the role, session and issuer ARNs.
   */
  exemption(principal: Principal, resourceArn: string, eventName: string): string | undefined {
    for (const e of this.exemptions) {
      if (e.principal && ![principal.arn, principal.sessionArn, principal.issuerArn].some((v) => e.principal?.matches(v))) continue;
      if (e.resource && !e.resource.matches(resourceArn)) continue;
      if (e.eventName && !e.eventName.matches(eventName)) continue;
      return e.reason;
    }
    return undefined;
  }
}
