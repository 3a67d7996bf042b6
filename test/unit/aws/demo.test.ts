import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync, readdirSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { loadLiveInputs } from '../../../src/core/aws/liveInputs';
import { EventIds } from '../../../src/core/source/dedup';
import { DEMO_BUCKET, DEMO_KEY, demoState } from '../../endpoint/demoState';
import { startEndpoint } from '../../endpoint/server';
import { makeAwsHome } from '../../endpoint/awsFiles';

const DEMO = resolve(__dirname, '../../../demo');
const present = existsSync(join(DEMO, 'inventory')) && existsSync(join(DEMO, 'AWSLogs'));

function walk(dir: string): string[] {
  return readdirSync(dir).flatMap((n) => { const p = join(dir, n); return statSync(p).isDirectory() ? walk(p) : [p]; });
}

test('the demo account served by the endpoint comes back whole through a profile', { skip: present ? false : 'demo/ not present yet' }, async () => {
  const { state, account, regions } = demoState(DEMO);
  // What the demo files hold, counted independently of the endpoint and the live layer.
  const trailIds = new Set(walk(join(DEMO, 'AWSLogs')).flatMap((f) => (JSON.parse(gunzipSync(readFileSync(f)).toString()) as { Records: { eventID: string }[] }).Records.map((r) => r.eventID)));
  const lookupIds = new Set(walk(join(DEMO, 'lookup-events')).flatMap((f) => (JSON.parse(readFileSync(f, 'utf8')) as { Events: { EventId: string }[] }).Events.map((e) => e.EventId)));
  const iam = JSON.parse(readFileSync(join(DEMO, 'inventory', 'iam-authorization-details.json'), 'utf8')) as { UserDetailList: unknown[]; RoleDetailList: unknown[] };
  const tagged = JSON.parse(readFileSync(join(DEMO, 'inventory', 'tagging-get-resources.json'), 'utf8')) as { ResourceTagMappingList: unknown[] };
  const ep = await startEndpoint({ state, pageCaps: { iam: 5, tagging: 10, s3: 20 } });
  const home = makeAwsHome();
  try {
    home.config(`[profile demo]\nregion = eu-west-1\nendpoint_url = ${ep.url}\n`);
    home.credentials(`[demo]\naws_access_key_id = ${DEMO_KEY.accessKeyId}\naws_secret_access_key = ${DEMO_KEY.secretAccessKey}\n`);
    const live = await loadLiveInputs({ profile: 'demo', regions, since: new Date('2026-10-01T00:00:00Z'), until: new Date('2026-10-13T00:00:00Z'), trailBucket: `s3://${DEMO_BUCKET}` });
    assert.equal(live.callerIdentity.account, account);
    assert.equal(live.inventory.principals.size, iam.UserDetailList.length + iam.RoleDetailList.length);
    assert.equal(live.inventory.resources.size, tagged.ResourceTagMappingList.length);
    const ids = new Set<string>();
    let n = 0;
    // The live layer hands over every event as read; the runner's de-duplication makes each one once.
    const once = new EventIds();
    for await (const r of live.events) if (once.fresh(r)) { ids.add(String(r.record.eventID)); n++; }
    assert.equal(n, ids.size, 'no event twice');
    assert.equal(once.dropped, lookupIds.size, 'LookupEvents repeats the trail\'s management events');
    assert.deepEqual([...ids].sort(), [...new Set([...trailIds, ...lookupIds])].sort());
    assert.equal(live.stats.lookup.fetched, lookupIds.size);
    assert.equal(live.stats.trailFiles, walk(join(DEMO, 'AWSLogs')).length);
  } finally {
    home.dispose();
    await ep.close();
  }
});
