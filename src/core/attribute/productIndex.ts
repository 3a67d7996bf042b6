import type { Inventory, Principal, ProductMapping, Tag } from '../model';
import { ArnPattern } from './arnPattern';

/** The tag key AWS users most often use for ownership; callers may configure several. */
export const DEFAULT_TAG_KEYS = ['product'];

interface Compiled<T> {
  pattern: ArnPattern;
  value: T;
}

/**
 * IAM role and user names are unique per account whatever their path, but the path is often not in
 * the record (session ARNs omit it, resolvers assume `/`). Keying by account and name lets
 * `arn:aws:iam::1:role/svc/R` in the inventory answer for `arn:aws:iam::1:role/R` from a record.
 */
function iamNameKey(arn: string): string | undefined {
  const m = /^arn:[^:]+:iam::([^:]*):(role|user)\/(?:.*\/)?([^/]+)$/.exec(arn);
  return m ? `${m[1]}|${m[2]}|${m[3]}` : undefined;
}

/**
 * Where a resource without tags of its own inherits its product: the ARN cut back at `/`, nearest
 * first. An S3 object `arn:aws:s3:::b/k/x` belongs to bucket `arn:aws:s3:::b` (S3 ARNs have no
 * resource-type segment, so the bucket is the first segment), a DynamoDB index to its table
 * (`…:table/T/index/I` → `…:table/T`). A bare type such as `…:table` is never a parent.
 */
function parentsOf(arn: string): string[] {
  let start = -1;
  for (let i = 0; i < 5 && (start = arn.indexOf(':', start + 1)) >= 0; i++);
  if (start < 0) return [];
  const isS3 = arn.startsWith(':s3:', arn.indexOf(':', 4));
  const out: string[] = [];
  let end = arn.lastIndexOf('/');
  // Keys can be long and deep; eight parents are plenty and keep lookups bounded on hostile input.
  while (end > start && out.length < 8) {
    const parent = arn.slice(0, end);
    if (!isS3 && parent.indexOf('/', start) < 0) break;
    out.push(parent);
    end = arn.lastIndexOf('/', end - 1);
  }
  if (isS3) {
    const bucket = arn.indexOf('/', start);
    if (bucket > start && !out.includes(arn.slice(0, bucket))) out.push(arn.slice(0, bucket));
  }
  return out;
}

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
  private readonly principalPatterns: Compiled<string>[];
  private readonly resourcePatterns: Compiled<string>[];
  private readonly shared: Set<string>;
  private readonly exemptions: { principal?: ArnPattern; resource?: ArnPattern; eventName?: ArnPattern; reason: string }[];
  private readonly resourceCache = new Map<string, string | undefined>();
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
    const tagged = this.productFromTags(this.tagsOfIam(p.arn, this.principalTags))
      ?? (p.issuerArn ? this.productFromTags(this.tagsOfIam(p.issuerArn, this.principalTags)) : undefined);
    return tagged ?? this.fromPatterns(this.principalPatterns, p.arn, p.sessionArn, p.issuerArn);
  }

  /**
   * A resource's product: its own tags, the mapping, then its parents' tags and mapping (an S3
   * object has no tags the inventory can see; its bucket does). IAM roles and users acted on as
   * resources are looked up among the principals too.
   */
  productOfResource(arn: string): string | undefined {
    if (this.resourceCache.has(arn)) return this.resourceCache.get(arn);
    const found = this.lookupResource(arn) ?? parentsOf(arn).reduce<string | undefined>((acc, parent) => acc ?? this.lookupResource(parent), undefined);
    // Bounded: a check over millions of records touches far fewer distinct resources, but hostile
    // input could invent endless ARNs.
    if (this.resourceCache.size > 100_000) this.resourceCache.clear();
    this.resourceCache.set(arn, found);
    return found;
  }

  private lookupResource(arn: string): string | undefined {
    return this.productFromTags(this.resourceTags.get(arn))
      ?? this.productFromTags(this.tagsOfIam(arn, this.principalTags))
      ?? this.fromPatterns(this.resourcePatterns, arn);
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
