/**
 * The pushed-down scan as SQL: one SELECT against the AWS-documented CloudTrail table that prunes
 * partitions, drops AWS-service calls, events that name no target and callers without a product,
 * and returns the columns the resolver reads (reassembled by `rowToRecord.ts`).
 */
import { likePattern, sqlList, sqlString } from './sqlText';
import { S3_OBJECT_EVENTS } from './sameProduct';
import type { Dialect } from './dialect';
import type { ScanSpec } from './scanSpec';

/** Columns every scan returns, in order; `rowToRecord` reads them by these names. */
export const SCAN_COLUMNS = [
  'eventversion', 'eventid', 'eventtime', 'eventsource', 'eventname', 'eventtype', 'eventcategory',
  'managementevent', 'awsregion', 'recipientaccountid', 'errorcode', 'errormessage', 'readonly',
  'sourceipaddress', 'useragent', 'requestid', 'sharedeventid', 'requestparameters', 'responseelements',
  'additionaleventdata', 'serviceeventdetails', 'useridentity_json', 'resources_json', 'source_file',
] as const;

export type ScanColumn = (typeof SCAN_COLUMNS)[number];

const UI = 'useridentity';
const ISSUER = `${UI}.sessioncontext.sessionissuer.arn`;

/** An empty string counts as absent, as it does for `principalOf`. */
function blank(expr: string): string {
  return `(${expr} IS NULL OR ${expr} = '')`;
}

/** `principalOf` judges these as AWS services, and `runCheck` never turns them into findings. */
function notAwsService(): string {
  return `NOT (coalesce(${UI}.type = 'AWSService', false) OR (${blank(`${UI}.type`)} AND NOT ${blank(`${UI}.invokedby`)} AND ${blank(`${UI}.arn`)}))`;
}

function notNoTarget(spec: ScanSpec, d: Dialect): string | undefined {
  const parts: string[] = [];
  for (const [source, names] of spec.noTarget) {
    parts.push(names === '*' ? `eventsource = ${sqlString(source)}` : `(eventsource = ${sqlString(source)} AND eventname IN ${sqlList(names)})`);
  }
  if (parts.length === 0) return undefined;
  // Each guard is a way the resolver still finds a target for such an event (see noTargetEvents.ts).
  const guards = `${d.noResources} AND ${blank('errorcode')} AND coalesce(eventtype, '') <> 'AwsServiceEvent'`;
  return `NOT ((${parts.join('\n      OR ')})\n    AND ${guards})`;
}

function principalClause(spec: ScanSpec, d: Dialect, table: string): string | undefined {
  const p = spec.principals;
  if (!p) return undefined;
  const type = `${UI}.type`;
  // Callers whose principal ARN TagTrail synthesises or rarely sees pass; so do sessions without
  // an issuer (their role ARN is rebuilt in code, which SQL does not imitate).
  const passes = [
    `${blank(type)}`,
    `${type} NOT IN ('AssumedRole', 'IAMUser', 'FederatedUser')`,
    `(${type} = 'AssumedRole' AND ${blank(ISSUER)})`,
    `(${type} = 'IAMUser' AND ${blank(`${UI}.arn`)})`,
  ];
  const candidates = [`${UI}.arn`, ISSUER];
  if (p.names.length > 0) {
    // The name ProductIndex keys a role or user by: the session's issuer (the role), the user's own
    // ARN, a federated user's issuing user. One expression keeps the (long) list in the SQL once.
    const name = `CASE ${type} WHEN 'AssumedRole' THEN regexp_extract(${ISSUER}, '[^/]+$') WHEN 'IAMUser' THEN regexp_extract(${UI}.arn, '[^/]+$') WHEN 'FederatedUser' THEN regexp_extract(${ISSUER}, '[^/]+$') END`;
    passes.push(`${name} IN ${sqlList(p.names)}`);
  }
  if (p.arns.length > 0) for (const c of candidates) passes.push(`${c} IN ${sqlList(p.arns)}`);
  // A caller untagged today may have had a product when it called (tagged, then untagged or deleted).
  passes.push(`coalesce(${CALLER_NAME}, '') IN ${iamNamesWithHistory(spec, table, d)}`);
  for (const pattern of p.patterns) {
    for (const c of candidates) passes.push(`${c} LIKE ${sqlString(likePattern(pattern))}`);
  }
  return `(${passes.join('\n      OR ')})`;
}

/**
 * Calls the tag history reads (tag changes, creations, deletions; see history/tagActions.ts), as a
 * superset SQL can test by name: kept whoever made them, so the check's history sees every one.
 */
function historyEvents(): string {
  const verbs = ['Create%', 'Run%', 'Delete%', 'Terminate%'].map((v) => `eventname LIKE ${sqlString(v)}`).join(' OR ');
  return `(${blank('errorcode')} AND (eventname LIKE '%Tag%' OR ((${verbs}) AND eventname NOT IN ${sqlList(FREQUENT_NOT_CREATIONS)})))`;
}

/** Frequent data calls named like creations or deletions that create or delete nothing taggable. */
const FREQUENT_NOT_CREATIONS = [...S3_OBJECT_EVENTS, 'DeleteObjects', 'DeleteMessage', 'DeleteMessageBatch', 'DeleteItem', 'CreateLogStream'];

/** Partition conditions from the window's first day on (tag changes after the window still tell today's tags from the window's). */
function fromFirstDay(spec: ScanSpec): string[] {
  const where: string[] = [];
  if (spec.accounts) where.push(`account IN ${sqlList(spec.accounts)}`);
  if (spec.regions) where.push(`region IN ${sqlList(spec.regions)}`);
  if (spec.firstDay) where.push(`"timestamp" >= ${sqlString(spec.firstDay)}`);
  return where;
}

/** Buckets whose tags changed, or that were created or deleted, in the scanned partitions: their product may not be today's. */
function bucketsWithHistory(spec: ScanSpec, table: string, d: Dialect): string {
  const where = [...fromFirstDay(spec), `eventsource = 's3.amazonaws.com'`, `(eventname LIKE '%Tagging' OR eventname IN ('CreateBucket', 'DeleteBucket'))`, `${d.bucketName} IS NOT NULL`];
  return `(SELECT ${d.bucketName} FROM ${table} WHERE ${where.join(' AND ')})`;
}

/** IAM roles and users (by name) whose tags changed, or that were created or deleted, in the scanned partitions. */
function iamNamesWithHistory(spec: ScanSpec, table: string, d: Dialect): string {
  const where = [...fromFirstDay(spec), `eventsource = 'iam.amazonaws.com'`, `(eventname LIKE '%Tag%' OR eventname IN ('CreateRole', 'DeleteRole', 'CreateUser', 'DeleteUser'))`, `${d.iamNameInRequest} IS NOT NULL`];
  return `(SELECT ${d.iamNameInRequest} FROM ${table} WHERE ${where.join(' AND ')})`;
}

/** The role or user name of the caller, as principalClause keys it. */
const CALLER_NAME = `CASE ${UI}.type WHEN 'AssumedRole' THEN regexp_extract(${ISSUER}, '[^/]+$') WHEN 'IAMUser' THEN regexp_extract(${UI}.arn, '[^/]+$') WHEN 'FederatedUser' THEN regexp_extract(${ISSUER}, '[^/]+$') END`;

/**
 * S3 object calls within one product (see sameProduct.ts): judged here, so they stay in S3 — but
 * only for buckets and callers whose tags did not change in the window (nor were they created or
 * deleted): those are judged by the tags in force at each event's time, which only the check knows.
 */
function notSameProduct(spec: ScanSpec, d: Dialect, table: string): string | undefined {
  const same = spec.sameProduct;
  if (!same) return undefined;
  const caller = `CASE WHEN ${UI}.type = 'AssumedRole' THEN ${ISSUER} WHEN ${UI}.type = 'IAMUser' THEN ${UI}.arn END`;
  const owners = same.products.map((p) => `(${d.bucketName} IN ${sqlList(p.buckets)} AND ${caller} IN ${sqlList(p.callers)} AND coalesce(${CALLER_NAME}, '') NOT IN ${iamNamesWithHistory(spec, table, d)})`);
  if (same.sharedBuckets.length > 0) owners.push(`${d.bucketName} IN ${sqlList(same.sharedBuckets)}`);
  const guards = [
    `eventsource = 's3.amazonaws.com'`,
    `eventname IN ${sqlList(S3_OBJECT_EVENTS)}`,
    blank('errorcode'),
    `coalesce(eventtype, '') <> 'AwsServiceEvent'`,
    // Any ARN in the request or response, or a copy source, could be another target.
    `strpos(coalesce(requestparameters, ''), 'arn:') = 0`,
    `strpos(coalesce(responseelements, ''), 'arn:') = 0`,
    `strpos(lower(coalesce(requestparameters, '')), 'copy') = 0`,
    d.resourcesInBucket,
    `${d.bucketName} NOT IN ${bucketsWithHistory(spec, table, d)}`,
  ];
  return `NOT (${guards.join('\n    AND ')}\n    AND (${owners.join('\n      OR ')}))`;
}

/**
 * The scan's SELECT for `table` (already quoted, e.g. `"db"."cloudtrail_logs"`) in a dialect.
 * Everything it leaves out is something the local check would not turn into a finding.
 */
export function scanSql(spec: ScanSpec, table: string, d: Dialect): string {
  const where: string[] = [];
  if (spec.accounts) where.push(`account IN ${sqlList(spec.accounts)}`);
  if (spec.regions) where.push(`region IN ${sqlList(spec.regions)}`);
  if (spec.firstDay) where.push(`"timestamp" >= ${sqlString(spec.firstDay)}`);
  if (spec.lastDay) where.push(`"timestamp" <= ${sqlString(spec.lastDay)}`);
  const judged: string[] = [notAwsService()];
  const nt = notNoTarget(spec, d);
  if (nt) judged.push(nt);
  const sp = notSameProduct(spec, d, table);
  if (sp) judged.push(sp);
  const pc = principalClause(spec, d, table);
  if (pc) judged.push(pc);
  // The calls the tag history reads come back whoever made them; every other row must pass the rest.
  where.push(`(${historyEvents()}\n  OR (${judged.join('\n  AND ')}))`);
  const select = SCAN_COLUMNS.map((c) => {
    if (c === 'useridentity_json') return `${d.userIdentityJson} AS useridentity_json`;
    if (c === 'resources_json') return `${d.resourcesJson} AS resources_json`;
    if (c === 'source_file') return `${d.sourceFile} AS source_file`;
    return c;
  });
  return `SELECT ${select.join(', ')}\nFROM ${table}\nWHERE ${where.join('\n  AND ')}`;
}

/** The statement that counts what the same partitions hold, for the share the scan brings back. */
export function windowCountSql(spec: ScanSpec, table: string): string {
  const where: string[] = [];
  if (spec.accounts) where.push(`account IN ${sqlList(spec.accounts)}`);
  if (spec.regions) where.push(`region IN ${sqlList(spec.regions)}`);
  if (spec.firstDay) where.push(`"timestamp" >= ${sqlString(spec.firstDay)}`);
  if (spec.lastDay) where.push(`"timestamp" <= ${sqlString(spec.lastDay)}`);
  return `SELECT count(*) AS records FROM ${table}${where.length ? `\nWHERE ${where.join('\n  AND ')}` : ''}`;
}
