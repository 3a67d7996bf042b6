import type { InventoryItem, InventoryItemKind, Tag } from '../model';

/**
 * The inventory formats TagTrail reads, recognised from content: its own snapshot, `aws
 * resourcegroupstaggingapi get-resources` output and `aws iam get-account-authorization-details`
 * output. All values are untrusted: anything that is not the expected shape is skipped.
 */

/** Thrown for content that is not an inventory; the message names the source. */
export class InventoryFormatError extends Error {
  constructor(
    readonly source: string,
    detail: string,
  ) {
    super(`${source}: ${detail}`);
    this.name = 'InventoryFormatError';
  }
}

const EXPECTED =
  'not an inventory: expected a TagTrail snapshot ("format": "tagtrail-inventory"), ' +
  '`aws resourcegroupstaggingapi get-resources` output (ResourceTagMappingList) or ' +
  '`aws iam get-account-authorization-details` output (UserDetailList / RoleDetailList)';

/**
 * IAM users and roles are principals wherever they are listed (the tagging API lists roles too);
 * everything else is a resource.
 */
const PRINCIPAL_ARN = /^arn:[^:]+:iam::[^:]*:(user|role)\//;

/**
 * Items in one parsed inventory document, in document order. An array is read as consecutive
 * pages (as `aws … --no-paginate` runs concatenated into one file give).
 * @throws InventoryFormatError when the content is none of the known formats.
 */
export function inventoryFromJson(json: unknown, source: string): InventoryItem[] {
  if (Array.isArray(json)) return json.flatMap((page) => inventoryFromJson(page, source));
  if (!isObject(json)) throw new InventoryFormatError(source, EXPECTED);
  if (json['format'] === 'tagtrail-inventory') return fromSnapshot(json, source);
  const hasTagging = 'ResourceTagMappingList' in json;
  const hasIam = 'UserDetailList' in json || 'RoleDetailList' in json;
  if (!hasTagging && !hasIam) throw new InventoryFormatError(source, EXPECTED);
  const out: InventoryItem[] = [];
  if (hasTagging) {
    for (const m of listOf(json['ResourceTagMappingList'], source, 'ResourceTagMappingList')) {
      if (isObject(m) && typeof m['ResourceARN'] === 'string') out.push(item(m['ResourceARN'], awsTags(m['Tags'])));
    }
  }
  for (const key of ['UserDetailList', 'RoleDetailList'] as const) {
    if (!(key in json)) continue;
    for (const d of listOf(json[key], source, key)) {
      if (isObject(d) && typeof d['Arn'] === 'string') out.push({ arn: d['Arn'], kind: 'principal', tags: awsTags(d['Tags']) });
    }
  }
  return out;
}

function fromSnapshot(json: Record<string, unknown>, source: string): InventoryItem[] {
  if (json['version'] !== 1) throw new InventoryFormatError(source, `TagTrail snapshot version ${JSON.stringify(json['version'])} is not supported (expected 1)`);
  const out: InventoryItem[] = [];
  for (const [key, kind] of [['principals', 'principal'], ['resources', 'resource']] as const) {
    for (const e of listOf(json[key] ?? [], source, key)) {
      if (isObject(e) && typeof e['arn'] === 'string') out.push({ arn: e['arn'], kind: kind as InventoryItemKind, tags: recordTags(e['tags']) });
    }
  }
  return out;
}

function item(arn: string, tags: Tag[]): InventoryItem {
  return { arn, kind: PRINCIPAL_ARN.test(arn) ? 'principal' : 'resource', tags };
}

/** `[{Key, Value}]` as AWS returns it; keys kept exactly (tag keys are case-sensitive). */
function awsTags(v: unknown): Tag[] {
  if (!Array.isArray(v)) return [];
  const out: Tag[] = [];
  for (const t of v) {
    if (isObject(t) && typeof t['Key'] === 'string') out.push({ key: t['Key'], value: typeof t['Value'] === 'string' ? t['Value'] : '' });
  }
  return out;
}

function recordTags(v: unknown): Tag[] {
  if (!isObject(v)) return [];
  return Object.entries(v).flatMap(([key, value]) => (typeof value === 'string' ? [{ key, value }] : []));
}

function listOf(v: unknown, source: string, key: string): unknown[] {
  if (!Array.isArray(v)) throw new InventoryFormatError(source, `"${key}" is not a list`);
  return v;
}

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/**
 * Why a parsed inventory document holds only part of what it was exported from, or undefined when
 * it looks complete. The AWS CLI paginates by itself and leaves an empty `PaginationToken` (or
 * `IsTruncated: false`) on the last page; a token on the last page means someone stopped early
 * (`--max-items`, `--no-paginate`, one API page saved by a script).
 */
export function truncationOf(json: unknown): string | undefined {
  const last = Array.isArray(json) ? json[json.length - 1] : json;
  if (!isObject(last)) return undefined;
  const token = last['PaginationToken'];
  if (typeof token === 'string' && token !== '') {
    return 'get-resources output has a PaginationToken: more resources exist than the file holds, and their tags are missing; export again without --max-items';
  }
  if (last['IsTruncated'] === true) {
    return 'get-account-authorization-details output has IsTruncated: true: more users and roles exist than the file holds, and their tags are missing; export again without --max-items';
  }
  return undefined;
}
