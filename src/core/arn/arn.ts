/**
 * ARNs, parsed in one place: their fields, the resource's type and name, the parent a resource
 * inherits its product from, and the shapes other layers test (an S3 bucket, an IAM role or user,
 * an STS session). Every ARN is untrusted text: nothing here throws, and nothing matches more than
 * the fields it names.
 */

export interface Arn {
  partition: string;
  service: string;
  region: string;
  account: string;
  /** Everything after the fifth `:` (may itself hold `:` and `/`). */
  resource: string;
}

const MAX_ARN = 2048;

/** True when `s` has the shape `arn:partition:service:region:account:resource`. */
export function looksLikeArn(s: string): boolean {
  if (s.length < 12 || s.length > MAX_ARN || !s.startsWith('arn:')) return false;
  let colons = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c <= 32) return false; // whitespace or control characters: prose, not an ARN
    if (c === 58 && ++colons >= 5) return true;
  }
  return false;
}

/** The fields of an ARN, or undefined when `s` is not `arn:…` with six fields. */
export function parseArn(s: string): Arn | undefined {
  if (!s.startsWith('arn:')) return undefined;
  const cut: number[] = [];
  for (let i = 4; i < s.length && cut.length < 4; i++) if (s.charCodeAt(i) === 58) cut.push(i);
  if (cut.length < 4) return undefined;
  const [a, b, c, d] = cut as [number, number, number, number];
  return { partition: s.slice(4, a), service: s.slice(a + 1, b), region: s.slice(b + 1, c), account: s.slice(c + 1, d), resource: s.slice(d + 1) };
}

/** The service field of an ARN (`arn:aws:s3:::b` -> `s3`), without allocating the others. */
export function serviceOfArn(arn: string): string {
  const a = arn.indexOf(':', 4);
  const b = a < 0 ? -1 : arn.indexOf(':', a + 1);
  return b < 0 ? '' : arn.slice(a + 1, b);
}

/** The partition field; `aws` when the ARN is missing or malformed. */
export function partitionOfArn(arn: string | undefined): string {
  const p = arn?.startsWith('arn:') ? arn.slice(4, Math.max(4, arn.indexOf(':', 4))) : '';
  return /^aws(-[a-z-]+)?$/.test(p) ? p : 'aws';
}

/** The account field; empty for AWS-owned resources (runtimes, foundation models) and S3. */
export function accountOfArn(arn: string): string {
  return parseArn(arn)?.account ?? '';
}

/** Partition for a region name, so that China and GovCloud records get the ARNs AWS gives them. */
export function partitionOfRegion(region: string): string {
  if (region.charCodeAt(0) !== 99 && region.charCodeAt(0) !== 117 && region.charCodeAt(0) !== 101) return 'aws'; // not c…, u…, e…
  if (region.startsWith('cn-')) return 'aws-cn';
  if (region.startsWith('us-gov-')) return 'aws-us-gov';
  if (region.startsWith('us-isob-')) return 'aws-iso-b';
  if (region.startsWith('us-iso-')) return 'aws-iso';
  if (region.startsWith('eu-isoe-')) return 'aws-iso-e';
  if (region.startsWith('us-isof-')) return 'aws-iso-f';
  return 'aws';
}

/**
 * True when an ARN names one resource: a non-empty resource part, no bare path prefix (`…:role/`,
 * an IAM path), no wildcard. A wildcard is a `*` that stands as a whole path or qualifier segment (`bucket/*`,
 * `function:f:*`, `*`): S3 keys and other names may hold `*` among other characters, and a name
 * must never make an access invisible.
 */
export function isConcreteArn(arn: string): boolean {
  // Called for every target: no allocation, one scan.
  if (!arn.startsWith('arn:')) return false;
  let colons = 0;
  let i = 4;
  for (; i < arn.length && colons < 4; i++) if (arn.charCodeAt(i) === 58) colons++;
  if (colons < 4 || i >= arn.length) return false;
  const last = arn.charCodeAt(arn.length - 1);
  if (last === 58 || hasWildcardSegment(arn, i)) return false; // a trailing `:`, a wildcard
  // A trailing `/` is a bare path prefix (`…:role/`, `…:role/team/`, `…:parameter/app/`), except
  // in the ARNs AWS writes so, after a name: an S3 folder object (`b/dir/`), an OpsWorks stack
  // (`stack/<id>/`, as the IAM reference writes it).
  if (last !== 47) return true;
  const service = serviceOfArn(arn);
  return TRAILING_SLASH_SERVICES.has(service) && arn.indexOf('/', i) < arn.length - 1;
}

const TRAILING_SLASH_SERVICES: ReadonlySet<string> = new Set(['s3', 'opsworks']);

function isSeparator(c: number): boolean {
  return c === 47 || c === 58; // `/`, `:`
}

function hasWildcardSegment(arn: string, from: number): boolean {
  for (let j = arn.indexOf('*', from); j >= 0; j = arn.indexOf('*', j + 1)) {
    const before = j === from || isSeparator(arn.charCodeAt(j - 1));
    const after = j === arn.length - 1 || isSeparator(arn.charCodeAt(j + 1));
    if (before && after) return true;
  }
  return false;
}

/**
 * The resource's type and name: `instance/i-1` -> (`instance`, `i-1`), `function:f` -> (`function`,
 * `f`); S3 has no type word: a bucket, or an object when a `/` follows the bucket.
 */
export function typeAndName(service: string, resource: string): { type: string; name: string } {
  if (service === 's3' && !resource.includes(':')) {
    return { type: resource.includes('/') ? 'object' : 'bucket', name: resource };
  }
  const sep = resource.search(/[:/]/);
  if (sep < 0) return { type: resource, name: resource };
  return { type: resource.slice(0, sep), name: resource.slice(sep + 1) };
}

// Where a resource without tags of its own inherits its product. Only hierarchies AWS really has:
// climbing any `/` would invent parents (a secret named `team/key` is not inside a secret `team`).
// A Map, not an object literal: a service field such as `constructor` must find nothing.
const PARENT_RULES = new Map<string, RegExp>(Object.entries({
  s3: /^(arn:[^:]+:s3:::[^/]+)\/./, // object → bucket (an object has no tags the inventory sees)
  dynamodb: /^(arn:[^:]+:dynamodb:[^:]*:[^:]*:table\/[^/]+)\/./, // index, stream, backup, export → table
  logs: /^(arn:[^:]+:logs:[^:]*:[^:]*:log-group:[^:]+):./, // log stream (or `:*`) → log group
  lambda: /^(arn:[^:]+:lambda:[^:]*:[^:]*:function:[^:]+):./, // version or alias → function
  kinesis: /^(arn:[^:]+:kinesis:[^:]*:[^:]*:stream\/[^/]+)\/./, // consumer → stream
  sns: /^(arn:[^:]+:sns:[^:]*:[^:]*:[^:]+):[^:]+$/, // subscription → topic
  apigateway: /^(arn:[^:]+:apigateway:[^:]*::\/(?:restapis|apis)\/[^/]+)\/./, // stage, resource, method → API
  ecr: /^(arn:[^:]+:ecr:[^:]*:[^:]*:repository\/[^:@]+)[:@]./, // image tag or digest → repository
}));

/** The ARN a resource inherits its product from, if AWS nests it in one (see PARENT_RULES). */
export function parentArn(arn: string): string | undefined {
  return PARENT_RULES.get(serviceOfArn(arn))?.exec(arn)?.[1];
}

/**
 * Secrets Manager ARNs end in `-` and six random characters that a record naming the secret by
 * name does not carry: `…:secret:app/key` stands for `…:secret:app/key-AbC123`.
 */
export function secretWithoutSuffix(arn: string): string | undefined {
  if (!arn.includes(':secretsmanager:')) return undefined;
  const m = /^(arn:[^:]+:secretsmanager:[^:]*:[^:]*:secret:.+)-[A-Za-z0-9]{6}$/.exec(arn);
  return m?.[1];
}

/** `account|role|name` for an IAM role or user ARN whatever its path, else undefined. */
export function iamNameKey(arn: string): string | undefined {
  if (!arn.includes(':iam::')) return undefined; // most ARNs: skip the regex
  const m = /^arn:[^:]+:iam::([^:]*):(role|user)\/(?:.*\/)?([^/]+)$/.exec(arn);
  return m ? `${m[1]}|${m[2]}|${m[3]}` : undefined;
}

/** True for an IAM role or user ARN of a 12-digit account in the `aws` partition. */
export function isIamRoleOrUserArn(arn: string): boolean {
  return /^arn:aws:iam::\d{12}:(role|user)\//.test(arn);
}

/** True for an IAM role ARN of any partition. */
export function isIamRoleArn(arn: string): boolean {
  return /^arn:[^:]+:iam::[^:]*:role\//.test(arn);
}

/** The bucket of an `aws` S3 object ARN (`arn:aws:s3:::b/k` -> `b`). */
export function bucketOfObjectArn(arn: string): string | undefined {
  return /^arn:aws:s3:::([^/]+)\/./.exec(arn)?.[1];
}

/** The name of an `aws` S3 bucket ARN whose name is a valid bucket name. */
export function bucketOfBucketArn(arn: string): string | undefined {
  return /^arn:aws:s3:::([a-z0-9][a-z0-9.-]{1,61}[a-z0-9])$/.exec(arn)?.[1];
}

/** `arn:aws:sts::123:assumed-role/Role/session` -> partition, account, role name and session name. */
export function parseSessionArn(arn: string | undefined): { partition: string; account: string; role: string; session: string } | undefined {
  const m = arn ? /^arn:([^:]+):sts::([^:]*):assumed-role\/([^/]+)(?:\/(.*))?$/.exec(arn) : null;
  if (!m) return undefined;
  return { partition: m[1] ?? 'aws', account: m[2] ?? '', role: m[3] ?? '', session: m[4] ?? '' };
}

/**
 * The plan-independent shortenings of a qualified ARN, longest first: each cut at the last `:` or
 * `/` (a Lambda version or alias, a log group's `:*`, an object's key), never below six fields.
 */
export function shorterArns(arn: string, max = 6): string[] {
  const out: string[] = [];
  let candidate = arn;
  for (let i = 0; i < max; i++) {
    const colon = candidate.lastIndexOf(':');
    const slash = candidate.lastIndexOf('/');
    const cut = Math.max(colon, slash);
    const fields = candidate.split(':').length;
    if (cut <= 0 || fields < 6 || (cut === colon && fields <= 6)) break;
    candidate = candidate.slice(0, cut);
    if (candidate.endsWith(':') || candidate.endsWith('/')) candidate = candidate.slice(0, -1);
    out.push(candidate);
  }
  return out;
}
