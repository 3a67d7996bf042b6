import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadLiveInputs } from '../../../src/core/aws/liveInputs';
import { EventIds } from '../../../src/core/source/dedup';
import { startEndpoint } from '../../endpoint/server';
import { makeAwsHome } from '../../endpoint/awsFiles';
import { syntheticAccount } from '../../endpoint/syntheticAccount';

test('a static profile against the local endpoint yields the whole inventory and every event once', async () => {
  const acct = syntheticAccount({ regions: ['us-east-1', 'eu-west-1'], users: 7, roles: 6, resourcesPerRegion: 12, eventsPerRegion: 60, dataEventsPerRegion: 15, organization: true });
  const ep = await startEndpoint({ state: acct.state, pageCaps: { iam: 4, tagging: 5, s3: 3 } });
  const home = makeAwsHome({ AWS_ENDPOINT_URL: ep.url });
  const cacheDir = mkdtempSync(join(tmpdir(), 'tagtrail-cache-'));
  try {
    home.config('[profile audit]\nregion = us-east-1\n');
    home.credentials(`[audit]\naws_access_key_id = ${acct.key.accessKeyId}\naws_secret_access_key = ${acct.key.secretAccessKey}\n`);
    const lines: string[] = [];
    const live = await loadLiveInputs({ profile: 'audit', regions: acct.regions, since: acct.windowStart, until: acct.windowEnd, trailBucket: `s3://${acct.bucket}/logs`, cacheDir, log: (l) => lines.push(l) });
    assert.equal(live.callerIdentity.arn, acct.callerArn);
    assert.equal(live.inventory.principals.size, acct.expected.principals);
    assert.equal(live.inventory.resources.size, acct.expected.taggedResources);
    assert.deepEqual(live.inventory.principals.get(`arn:aws:iam::${acct.account}:user/user-0`), [{ key: 'product', value: 'checkout' }, { key: 'team', value: 't0' }]);
    const ids: string[] = [];
    let withLookupResources = 0;
    // The runner's de-duplication (LookupEvents first, so the copy with its Resources is the one kept).
    const once = new EventIds();
    for await (const r of live.events) {
      if (!once.fresh(r)) continue;
      ids.push(String(r.record.eventID));
      if (r.lookupResources?.length) withLookupResources++;
    }
    assert.equal(ids.length, acct.expected.lookupEvents + acct.expected.dataEvents);
    assert.equal(new Set(ids).size, ids.length);
    assert.equal(withLookupResources, acct.expected.lookupEvents);
    assert.equal(live.managementEventsOnly, false);
    assert.ok(once.dropped >= acct.expected.lookupEvents, 'management events appear in both sources and are dropped once');
    assert.ok(lines.some((l) => /^cloudtrail:LookupEvents us-east-1 \d+ms ok$/.test(l)), lines.join('\n'));
    assert.ok(!lines.some((l) => l.includes(acct.key.secretAccessKey) || l.includes(acct.key.accessKeyId)), 'the log never shows credentials');
  } finally {
    home.dispose();
    rmSync(cacheDir, { recursive: true, force: true });
    await ep.close();
  }
});

test('LookupEvents by user name and by resource name: the union of both queries, each event once', async () => {
  const acct = syntheticAccount({ regions: ['us-east-1'], users: 4, eventsPerRegion: 120 });
  const ep = await startEndpoint({ state: acct.state });
  const home = makeAwsHome({ AWS_ENDPOINT_URL: ep.url, AWS_ACCESS_KEY_ID: acct.key.accessKeyId, AWS_SECRET_ACCESS_KEY: acct.key.secretAccessKey });
  try {
    const live = await loadLiveInputs({ regions: ['us-east-1'], since: acct.windowStart, until: acct.windowEnd, lookups: [{ key: 'Username', value: 'user-1' }, { key: 'ResourceName', value: 'queue-3' }] });
    const got: string[] = [];
    const once = new EventIds();
    for await (const r of live.events) if (once.fresh(r)) got.push(String(r.record.eventID));
    const expected = acct.state.events.get(`${acct.account}:us-east-1`)!
      .filter((e) => e.Username === 'user-1' || (e.Resources ?? []).some((x) => x.ResourceName === 'queue-3'))
      .map((e) => e.EventId);
    assert.ok(expected.length > 20 && expected.length < 120, `a real filter (${expected.length})`);
    assert.deepEqual(got.sort(), expected.sort());
    assert.ok(once.dropped > 0, 'events matching both queries were dropped once');
    assert.equal(live.managementEventsOnly, true);
    assert.match(live.scopeNotes.join('\n'), /LookupEvents only: management events.*--trail-bucket/);
    assert.match(live.scopeNotes.join('\n'), /Trails found: org-trail → s3:\/\/tagtrail-test-trail\/logs/);
  } finally {
    home.dispose();
    await ep.close();
  }
});
