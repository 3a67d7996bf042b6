import { test } from 'node:test';
// Small on purpose: the SDK's adaptive retry slows a client down after each throttle, so every call
// here costs about half a second. `npm run bench:lookup` runs the same scenario at a larger size.
import assert from 'node:assert/strict';
import { loadLiveInputs } from '../../../src/core/aws/liveInputs';
import { EventIds } from '../../../src/core/source/dedup';
import { startEndpoint } from '../../endpoint/server';
import { makeAwsHome } from '../../endpoint/awsFiles';
import { syntheticAccount } from '../../endpoint/syntheticAccount';

test('under 30% throttling and 5% server errors every event and tagged resource arrives exactly once, at ≤2 LookupEvents/s', async () => {
  const acct = syntheticAccount({ regions: ['us-east-1', 'eu-central-1'], users: 3, roles: 2, resourcesPerRegion: 7, eventsPerRegion: 110, dataEventsPerRegion: 5, windowHours: 3 });
  const ep = await startEndpoint({ state: acct.state, faults: { throttleRate: 0.3, errorRate: 0.05, seed: 42 }, pageCaps: { iam: 3, tagging: 5, s3: 4 } });
  const home = makeAwsHome({ AWS_ENDPOINT_URL: ep.url, AWS_ACCESS_KEY_ID: acct.key.accessKeyId, AWS_SECRET_ACCESS_KEY: acct.key.secretAccessKey });
  try {
    const live = await loadLiveInputs({ regions: acct.regions, since: acct.windowStart, until: acct.windowEnd, trailBucket: `s3://${acct.bucket}/logs` });
    assert.equal(live.inventory.principals.size, acct.expected.principals);
    assert.equal(live.inventory.resources.size, acct.expected.taggedResources);
    const ids = new Map<string, number>();
    // Through the runner's de-duplication: LookupEvents and trail files overlap by design.
    const once = new EventIds();
    for await (const r of live.events) if (once.fresh(r)) ids.set(String(r.record.eventID), (ids.get(String(r.record.eventID)) ?? 0) + 1);
    assert.equal(ids.size, acct.expected.lookupEvents + acct.expected.dataEvents);
    assert.deepEqual([...ids.values()].filter((n) => n !== 1), []);
    assert.equal(live.stats.lookup.fetched, acct.expected.lookupEvents, 'LookupEvents delivered each event once');
    const injected = ep.log.filter((e) => e.outcome.startsWith('injected')).length;
    assert.ok(injected / ep.log.length > 0.2, `faults were injected (${injected} of ${ep.log.length} calls)`);
    assert.ok(ep.maxLookupCallsInASecond() <= 2, `an account-region got ${ep.maxLookupCallsInASecond()} LookupEvents calls in one second`);
    assert.equal(ep.log.filter((e) => e.outcome === 'rate-limit').length, 0, 'the endpoint never had to enforce the limit itself');
    console.log(`# fault run: ${ep.log.length} calls, ${injected} injected faults, max ${ep.maxLookupCallsInASecond()} LookupEvents/s per account-region`);
  } finally {
    home.dispose();
    await ep.close();
  }
});
