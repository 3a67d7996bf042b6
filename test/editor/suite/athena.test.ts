// The live path with `tagtrail.athena.table` set, inside the editor: the local endpoint (demo account's
// IAM and tags, Athena answered by DuckDB over the demo trail files) runs in this extension host, and
// Refresh with a profile must take its events from the Athena scan, not LookupEvents or trail files.
import * as assert from 'node:assert/strict';
import { createReadStream, mkdtempSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { athenaToDuckdb } from '../../../src/core/athena/duckdbView';
import { SCAN_COLUMNS } from '../../../src/core/athena/scanSql';
import { sqlString } from '../../../src/core/athena/sqlText';
import type { AthenaEndpoint } from '../../endpoint/athena';
import { makeAwsHome, type AwsHome } from '../../endpoint/awsFiles';
import { DEMO_KEY, demoState } from '../../endpoint/demoState';
import { startEndpoint, type RunningEndpoint } from '../../endpoint/server';
import { api, demoDir, demoExpected, extension, withSettings } from './helpers';

interface DuckDb {
  DuckDBInstance: { create(path: string, opts: Record<string, string>): Promise<{ connect(): Promise<{ run(sql: string): Promise<unknown>; closeSync(): void }>; closeSync(): void }> };
}

/**
 * Runs the scan SQL in DuckDB and returns Athena's answer. DuckDB is a native module the suite's
 * bundler cannot inline, so it is required from the extension's own node_modules at run time.
 */
async function duckdbAnswer(sql: string): Promise<(string | null)[][]> {
  const { DuckDBInstance } = createRequire(join(extension().extensionPath, 'package.json'))('@duckdb/node-api') as DuckDb;
  const dir = mkdtempSync(join(tmpdir(), 'tagtrail-athena-editor-'));
  const file = join(dir, 'rows.json');
  try {
    const db = await DuckDBInstance.create(':memory:', { threads: '2' });
    const conn = await db.connect();
    try {
      await conn.run(`COPY (${sql}) TO ${sqlString(file)} (FORMAT json)`);
    } finally {
      conn.closeSync();
      db.closeSync();
    }
    const rows: (string | null)[][] = [];
    for await (const line of createInterface({ input: createReadStream(file, 'utf8'), crlfDelay: Infinity })) {
      if (!line) continue;
      const row = JSON.parse(line) as Record<string, unknown>;
      rows.push(SCAN_COLUMNS.map((c) => (row[c] === null || row[c] === undefined ? null : String(row[c]))));
    }
    return rows;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

suite('live AWS through Athena (local endpoint)', () => {
  let ep: RunningEndpoint;
  let home: AwsHome;
  let regions: string[];
  const received: NonNullable<AthenaEndpoint['received']> = [];

  suiteSetup(async () => {
    const demo = demoDir();
    const built = demoState(demo);
    regions = built.regions;
    const backend: AthenaEndpoint['backend'] = async (sql) => ({
      columns: [...SCAN_COLUMNS],
      rows: await duckdbAnswer(athenaToDuckdb(sql, '"security"."cloudtrail_logs"', [`${join(demo, 'AWSLogs')}/**/*.json.gz`])),
      bytesScanned: 5_000_000,
    });
    ep = await startEndpoint({ state: built.state, athena: { backend, received, runningPolls: 1 } });
    home = makeAwsHome({ AWS_ENDPOINT_URL: ep.url });
    home.config('[profile demo]\nregion = us-east-1\n');
    home.credentials(`[demo]\naws_access_key_id = ${DEMO_KEY.accessKeyId}\naws_secret_access_key = ${DEMO_KEY.secretAccessKey}\n`);
  });

  suiteTeardown(async () => {
    home?.dispose();
    await ep?.close();
  });

  test('with tagtrail.athena.table set, the events come from the Athena scan and the findings are the demo\'s', async () => {
    const a = await api();
    const expected = demoExpected();
    await withSettings([
      ['offline.inventory', ''], ['offline.events', []], ['mappingFile', join(demoDir(), 'mapping.json')],
      // The demo's events are from October 2026: the longest look-back covers them.
      ['profile', 'demo'], ['regions', regions], ['trailBucket', ''], ['lookbackDays', 90], ['athena.table', 'primary/security.cloudtrail_logs'],
    ], async () => {
      assert.equal(await a.reload(), 'done');
      await a.whenIdle();
      const r = a.lastCheckResult();
      assert.ok(r, 'a check result from the Athena scan');
      assert.equal(received.length, 1, 'one Athena query');
      assert.match(received[0]?.sql ?? '', /^SELECT /);
      assert.equal(received[0]?.workgroup, 'primary');
      assert.ok(!ep.log.some((c) => c.action.endsWith('LookupEvents')), 'LookupEvents is not read when Athena brings the events');
      assert.deepEqual(r.scope.eventSources, ['athena:primary/security.cloudtrail_logs']);
      assert.equal(r.scope.managementEventsOnly ?? false, false);
      assert.ok(r.scope.notes?.some((n) => /scanned 5\.0 MB, about \$0\.0001/.test(n)), `the bytes scanned are in the report's scope (${JSON.stringify(r.scope.notes)})`);
      assert.deepEqual(r.findings.map((f) => f.eventID).sort(), expected.findings.map((f) => f.eventID).sort(), 'the demo\'s findings');
      assert.deepEqual(r.findings.map((f) => `${f.eventID}:${f.severity}`).sort(), expected.findings.map((f) => `${f.eventID}:${f.severity}`).sort());
    });
  });
});
