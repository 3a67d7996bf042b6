// The Athena path end to end through the real SDK client and the project's client factory,
// against the local endpoint's Athena operations: the endpoint answers the scan's Athena SQL by
// running its DuckDB twin over the demo trail, results come back in pages with a header row, and
// the check on them finds what the local check finds. Also: abort stops the query, a failed query
// says why, and nothing but SELECT is ever sent.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { ProductMapping } from '../../../src/core/model';
import { AwsClients } from '../../../src/core/aws/clients';
import { loadInventory } from '../../../src/core/inventory/loadInventory';
import { ProductIndex } from '../../../src/core/attribute/productIndex';
import { runCheck } from '../../../src/core/check/check';
import { readEvents } from '../../../src/core/ingest/readEvents';
import { athenaScan } from '../../../src/core/athena/athenaSource';
import { scanSql, SCAN_COLUMNS } from '../../../src/core/athena/scanSql';
import { DUCKDB } from '../../../src/core/athena/dialect';
import { duckdbView } from '../../../src/core/athena/duckdbView';
import { AthenaQueryError, runQuery } from '../../../src/core/athena/runQuery';
import { estimateBytes, parseLogsLocation } from '../../../src/core/athena/estimate';
import { putObject } from '../../endpoint/state';
import { startEndpoint, type RunningEndpoint } from '../../endpoint/server';
import { syntheticAccount } from '../../endpoint/syntheticAccount';
import type { AthenaEndpoint } from '../../endpoint/athena';
import { duckdbRows, findingKey } from './equivalence';

const DEMO = resolve(__dirname, '../../../demo');
const TABLE = { workgroup: 'primary', database: 'security', table: 'cloudtrail_logs' };

async function withEndpoint(athena: AthenaEndpoint, body: (clients: AwsClients, ep: RunningEndpoint) => Promise<void>): Promise<void> {
  const acct = syntheticAccount();
  const ep = await startEndpoint({ state: acct.state, athena });
  const clients = new AwsClients({
    credentials: async () => ({ accessKeyId: acct.key.accessKeyId, secretAccessKey: acct.key.secretAccessKey }),
    endpoints: { ATHENA: ep.url, S3: ep.url },
    forcePathStyle: true,
    maxAttempts: 2,
  });
  try {
    await body(clients, ep);
  } finally {
    clients.destroy();
    await ep.close();
  }
}

function files(dir: string): string[] {
  return readdirSync(dir).flatMap((n) => (statSync(join(dir, n)).isDirectory() ? files(join(dir, n)) : [join(dir, n)]));
}

test('check --athena over the endpoint finds the local findings, paging the results and reporting bytes', async () => {
  const inventory = await loadInventory([join(DEMO, 'inventory')]);
  const mapping = JSON.parse(readFileSync(join(DEMO, 'mapping.json'), 'utf8')) as ProductMapping;
  const products = new ProductIndex(inventory, mapping, ['product']);
  const local = await runCheck(readEvents([join(DEMO, 'AWSLogs')]), { products });
  const bytes = files(join(DEMO, 'AWSLogs')).reduce((n, f) => n + statSync(f).size, 0);
  const received: NonNullable<AthenaEndpoint['received']> = [];
  let expectedSql = '';
  let duckSql = '';
  const backend: AthenaEndpoint['backend'] = async (sql) => {
    // The endpoint answers only the statement TagTrail was expected to send, with its DuckDB twin.
    if (sql !== expectedSql) throw new Error('unexpected statement');
    const rows: (string | null)[][] = [];
    for await (const r of duckdbRows(duckSql)) rows.push(SCAN_COLUMNS.map((c) => r[c] ?? null));
    return { columns: [...SCAN_COLUMNS], rows, bytesScanned: bytes };
  };
  await withEndpoint({ backend, received }, async (clients, ep) => {
    const lines: string[] = [];
    const scan = athenaScan({ clients, region: 'us-east-1', table: TABLE, inventory, mapping, tagKeys: ['product'], pollMs: 20, log: (l) => lines.push(l) });
    expectedSql = scan.sql;
    duckSql = duckdbView([`${join(DEMO, 'AWSLogs')}/**/*.json.gz`]) + scanSql(scan.spec, 'cloudtrail_logs', DUCKDB);
    const viaAthena = await runCheck(scan.events, { products, scope: { notes: scan.notes } });
    assert.deepEqual(viaAthena.findings.map(findingKey).sort(), local.findings.map(findingKey).sort());
    assert.equal(received.length, 1);
    assert.equal(received[0]?.workgroup, 'primary');
    assert.equal(received[0]?.database, 'security');
    const pages = ep.log.filter((e) => e.action === 'athena:GetQueryResults').length;
    assert.equal(pages, Math.ceil((viaAthena.stats.recordsRead + 1) / 1000), 'a header row plus the records, 1000 per page');
    assert.ok(ep.log.filter((e) => e.action === 'athena:GetQueryExecution').length >= 3, 'polled until it finished');
    assert.equal(scan.outcome?.bytesScanned, bytes);
    assert.match(lines[0] ?? '', /estimated cost unknown: no log location given/);
    assert.ok(lines.some((l) => /scanned \d+\.\d kB, about \$0\.000\d/.test(l)), lines.join('\n'));
    assert.ok(viaAthena.scope.notes?.some((n) => /scanned/.test(n)));
  });
});

test('an abort during polling stops the query on Athena and rejects', async () => {
  await withEndpoint({ backend: () => new Promise(() => undefined) }, async (clients, ep) => {
    const ac = new AbortController();
    const states: string[] = [];
    const run = runQuery(clients.athena('us-east-1'), 'SELECT 1', { workgroup: 'primary', signal: ac.signal, pollMs: 20, onState: (s) => { states.push(s); if (states.length === 2) ac.abort(); } });
    await assert.rejects(run);
    assert.deepEqual(ep.log.map((e) => e.action).filter((a) => a !== 'athena:GetQueryExecution'), ['athena:StartQueryExecution', 'athena:StopQueryExecution']);
    assert.deepEqual(states, ['RUNNING', 'RUNNING']);
  });
});

test('a failed query says why; a statement that is not a SELECT is never sent', async () => {
  await withEndpoint({ backend: () => Promise.reject(new Error('TABLE_NOT_FOUND: line 2:6: Table awsdatacatalog.security.nope does not exist')) }, async (clients, ep) => {
    await assert.rejects(runQuery(clients.athena('us-east-1'), 'SELECT 1', { workgroup: 'primary', pollMs: 5 }), (e: unknown) => e instanceof AthenaQueryError && /failed: TABLE_NOT_FOUND/.test(e.message));
    const sent = ep.log.length;
    for (const sql of ['DROP TABLE security.cloudtrail_logs', 'INSERT INTO t SELECT 1', 'SELECT 1; DROP TABLE t', 'CREATE EXTERNAL TABLE t (a STRING)']) {
      await assert.rejects(runQuery(clients.athena('us-east-1'), sql, { workgroup: 'primary' }), AthenaQueryError, sql);
    }
    assert.equal(ep.log.length, sent, 'nothing reached Athena');
  });
});

test('the estimate before a scan is the size of the partitions it reads, listed from S3', async () => {
  await withEndpoint({ backend: () => Promise.reject(new Error('unused')) }, async (clients, ep) => {
    const root = 'AWSLogs/o-abcdefghij/';
    putObject(ep.state, 'org-trail', `${root}111122223333/CloudTrail/us-east-1/2026/10/05/a.json.gz`, Buffer.alloc(1000));
    putObject(ep.state, 'org-trail', `${root}111122223333/CloudTrail/us-east-1/2026/10/06/b.json.gz`, Buffer.alloc(234));
    putObject(ep.state, 'org-trail', `${root}111122223333/CloudTrail/us-east-1/2026/10/09/outside.json.gz`, Buffer.alloc(5000));
    putObject(ep.state, 'org-trail', `${root}111122223333/CloudTrail/eu-west-1/2026/10/05/other-region.json.gz`, Buffer.alloc(7000));
    const loc = parseLogsLocation('s3://org-trail/AWSLogs/o-abcdefghij/');
    const spec = { accounts: ['111122223333'], regions: ['us-east-1'], firstDay: '2026/10/05', lastDay: '2026/10/07', noTarget: new Map(), notes: [] };
    assert.equal(await estimateBytes(clients.s3('us-east-1'), spec, loc), 1234);
    assert.match(String(await estimateBytes(clients.s3('us-east-1'), { ...spec, accounts: undefined }, loc)), /names no accounts/);
    assert.throws(() => parseLogsLocation('s3://org-trail/logs/'), /must end at AWSLogs/);
  });
});
