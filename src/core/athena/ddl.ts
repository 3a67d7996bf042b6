/**
 * The table over a trail's S3 logs, as AWS documents it for Athena ("Creating the table for
 * CloudTrail logs in Athena using partition projection"), extended to several accounts and regions
 * and to organisation trails. It is the only statement TagTrail runs that is not a SELECT, and only
 * when the user asks for it.
 */
import { sqlString } from './sqlText';

export interface TableSetup {
  database: string;
  table: string;
  bucket: string;
  /** Key prefix the trail writes under (before `AWSLogs/`), without leading or trailing `/`. */
  prefix?: string;
  /** Organisation id (`o-…`) of an organisation trail: its logs sit under `AWSLogs/<org>/<account>/`. */
  organizationId?: string;
  /** Accounts whose logs the table projects (partition `account`). */
  accounts: string[];
  /** Regions the table projects (partition `region`). */
  regions: string[];
  /** First day the date projection covers, `yyyy/MM/dd`; default 2020/01/01. */
  firstDay?: string;
}

// The columns AWS documents, plus `managementEvent` (the check counts data events with it) and
// `userIdentity.identityProvider` (web-identity and SAML callers are named by it).
const COLUMNS = `  eventversion STRING,
  useridentity STRUCT<
    type: STRING,
    principalid: STRING,
    arn: STRING,
    accountid: STRING,
    invokedby: STRING,
    accesskeyid: STRING,
    username: STRING,
    identityprovider: STRING,
    onbehalfof: STRUCT<userid: STRING, identitystorearn: STRING>,
    sessioncontext: STRUCT<
      attributes: STRUCT<mfaauthenticated: STRING, creationdate: STRING>,
      sessionissuer: STRUCT<type: STRING, principalid: STRING, arn: STRING, accountid: STRING, username: STRING>,
      sourceidentity: STRING,
      ec2roledelivery: STRING,
      webidfederationdata: STRUCT<federatedprovider: STRING, attributes: MAP<STRING, STRING>>>>,
  eventtime STRING,
  eventsource STRING,
  eventname STRING,
  awsregion STRING,
  sourceipaddress STRING,
  useragent STRING,
  errorcode STRING,
  errormessage STRING,
  requestparameters STRING,
  responseelements STRING,
  additionaleventdata STRING,
  requestid STRING,
  eventid STRING,
  readonly STRING,
  resources ARRAY<STRUCT<arn: STRING, accountid: STRING, type: STRING>>,
  eventtype STRING,
  apiversion STRING,
  recipientaccountid STRING,
  serviceeventdetails STRING,
  sharedeventid STRING,
  vpcendpointid STRING,
  eventcategory STRING,
  managementevent STRING`;

const ACCOUNT = /^\d{12}$/;
const REGION = /^[a-z]{2}(-[a-z]+)+-\d$/;
const ORG = /^o-[a-z0-9]{10,32}$/;
const BUCKET = /^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/;
const DAY = /^\d{4}\/\d{2}\/\d{2}$/;

/** Athena DDL is Hive's: identifiers are quoted with backticks there, not double quotes. */
function ddlIdentifier(name: string): string {
  if (!/^[A-Za-z_][A-Za-z0-9_]{0,254}$/.test(name)) throw new Error(`not a plain SQL name: "${name.slice(0, 80)}" (letters, digits and _ only)`);
  return `\`${name}\``;
}

/** The S3 location of the logs, up to the account folder: `s3://bucket/prefix/AWSLogs/[o-…/]`. */
export function logsRoot(setup: Pick<TableSetup, 'bucket' | 'prefix' | 'organizationId'>): string {
  const prefix = (setup.prefix ?? '').replace(/^\/+|\/+$/g, '');
  return `s3://${setup.bucket}/${prefix ? `${prefix}/` : ''}AWSLogs/${setup.organizationId ? `${setup.organizationId}/` : ''}`;
}

/** Throws an Error naming the first value that does not look like what AWS would accept. */
function validate(s: TableSetup): void {
  if (!BUCKET.test(s.bucket)) throw new Error(`not an S3 bucket name: "${s.bucket.slice(0, 80)}"`);
  if (s.prefix !== undefined && !/^[A-Za-z0-9!_.*'()/-]*$/.test(s.prefix)) throw new Error('the key prefix may hold letters, digits and !_.*\'()/- only');
  if (s.organizationId !== undefined && !ORG.test(s.organizationId)) throw new Error(`not an organisation id: "${s.organizationId.slice(0, 40)}"`);
  if (s.accounts.length === 0 || s.regions.length === 0) throw new Error('the table needs at least one account and one region to project');
  for (const a of s.accounts) if (!ACCOUNT.test(a)) throw new Error(`not an account id: "${a.slice(0, 40)}"`);
  for (const r of s.regions) if (!REGION.test(r)) throw new Error(`not a region: "${r.slice(0, 40)}"`);
  if (s.firstDay !== undefined && !DAY.test(s.firstDay)) throw new Error('firstDay must be yyyy/MM/dd');
}

/**
 * `CREATE EXTERNAL TABLE` with partition projection on `account` and `region` (enums) and
 * `timestamp` (days), so that Athena computes partitions from the query instead of a catalogue
 * and a WHERE clause on them limits what is read. Throws on values that do not fit.
 */
export function createTableSql(setup: TableSetup): string {
  validate(setup);
  const root = logsRoot(setup);
  const props: [string, string][] = [
    ['projection.enabled', 'true'],
    ['projection.account.type', 'enum'],
    ['projection.account.values', setup.accounts.join(',')],
    ['projection.region.type', 'enum'],
    ['projection.region.values', setup.regions.join(',')],
    ['projection.timestamp.type', 'date'],
    ['projection.timestamp.format', 'yyyy/MM/dd'],
    ['projection.timestamp.interval', '1'],
    ['projection.timestamp.interval.unit', 'DAYS'],
    ['projection.timestamp.range', `${setup.firstDay ?? '2020/01/01'},NOW`],
    ['storage.location.template', `${root}\${account}/CloudTrail/\${region}/\${timestamp}`],
  ];
  return `CREATE EXTERNAL TABLE IF NOT EXISTS ${ddlIdentifier(setup.database)}.${ddlIdentifier(setup.table)} (
${COLUMNS}
)
PARTITIONED BY (account STRING, region STRING, \`timestamp\` STRING)
ROW FORMAT SERDE 'org.apache.hive.hcatalog.data.JsonSerDe'
STORED AS INPUTFORMAT 'com.amazon.emr.cloudtrail.CloudTrailInputFormat'
OUTPUTFORMAT 'org.apache.hadoop.hive.ql.io.HiveIgnoreKeyTextOutputFormat'
LOCATION ${sqlString(root)}
TBLPROPERTIES (
${props.map(([k, v]) => `  ${sqlString(k)}=${sqlString(v)}`).join(',\n')}
)`;
}
