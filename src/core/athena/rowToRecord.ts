/**
 * Turns a row of the scan back into the CloudTrail record the resolver expects. Athena lowercases
 * column and struct field names and returns nested objects as JSON text; both are undone here.
 * Rows are untrusted like the logs they came from: unparseable JSON becomes an absent field.
 */
import type { CloudTrailRecord, SourcedRecord, UserIdentity } from '../model';
import type { ScanColumn } from './scanSql';
import { recordFrom } from '../ingest/toRecord';

export type ScanRow = Partial<Record<ScanColumn, string | null>>;

// Field names of the table's structs, as CloudTrail spells them.
const CAMEL = new Map(
  ['type', 'principalId', 'arn', 'accountId', 'invokedBy', 'accessKeyId', 'userName', 'identityProvider', 'onBehalfOf',
    'userId', 'identityStoreArn', 'sessionContext', 'attributes', 'mfaAuthenticated', 'creationDate', 'sessionIssuer',
    'sourceIdentity', 'ec2RoleDelivery', 'webIdFederationData', 'federatedProvider'].map((k) => [k.toLowerCase(), k]),
);

const STRING_FIELDS: [ScanColumn, keyof CloudTrailRecord][] = [
  ['eventversion', 'eventVersion'], ['eventid', 'eventID'], ['eventtime', 'eventTime'], ['eventsource', 'eventSource'],
  ['eventname', 'eventName'], ['eventtype', 'eventType'], ['eventcategory', 'eventCategory'], ['awsregion', 'awsRegion'],
  ['recipientaccountid', 'recipientAccountId'], ['errorcode', 'errorCode'], ['errormessage', 'errorMessage'],
  ['sourceipaddress', 'sourceIPAddress'], ['useragent', 'userAgent'], ['requestid', 'requestID'], ['sharedeventid', 'sharedEventID'],
];
const JSON_FIELDS: [ScanColumn, keyof CloudTrailRecord][] = [
  ['requestparameters', 'requestParameters'], ['responseelements', 'responseElements'],
  ['additionaleventdata', 'additionalEventData'], ['serviceeventdetails', 'serviceEventDetails'],
];

function parse(text: string | null | undefined): unknown {
  if (text === null || text === undefined || text === '') return undefined;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}

/** Restores camelCase struct keys and drops the nulls a struct cast writes for absent fields. */
function restore(value: unknown, depth = 0): unknown {
  if (value === null || typeof value !== 'object' || depth > 6) return value ?? undefined;
  if (Array.isArray(value)) return value.map((v) => restore(v, depth + 1));
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(value as Record<string, unknown>)) {
    if (v === null) continue;
    // Map values (webIdFederationData.attributes) keep their keys; only struct fields are renamed.
    out[CAMEL.get(k) ?? k] = k === 'attributes' && depth >= 2 ? v : restore(v, depth + 1);
  }
  return out;
}

function bool(text: string | null | undefined): boolean | undefined {
  return text === 'true' ? true : text === 'false' ? false : undefined;
}

/** The record a scan row stands for. */
export function rowToRecord(row: ScanRow): CloudTrailRecord {
  const record: CloudTrailRecord = {};
  for (const [col, key] of STRING_FIELDS) {
    const v = row[col];
    if (typeof v === 'string') record[key] = v;
  }
  for (const [col, key] of JSON_FIELDS) {
    const v = parse(row[col]);
    if (v !== undefined) record[key] = v;
  }
  const readOnly = bool(row.readonly);
  if (readOnly !== undefined) record.readOnly = readOnly;
  const management = bool(row.managementevent);
  if (management !== undefined) record.managementEvent = management;
  const who = restore(parse(row.useridentity_json));
  if (who !== null && typeof who === 'object' && !Array.isArray(who)) record.userIdentity = who as UserIdentity;
  const resources = parse(row.resources_json);
  if (Array.isArray(resources)) {
    record.resources = resources.map((r) => {
      if (r === null || typeof r !== 'object') return r;
      const { arn, ARN, accountid, accountId, type } = r as Record<string, unknown>;
      const entry: Record<string, unknown> = {};
      if ((ARN ?? arn) != null) entry.ARN = ARN ?? arn;
      if ((accountId ?? accountid) != null) entry.accountId = accountId ?? accountid;
      if (type != null) entry.type = type;
      return entry;
    });
  }
  return record;
}

/**
 * A scan row as the check's input, its source being the log file Athena read it from; a sentence
 * saying why not when the row is not a record (the same rule as files and LookupEvents, `recordFrom`).
 */
export function rowToSourced(row: ScanRow, index: number): SourcedRecord | string {
  return recordFrom(rowToRecord(row), row.source_file ?? 'athena', index + 1);
}
