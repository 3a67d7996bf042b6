/**
 * The Athena table's local twin: a DuckDB view with the same column names and types over trail
 * files (`{"Records":[…]}`, gzipped or not) in the S3 layout, so that the scan's SQL can run on a
 * laptop against the very files a local check reads. Partition columns come from the file path, as
 * Athena's projection derives them from the S3 key. Only tests and benchmarks use it.
 */
import { sqlString } from './sqlText';
import { ATHENA, DUCKDB } from './dialect';

// json_transform matches keys case-sensitively: the shapes spell CloudTrail's camelCase, and
// DuckDB, like Athena, then answers to the lowercased names the scan uses.
const USER_IDENTITY = JSON.stringify({
  type: 'VARCHAR', principalId: 'VARCHAR', arn: 'VARCHAR', accountId: 'VARCHAR', invokedBy: 'VARCHAR',
  accessKeyId: 'VARCHAR', userName: 'VARCHAR', identityProvider: 'VARCHAR',
  onBehalfOf: { userId: 'VARCHAR', identityStoreArn: 'VARCHAR' },
  sessionContext: {
    attributes: { mfaAuthenticated: 'VARCHAR', creationDate: 'VARCHAR' },
    sessionIssuer: { type: 'VARCHAR', principalId: 'VARCHAR', arn: 'VARCHAR', accountId: 'VARCHAR', userName: 'VARCHAR' },
    sourceIdentity: 'VARCHAR', ec2RoleDelivery: 'VARCHAR',
    webIdFederationData: { federatedProvider: 'VARCHAR', attributes: 'MAP(VARCHAR, VARCHAR)' },
  },
});
// Athena's JSON SerDe matches keys without regard to case; some captures write `arn` for `ARN`.
const field = (x: string, ...keys: string[]): string => `coalesce(${keys.map((k) => `json_extract_string(${x}, '$.${k}')`).join(', ')})`;
const RESOURCES = `CASE WHEN json_type(json_extract(r, '$.resources')) = 'ARRAY' THEN list_transform(CAST(json_extract(r, '$.resources') AS JSON[]), x -> struct_pack(ARN := ${field('x', 'ARN', 'arn')}, accountId := ${field('x', 'accountId', 'accountid')}, type := ${field('x', 'type')})) END`;

const STRINGS: [string, string][] = [
  ['eventversion', 'eventVersion'], ['eventtime', 'eventTime'], ['eventsource', 'eventSource'], ['eventname', 'eventName'],
  ['awsregion', 'awsRegion'], ['sourceipaddress', 'sourceIPAddress'], ['useragent', 'userAgent'], ['errorcode', 'errorCode'],
  ['errormessage', 'errorMessage'], ['requestid', 'requestID'], ['eventid', 'eventID'], ['readonly', 'readOnly'],
  ['eventtype', 'eventType'], ['apiversion', 'apiVersion'], ['recipientaccountid', 'recipientAccountId'],
  ['sharedeventid', 'sharedEventID'], ['vpcendpointid', 'vpcEndpointId'], ['eventcategory', 'eventCategory'],
  ['managementevent', 'managementEvent'],
];
// Athena declares these STRING and hands back the JSON text of the object.
const JSON_TEXT: [string, string][] = [
  ['requestparameters', 'requestParameters'], ['responseelements', 'responseElements'],
  ['additionaleventdata', 'additionalEventData'], ['serviceeventdetails', 'serviceEventDetails'],
];

/**
 * `WITH <name> AS (…)` defining the table over `files` (paths or globs). Use it as the prefix of the
 * scan's SELECT with `<name>` as the table.
 */
export function duckdbView(files: string[], name = 'cloudtrail_logs'): string {
  const list = `[${files.map(sqlString).join(', ')}]`;
  const cols = [
    ...STRINGS.map(([col, key]) => `json_extract_string(r, ${sqlString(`$.${key}`)}) AS ${col}`),
    ...JSON_TEXT.map(([col, key]) => `CAST(json_extract(r, ${sqlString(`$.${key}`)}) AS VARCHAR) AS ${col}`),
    `json_transform(json_extract(r, '$.userIdentity'), ${sqlString(USER_IDENTITY)}) AS useridentity`,
    `${RESOURCES} AS resources`,
    `regexp_extract(filename, '/AWSLogs/(?:o-[a-z0-9]+/)?([0-9]{12})/CloudTrail/', 1) AS account`,
    `regexp_extract(filename, '/CloudTrail/([^/]+)/', 1) AS region`,
    `regexp_extract(filename, '/CloudTrail/[^/]+/([0-9]{4}/[0-9]{2}/[0-9]{2})/', 1) AS "timestamp"`,
    `filename AS "$path"`,
  ];
  return `WITH ${name} AS (
  SELECT ${cols.join(',\n    ')}
  FROM (SELECT unnest(Records) AS r, filename FROM read_json(${list}, columns = {'Records': 'JSON[]'}, filename = true, maximum_object_size = 1073741824))
)
`;
}

/**
 * The scan's Athena SQL as DuckDB runs it over local files: the dialect's few expressions swapped
 * (see `dialect.ts`), the table replaced by its twin over `files`. Used by the local endpoint to
 * answer exactly the statement TagTrail sent.
 */
export function athenaToDuckdb(sql: string, table: string, files: string[]): string {
  let out = sql.split(table).join('cloudtrail_logs');
  // Longest first: resourcesInBucket contains bucketName.
  for (const key of ['resourcesInBucket', 'iamNameInRequest', 'bucketName', 'noResources', 'userIdentityJson', 'resourcesJson', 'sourceFile'] as const) out = out.split(ATHENA[key]).join(DUCKDB[key]);
  return duckdbView(files) + out;
}
