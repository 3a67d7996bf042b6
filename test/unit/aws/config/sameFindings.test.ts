import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { DEMO_KEY, demoState } from '../../../endpoint/demoState';
import { startEndpoint } from '../../../endpoint/server';
import { makeAwsHome } from '../../../endpoint/awsFiles';
import { syntheticAccount } from '../../../endpoint/syntheticAccount';
import { inventoryCalls, judged, liveCheck } from './harness';

const DEMO = resolve(__dirname, '../../../../demo');

test('the synthetic account: Config inventory gives the same inventory and the same findings as the tagging API, in fewer calls', async (t) => {
  const acct = syntheticAccount({ regions: ['us-east-1', 'eu-west-1'], users: 9, roles: 7, resourcesPerRegion: 12, eventsPerRegion: 40 });
  const ep = await startEndpoint({ state: acct.state, pageCaps: { iam: 4, tagging: 5, config: 7 } });
  const home = makeAwsHome({ AWS_ENDPOINT_URL: ep.url });
  const cacheDir = mkdtempSync(join(tmpdir(), 'tagtrail-cache-'));
  try {
    home.config('[profile audit]\nregion = us-east-1\n');
    home.credentials(`[audit]\naws_access_key_id = ${acct.key.accessKeyId}\naws_secret_access_key = ${acct.key.secretAccessKey}\n`);
    const base = { profile: 'audit', regions: acct.regions, since: acct.windowStart, until: acct.windowEnd, now: acct.windowEnd.getTime() };
    const tagging = await liveCheck(ep, { ...base, inventorySource: 'tagging' });
    const config = await liveCheck(ep, { ...base, inventorySource: 'config' });
    assert.ok(tagging.run.result.findings.length > 0, 'the account has findings to compare');
    assert.deepEqual(new Map([...config.run.inventory.resources].sort()), new Map([...tagging.run.inventory.resources].sort()));
    assert.deepEqual(new Map([...config.run.inventory.principals].sort()), new Map([...tagging.run.inventory.principals].sort()));
    assert.deepEqual(judged(config.run.result), judged(tagging.run.result));
    assert.deepEqual(config.warnings, []);
    assert.ok(config.notes.some((n) => /Principals' tags of account 111122223333 from AWS Config/.test(n)), config.notes.join('\n'));
    assert.ok(config.run.inventory.sources.includes('aws:config:SelectResourceConfig:eu-west-1'));
    // Pages of 7: 12 queues + 17 principals in us-east-1 (it records the global IAM resources), 12 in eu-west-1.
    assert.equal(config.calls['config:SelectResourceConfig'], Math.ceil((12 + 17) / 7) + Math.ceil(12 / 7));
    assert.equal(config.calls['config:DescribeConfigurationRecorderStatus'], 2);
    assert.equal(config.calls['iam:ListRoleTags'], undefined, 'no per-principal IAM call');
    const tCalls = Object.values(inventoryCalls(tagging.calls)).reduce((a, b) => a + b, 0);
    const cCalls = Object.values(inventoryCalls(config.calls)).reduce((a, b) => a + b, 0);
    t.diagnostic(`inventory calls, tagging API: ${tCalls} ${JSON.stringify(inventoryCalls(tagging.calls))}`);
    t.diagnostic(`inventory calls, AWS Config: ${cCalls} ${JSON.stringify(inventoryCalls(config.calls))}`);
    assert.ok(cCalls < tCalls);
  } finally {
    home.dispose();
    rmSync(cacheDir, { recursive: true, force: true });
    await ep.close();
  }
});

test('the demo account: the same findings from Config inventory as from the tagging API', { skip: existsSync(join(DEMO, 'inventory')) ? false : 'demo/ not present' }, async (t) => {
  const { state, regions } = demoState(DEMO);
  const ep = await startEndpoint({ state, pageCaps: { iam: 5, tagging: 10, config: 10 } });
  const home = makeAwsHome();
  try {
    home.config(`[profile demo]\nregion = eu-west-1\nendpoint_url = ${ep.url}\n`);
    home.credentials(`[demo]\naws_access_key_id = ${DEMO_KEY.accessKeyId}\naws_secret_access_key = ${DEMO_KEY.secretAccessKey}\n`);
    const base = { profile: 'demo', regions, since: new Date('2026-10-01T00:00:00Z'), until: new Date('2026-10-13T00:00:00Z'), now: Date.parse('2026-10-13T00:00:00Z') };
    const tagging = await liveCheck(ep, { ...base, inventorySource: 'tagging' });
    const config = await liveCheck(ep, { ...base, inventorySource: 'config' });
    assert.ok(tagging.run.result.findings.length > 0);
    assert.equal(config.run.result.findings.length, tagging.run.result.findings.length);
    assert.deepEqual(judged(config.run.result), judged(tagging.run.result));
    t.diagnostic(`demo (${regions.join(', ')}): ${tagging.run.result.findings.length} findings either way; inventory calls tagging ${JSON.stringify(inventoryCalls(tagging.calls))}, config ${JSON.stringify(inventoryCalls(config.calls))}`);
  } finally {
    home.dispose();
    await ep.close();
  }
});
