// The extension's Athena source against the local endpoint, in plain Node (it needs no editor): a
// cancelled check must stop the running query, and its progress lines must reach log and notification.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { athenaFromConfig } from '../../../src/extension/sources/athenaSource';
import { fileSource } from '../../../src/core/source/fileSource';
import type { CheckSource } from '../../../src/core/source/types';
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
// The tags are not what these tests are about; the Athena source only asks them for the inventory.
const tags: CheckSource = fileSource({ events: [], inventory: [] });

/** One read of the settings' Athena source, as the runner starts it. */
function read(athenaTable: string, signal: AbortSignal, log: (line: string) => void, onNote?: (m: string) => void) {
  const source = athenaFromConfig(config(athenaTable), tags, { log, mfaCodeProvider: () => Promise.reject(new Error('no MFA here')) });
  if (!source) throw new Error('no Athena source');
  return source.read({ onError: () => undefined, ...(onNote ? { onNote } : {}), filter: { since: '7d' }, now: Date.now(), inventory, mapping: undefined, tagKeys: ['product'], signal }).batches;
}

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
  const log = (l: string): void => { logged.push(`athena: ${l}`); if (/^Athena query (queued|running)/.test(l)) abort.abort(); };
  try {
    const events = read('primary/security.cloudtrail_logs', abort.signal, log, (m) => notes.push(m));
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
    assert.throws(() => read('security.cloudtrail_logs', new AbortController().signal, () => undefined), /tagtrail\.athena\.table "security\.cloudtrail_logs"/);
    assert.equal(ep.log.length, 0);
  } finally {
    home.dispose();
    await ep.close();
  }
});
