// `tagtrail check --athena` and `tagtrail athena-table` in-process, with credentials and endpoint
// from a real AWS home folder, against the local endpoint whose Athena answers TagTrail's statement
// by running it (dialect swapped) in DuckDB over the demo trail.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { startEndpoint } from '../../endpoint/server';
import { syntheticAccount } from '../../endpoint/syntheticAccount';
import { makeAwsHome } from '../../endpoint/awsFiles';
import type { AthenaEndpoint } from '../../endpoint/athena';
import { athenaToDuckdb } from '../../../src/core/athena/duckdbView';
import { SCAN_COLUMNS } from '../../../src/core/athena/scanSql';
import { duckdbRows } from './equivalence';
import { runCli } from '../cli/harness';

const DEMO = resolve(__dirname, '../../../demo');
const expected = JSON.parse(readFileSync(join(DEMO, 'expected.json'), 'utf8')) as { findings: { eventID: string }[] };

async function withCli(body: (received: NonNullable<AthenaEndpoint['received']>) => Promise<void>): Promise<void> {
  const received: NonNullable<AthenaEndpoint['received']> = [];
  const backend: AthenaEndpoint['backend'] = async (sql) => {
    if (sql.startsWith('CREATE EXTERNAL TABLE')) return { columns: [], rows: [], bytesScanned: 0 };
    const rows: (string | null)[][] = [];
    for await (const r of duckdbRows(athenaToDuckdb(sql, '"security"."cloudtrail_logs"', [`${join(DEMO, 'AWSLogs')}/**/*.json.gz`]))) rows.push(SCAN_COLUMNS.map((c) => r[c] ?? null));
    return { columns: [...SCAN_COLUMNS], rows, bytesScanned: 5_000_000 };
  };
  const acct = syntheticAccount();
  const ep = await startEndpoint({ state: acct.state, athena: { backend, received, runningPolls: 0 } });
  const home = makeAwsHome({ AWS_ENDPOINT_URL: ep.url, AWS_ACCESS_KEY_ID: acct.key.accessKeyId, AWS_SECRET_ACCESS_KEY: acct.key.secretAccessKey, AWS_REGION: 'us-east-1' });
  try {
    await body(received);
  } finally {
    home.dispose();
    await ep.close();
  }
}

test('check --athena reports the demo findings, the cost before (unknown) and after', async () => {
  await withCli(async (received) => {
    const run = await runCli(['check', '--athena', 'primary/security.cloudtrail_logs', '--inventory', join(DEMO, 'inventory'), '--mapping', join(DEMO, 'mapping.json'), '--format', 'json'], DEMO);
    assert.equal(run.status, 0, run.stderr);
    const out = JSON.parse(run.stdout) as { findings: { eventID: string }[] };
    assert.deepEqual([...new Set(out.findings.map((f) => f.eventID))].sort(), [...new Set(expected.findings.map((f) => f.eventID))].sort());
    assert.equal(out.findings.length, expected.findings.length);
    assert.match(run.stderr, /estimated cost unknown/);
    assert.match(run.stderr, /scanned 5\.0 MB, about \$0\.0001/);
    assert.equal(received.length, 1);
    assert.match(received[0]?.sql ?? '', /^SELECT /);
  });
});

test('athena-table prints the DDL and runs it only with --run; bad references are usage errors', async () => {
  await withCli(async (received) => {
    const args = ['athena-table', '--bucket', 'org-trail-logs', '--organization', 'o-abcdefghij', '--account', '111122223333', '--region', 'us-east-1'];
    const printed = await runCli(args, DEMO);
    assert.equal(printed.status, 0, printed.stderr);
    assert.match(printed.stdout, /^CREATE EXTERNAL TABLE IF NOT EXISTS `security`\.`cloudtrail_logs`/);
    assert.equal(received.length, 0, 'printing sends nothing');
    const ran = await runCli([...args, '--run', 'primary'], DEMO);
    assert.equal(ran.status, 0, ran.stderr);
    assert.equal(received.length, 1);
    assert.match(received[0]?.sql ?? '', /^CREATE EXTERNAL TABLE/);
    const bad = await runCli(['check', '--athena', 'security.cloudtrail_logs', '--inventory', join(DEMO, 'inventory')], DEMO);
    assert.equal(bad.status, 2);
    assert.match(bad.stderr, /expected <workgroup>\/<database>\.<table>/);
    const missing = await runCli(['check', '--athena', 'nope/security.cloudtrail_logs', '--inventory', join(DEMO, 'inventory')], DEMO);
    assert.equal(missing.status, 2, missing.stderr);
    assert.match(missing.stderr, /WorkGroup nope is not found/);
  });
});

test('check --athena --print-sql prints the exact SELECT a run sends, and sends nothing', async () => {
  await withCli(async (received) => {
    const args = ['check', '--athena', 'primary/security.cloudtrail_logs', '--inventory', join(DEMO, 'inventory'), '--mapping', join(DEMO, 'mapping.json'),
      '--since', '2026-10-05', '--until', '2026-10-12', '--region', 'eu-west-1', 'us-east-1', '--account', '111122223333', '--athena-logs', 's3://demo-trail/AWSLogs/'];
    const printed = await runCli([...args, '--print-sql'], DEMO);
    assert.equal(printed.status, 0, printed.stderr);
    assert.equal(received.length, 0, '--print-sql makes no AWS call');
    assert.match(printed.stdout, /^-- TagTrail: the query/);
    assert.match(printed.stdout, /^-- {3}CREATE EXTERNAL TABLE IF NOT EXISTS `security`\.`cloudtrail_logs`/m, 'the table it assumes');
    assert.match(printed.stdout, /^-- Cost estimate: /m);
    const select = printed.stdout.split('\n').filter((l) => !l.startsWith('--')).join('\n').trim().replace(/;$/, '');
    const ran = await runCli([...args.filter((a) => a !== '--athena-logs' && a !== 's3://demo-trail/AWSLogs/'), '--format', 'json'], DEMO);
    assert.equal(ran.status, 0, ran.stderr);
    assert.equal(received.length, 1);
    assert.equal(received[0]?.sql, select, 'the printed statement is the one the run sent');
  });
});
