// The live path with `tagtrail.athena.table` set, inside the editor: the local endpoint (demo account's
// IAM and tags, Athena answered by DuckDB over the demo trail files) runs in this extension host, and
// Refresh with a profile must take its events from the Athena scan, not LookupEvents or trail files.
import * as assert from 'node:assert/strict';
import { join } from 'node:path';
import { athenaToDuckdb } from '../../../src/core/athena/duckdbView';
import { SCAN_COLUMNS } from '../../../src/core/athena/scanSql';
import type { AthenaEndpoint } from '../../endpoint/athena';
import { makeAwsHome, type AwsHome } from '../../endpoint/awsFiles';
import { DEMO_KEY, demoState } from '../../endpoint/demoState';
import { startEndpoint, type RunningEndpoint } from '../../endpoint/server';
import { duckdbRows } from '../../unit/athena/duckdbRows';
import { api, demoDir, demoExpected, withSettings } from './helpers';

/** Athena's answer to the scan, from DuckDB over the demo trail files, as rows in SCAN_COLUMNS order. */
async function duckdbAnswer(sql: string): Promise<(string | null)[][]> {
  const rows: (string | null)[][] = [];
  for await (const row of duckdbRows(sql)) rows.push(SCAN_COLUMNS.map((c) => row[c] ?? null));
  return rows;
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
