// The generated SQL: the scan's SELECT parses in the Athena and Trino dialects of node-sql-parser
// (neither parses Hive's CREATE EXTERNAL TABLE, so the DDL is checked by its parts), and hostile
// values can only ever end up inside string literals.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Parser } from 'node-sql-parser';
import { createTableSql } from '../../../src/core/athena/ddl';
import { buildScanSpec } from '../../../src/core/athena/scanSpec';
import { scanSql, windowCountSql } from '../../../src/core/athena/scanSql';
import { ATHENA, DUCKDB } from '../../../src/core/athena/dialect';
import { likePattern, sqlIdentifier, sqlList, sqlString } from '../../../src/core/athena/sqlText';
import { parseAthenaTableRef } from '../../../src/core/athena/tableRef';
import { isNoTarget, noTargetEvents } from '../../../src/core/athena/noTargetEvents';
import { ATHENA_MAX_QUERY_BYTES, fitScan } from '../../../src/core/athena/fitScan';
import type { Inventory } from '../../../src/core/model';

const inventory = (principals: [string, string][]): Inventory => ({
  principals: new Map(principals.map(([arn, product]) => [arn, [{ key: 'product', value: product }]])),
  resources: new Map([['arn:aws:s3:::checkout-data', [{ key: 'product', value: 'checkout' }]]]),
  sources: [],
});

const hostile = "x') OR 1=1 --";
const spec = buildScanSpec({
  inventory: inventory([['arn:aws:iam::111122223333:role/app/checkout-api', 'checkout'], [`arn:aws:iam::111122223333:role/${hostile}`, 'evil']]),
  mapping: { principals: [{ pattern: 'arn:aws:iam::111122223333:role/aws-reserved/sso.amazonaws.com/*/AWSReservedSSO_Dev_*', product: 'checkout' }] },
  tagKeys: ['product'],
  filter: { since: '2026-10-01', until: '2026-10-07T12:00:00Z', accounts: ['111122223333', '444455556666'], regions: ['us-east-1'] },
});
const select = scanSql(spec, `${sqlIdentifier('security')}.${sqlIdentifier('cloudtrail_logs')}`, ATHENA);

test('the scan SELECT parses with the athena and trino dialects', () => {
  const parser = new Parser();
  for (const database of ['athena', 'trino']) {
    const ast = parser.astify(select, { database });
    const first = Array.isArray(ast) ? ast[0] : ast;
    assert.equal(first?.type, 'select', database);
    assert.equal((Array.isArray(ast) ? ast : [ast]).length, 1, 'one statement');
    parser.astify(windowCountSql(spec, '"security"."cloudtrail_logs"'), { database });
  }
});

test('the scan prunes partitions by accounts, regions and the window (plus a day of delivery delay)', () => {
  assert.match(select, /account IN \('111122223333', '444455556666'\)/);
  assert.match(select, /region IN \('us-east-1'\)/);
  assert.match(select, /"timestamp" >= '2026\/10\/01'/);
  assert.match(select, /"timestamp" <= '2026\/10\/08'/);
  assert.match(select, /useridentity\.type = 'AWSService'/);
  assert.match(select, /all_match\(resources, r -> /, 'S3 same-product calls are judged in SQL');
});

test('hostile names stay inside literals: quotes doubled, control characters and odd identifiers refused', () => {
  assert.ok(select.includes("'x'') OR 1=1 --'"), 'the name appears only with its quote doubled');
  assert.equal(sqlString("it's"), "'it''s'");
  assert.throws(() => sqlString('a\u0000b'), /control character/);
  assert.throws(() => sqlIdentifier('db"; DROP TABLE x; --'), /not a plain SQL name/);
  assert.throws(() => sqlList([]), /at least one/);
  assert.equal(likePattern('arn:aws:iam::1:role/a_b*c**'), 'arn:aws:iam::1:role/a_b%c%');
});

test('the table reference is workgroup/database.table, nothing else', () => {
  assert.deepEqual(parseAthenaTableRef('primary/security.cloudtrail_logs'), { workgroup: 'primary', database: 'security', table: 'cloudtrail_logs' });
  for (const bad of ['security.cloudtrail_logs', 'primary/security', 'pri mary/db.t', 'wg/db.t;drop', 'wg/d-b.t']) {
    assert.throws(() => parseAthenaTableRef(bad), /expected <workgroup>\/<database>\.<table>/, bad);
  }
});

test('the DDL is the AWS-documented table with projection over the organisation layout', () => {
  const ddl = createTableSql({ database: 'security', table: 'cloudtrail_logs', bucket: 'org-trail-logs', prefix: 'trails/', organizationId: 'o-abcdefghij', accounts: ['111122223333'], regions: ['us-east-1', 'eu-west-1'] });
  assert.match(ddl, /^CREATE EXTERNAL TABLE IF NOT EXISTS `security`\.`cloudtrail_logs` \(/);
  assert.match(ddl, /ROW FORMAT SERDE 'org\.apache\.hive\.hcatalog\.data\.JsonSerDe'/);
  assert.match(ddl, /STORED AS INPUTFORMAT 'com\.amazon\.emr\.cloudtrail\.CloudTrailInputFormat'/);
  assert.match(ddl, /PARTITIONED BY \(account STRING, region STRING, `timestamp` STRING\)/);
  assert.match(ddl, /LOCATION 's3:\/\/org-trail-logs\/trails\/AWSLogs\/o-abcdefghij\/'/);
  assert.match(ddl, /'storage\.location\.template'='s3:\/\/org-trail-logs\/trails\/AWSLogs\/o-abcdefghij\/\$\{account\}\/CloudTrail\/\$\{region\}\/\$\{timestamp\}'/);
  assert.match(ddl, /'projection\.region\.values'='us-east-1,eu-west-1'/);
  assert.match(ddl, /'projection\.timestamp\.format'='yyyy\/MM\/dd'/);
  // Every column the scan reads is declared.
  for (const col of ['useridentity', 'requestparameters', 'responseelements', 'resources', 'recipientaccountid', 'managementevent', 'serviceeventdetails']) {
    assert.match(ddl, new RegExp(`\\n  ${col} `), col);
  }
  assert.throws(() => createTableSql({ database: 'd', table: 't', bucket: "b'; x", accounts: ['1'], regions: ['us-east-1'] }), /not an S3 bucket/);
  assert.throws(() => createTableSql({ database: 'd', table: 't', bucket: 'bucket', accounts: ['12'], regions: ['us-east-1'] }), /not an account/);
});

test('no-target events come from the resolver plan; curated services and create calls are never dropped', () => {
  assert.equal(isNoTarget('signin.amazonaws.com', 'ConsoleLogin'), true);
  assert.equal(isNoTarget('sts.amazonaws.com', 'GetCallerIdentity'), true);
  assert.equal(isNoTarget('kms.amazonaws.com', 'Decrypt'), false, 'Decrypt has a key as target');
  assert.equal(isNoTarget('ec2.amazonaws.com', 'DescribeRegions'), false, 'ec2 has curated id rules');
  const all = noTargetEvents();
  assert.equal(all.get('billingconsole.amazonaws.com'), undefined, 'not among the default sources');
  assert.equal(noTargetEvents(['billingconsole.amazonaws.com']).get('billingconsole.amazonaws.com'), '*');
  for (const names of all.values()) if (names !== '*') for (const n of names) assert.ok(!n.startsWith('Create'), n);
});

test('the DuckDB dialect differs only in the expressions the dialect object names', () => {
  const duck = scanSql(spec, 'cloudtrail_logs', DUCKDB);
  const strip = (s: string, d: typeof ATHENA): string => s.split(d.resourcesInBucket).join('RB').split(d.iamNameInRequest).join('IN').split(d.bucketName).join('BN')
    .split(d.noResources).join('NR').split(d.userIdentityJson).join('UI').split(d.resourcesJson).join('RJ');
  assert.equal(strip(duck, DUCKDB), strip(select, ATHENA).split('"security"."cloudtrail_logs"').join('cloudtrail_logs'));
});

test('a scan over a large inventory is fitted under Athena\'s query size limit, giving up SQL judgement first', () => {
  const principals = new Map<string, { key: string; value: string }[]>();
  const resources = new Map<string, { key: string; value: string }[]>();
  for (let i = 0; i < 6000; i++) principals.set(`arn:aws:iam::${String(100000000000 + (i % 40))}:user/team-member-number-${i}`, [{ key: 'product', value: `p${i % 5}` }]);
  for (let i = 0; i < 400; i++) resources.set(`arn:aws:s3:::bucket-of-some-product-${i}`, [{ key: 'product', value: `p${i % 5}` }]);
  const big = buildScanSpec({ inventory: { principals, resources, sources: [] }, tagKeys: ['product'] });
  assert.ok(scanSql(big, '"db"."t"', ATHENA).length > ATHENA_MAX_QUERY_BYTES, 'the unfitted scan is too long');
  const fitted = fitScan(big, '"db"."t"');
  assert.ok(Buffer.byteLength(fitted.sql) <= ATHENA_MAX_QUERY_BYTES);
  assert.ok(fitted.spec.principals, 'the caller filter survives');
  assert.ok(fitted.spec.notes.some((n) => /did not judge S3 calls in SQL/.test(n)));
  const tiny = fitScan(big, '"db"."t"', 60_000);
  assert.equal(tiny.spec.principals, undefined);
  assert.equal(tiny.spec.sameProduct, undefined);
  assert.throws(() => fitScan(big, '"db"."t"', 1000), /over Athena's limit/);
});
