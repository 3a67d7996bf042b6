// The extension's Athena source against the local endpoint, in plain Node (it needs no editor): a
// cancelled check must stop the running query, and its progress lines must reach log and notification.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { athenaEvents } from '../../../src/extension/sources/athenaSource';
import type { TagTrailConfig } from '../../../src/extension/config';
import { startEndpoint } from '../../endpoint/server';
import { syntheticAccount } from '../../endpoint/syntheticAccount';
import { makeAwsHome } from '../../endpoint/awsFiles';
import type { Inventory } from '../../../src/core/model';

const config = (athenaTable: string): TagTrailConfig => ({
  productTagKeys: ['product'], regions: ['us-east-1'], lookbackDays: 7, profile: 'audit', trailBucket: '', athenaTable,
  mappingFile: '', offlineInventory: [], offlineEvents: [],
});
const inventory: Inventory = { principals: new Map(), resources: new Map(), sources: [] };

test('cancelling while the query runs sends StopQueryExecution and ends the stream; the states reach log and progress', async () => {
  let release: () => void = () => undefined;
  const never = new Promise<void>((r) => { release = r; });
  const acct = syntheticAccount();
  // The backend answers only when the test ends: the query stays RUNNING until it is stopped.
  const ep = await startEndpoint({ state: acct.state, athena: { backend: async () => { await never; return { columns: [], rows: [], bytesScanned: 0 }; } } });
  const home = makeAwsHome({ AWS_ENDPOINT_URL: ep.url });
  home.config('[profile audit]\nregion = us-east-1\n');
  home.credentials(`[audit]\naws_access_key_id = ${acct.key.accessKeyId}\naws_secret_access_key = ${acct.key.secretAccessKey}\n`);
  const abort = new AbortController();
  const logged: string[] = [];
  const notes: string[] = [];
  const log = { info: (l: string) => { logged.push(l); if (/^athena: Athena query (queued|running)/.test(l)) abort.abort(); } };
  try {
    const events = athenaEvents({
      config: config('primary/security.cloudtrail_logs'), inventory, mapping: undefined, signal: abort.signal,
      log: log as never, mfaCodeProvider: () => Promise.reject(new Error('no MFA here')), onNote: (m) => notes.push(m), notes: [],
    });
    await assert.rejects(async () => { for await (const _ of events) assert.fail('no record from a cancelled query'); });
    assert.ok(abort.signal.aborted, `the query reached a running state (log: ${logged.join(' | ')})`);
    const deadline = Date.now() + 5_000;
    while (!ep.log.some((c) => c.action.endsWith('StopQueryExecution')) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
    assert.ok(ep.log.some((c) => c.action.endsWith('StopQueryExecution')), `StopQueryExecution sent (saw ${ep.log.map((c) => c.action).join(', ')})`);
    assert.match(notes[0] ?? '', /^Athena scan of security\.cloudtrail_logs in workgroup primary: estimated cost unknown/);
    assert.ok(logged.every((l) => l.startsWith('athena: ')), 'every line is marked as Athena\'s');
  } finally {
    release();
    home.dispose();
    await ep.close();
  }
});

test('a malformed table setting fails before any AWS call', async () => {
  const acct = syntheticAccount();
  const ep = await startEndpoint({ state: acct.state, athena: { backend: async () => ({ columns: [], rows: [], bytesScanned: 0 }) } });
  const home = makeAwsHome({ AWS_ENDPOINT_URL: ep.url });
  try {
    const events = athenaEvents({
      config: config('security.cloudtrail_logs'), inventory, mapping: undefined, signal: new AbortController().signal,
      log: { info: () => undefined } as never, mfaCodeProvider: () => Promise.reject(new Error('no MFA here')), notes: [],
    });
    await assert.rejects(async () => { for await (const _ of events) assert.fail('no record'); }, /tagtrail\.athena\.table "security\.cloudtrail_logs"/);
    assert.equal(ep.log.length, 0);
  } finally {
    home.dispose();
    await ep.close();
  }
});
