import { test } from 'node:test';
import assert from 'node:assert/strict';
import { TagTrailAwsError } from '../../../../src/core/aws/errors';
import { startEndpoint, type RunningEndpoint } from '../../../endpoint/server';
import { makeAwsHome, type AwsHome } from '../../../endpoint/awsFiles';
import { addAggregator } from '../../../endpoint/services/configState';
import { addEvent, addKey, addResource, addRole, addUser, emptyState, type EndpointState } from '../../../endpoint/state';
import { inventoryCalls, liveCheck } from './harness';

const A1 = '111111111111'; // product aaa's account
const A2 = '222222222222'; // product bbb's account, where the check runs and the aggregator lives
const A3 = '333333333333'; // product ccc's account
const R = 'us-east-1';
const T0 = Date.parse('2026-10-01T00:00:00Z');

function sendMessage(s: EndpointState, id: string, caller: { arn: string; name: string }, account: string, queue: string, minutes: number): void {
  addEvent(s, A2, R, {
    eventVersion: '1.09', eventID: id, eventTime: new Date(T0 + minutes * 60_000).toISOString().replace(/\.\d{3}Z$/, 'Z'),
    eventSource: 'sqs.amazonaws.com', eventName: 'SendMessage', awsRegion: R,
    userIdentity: { type: 'IAMUser', arn: caller.arn, accountId: account, userName: caller.name, principalId: 'AIDAEXAMPLE' },
    requestParameters: { queueUrl: `https://sqs.${R}.amazonaws.com/${A2}/${queue}` },
    eventType: 'AwsApiCall', managementEvent: true, readOnly: false, recipientAccountId: A2,
  }, [{ ResourceType: 'AWS::SQS::Queue', ResourceName: queue }]);
}

/** Three accounts: principals of aaa (account 1) and ccc (account 3) send to bbb's queue in account 2. */
function organisation(): { state: EndpointState; key: { accessKeyId: string; secretAccessKey: string } } {
  const s = emptyState();
  const alice = addUser(s, A1, 'alice', { product: 'aaa' });
  addRole(s, A1, 'deployer', { product: 'aaa' });
  addResource(s, A1, R, `arn:aws:sqs:${R}:${A1}:queue-a`, { product: 'aaa' });
  const bob = addUser(s, A2, 'bob', { product: 'bbb' });
  addResource(s, A2, R, `arn:aws:sqs:${R}:${A2}:queue-b`, { product: 'bbb' });
  const carol = addUser(s, A3, 'carol', { product: 'ccc' });
  addResource(s, A3, R, `arn:aws:s3:::ccc-data`, { product: 'ccc' });
  sendMessage(s, 'e-alice', alice, A1, 'queue-b', 10);
  sendMessage(s, 'e-carol', carol, A3, 'queue-b', 20);
  sendMessage(s, 'e-bob', bob, A2, 'queue-b', 30);
  addAggregator(s, { owner: A2, region: R, name: 'org', accounts: [A1, A2, A3] });
  const auditor = addUser(s, A2, 'auditor');
  return { state: s, key: addKey(s, A2, auditor.arn) };
}

async function withOrg(fn: (ep: RunningEndpoint, home: AwsHome) => Promise<void>, setup: (s: EndpointState) => void = () => {}): Promise<void> {
  const org = organisation();
  setup(org.state);
  const ep = await startEndpoint({ state: org.state, pageCaps: { config: 2 } });
  const home = makeAwsHome({ AWS_ENDPOINT_URL: ep.url });
  home.config(`[profile org]\nregion = ${R}\n`);
  home.credentials(`[org]\naws_access_key_id = ${org.key.accessKeyId}\naws_secret_access_key = ${org.key.secretAccessKey}\n`);
  try { await fn(ep, home); } finally { home.dispose(); await ep.close(); }
}

const window = { profile: 'org', regions: [R], since: new Date(T0), until: new Date(T0 + 3600_000), now: T0 + 3600_000 };

test('an aggregator over three accounts: principals of aaa (account 1) and ccc (account 3) touching bbb in account 2 are findings; the tagging API of account 2 alone cannot tell', async (t) => {
  await withOrg(async (ep) => {
    const tagging = await liveCheck(ep, { ...window, inventorySource: 'tagging' });
    const agg = await liveCheck(ep, { ...window, inventorySource: 'config-aggregator', configAggregator: 'org' });
    const pairs = (r: typeof agg) => r.run.result.findings.map((f) => `${f.principal.arn} (${f.principal.product}) -> ${f.resource.arn} (${f.resource.product})`).sort();
    assert.deepEqual(pairs(tagging), [], 'account 2 alone does not know the tags of account 1 and 3 principals');
    assert.deepEqual(pairs(agg), [
      `arn:aws:iam::${A1}:user/alice (aaa) -> arn:aws:sqs:${R}:${A2}:queue-b (bbb)`,
      `arn:aws:iam::${A3}:user/carol (ccc) -> arn:aws:sqs:${R}:${A2}:queue-b (bbb)`,
    ]);
    assert.equal(agg.run.inventory.principals.get(`arn:aws:iam::${A1}:role/deployer`)?.[0]?.value, 'aaa');
    assert.deepEqual(agg.warnings, []);
    assert.ok(agg.notes.some((n) => /aggregator "org" \(us-east-1\): 3 account\(s\)/.test(n)), agg.notes.join('\n'));
    assert.ok(agg.notes.some((n) => /tag history was read for the checked account only/.test(n)));
    // Pages of 2 over 8 rows (3 resources; alice, deployer, bob, auditor, carol): 4 calls; no IAM call, no
    // tagging call; deletions of the checked account listed once per commonly shared type.
    assert.deepEqual(inventoryCalls(agg.calls), { 'config:ListDiscoveredResources': 7, 'config:SelectAggregateResourceConfig': 4 });
    t.diagnostic(`inventory calls, aggregator over 3 accounts: ${JSON.stringify(inventoryCalls(agg.calls))}; tagging API of one account: ${JSON.stringify(inventoryCalls(tagging.calls))}`);
  });
});

test('an aggregator that does not exist, or that the caller may not query, stops the check with a sentence naming it and the IAM action', async () => {
  await withOrg(async (ep) => {
    await assert.rejects(liveCheck(ep, { ...window, inventorySource: 'config-aggregator', configAggregator: 'no-such' }),
      (e: unknown) => e instanceof TagTrailAwsError && /aggregator "no-such" does not exist in us-east-1/.test(e.message) && /describe-configuration-aggregators --region us-east-1/.test(e.message));
    await assert.rejects(liveCheck(ep, { ...window, inventorySource: 'config-aggregator', configAggregator: 'locked' }),
      (e: unknown) => e instanceof TagTrailAwsError && e.kind === 'access-denied' && /aggregator "locked" in us-east-1/.test(e.message) && /config:SelectAggregateResourceConfig/.test(e.message));
  }, (s) => addAggregator(s, { owner: A2, region: R, name: 'locked', accounts: [A1, A2, A3], denied: true }));
});

test('an aggregator missing an account\'s region or its IAM principals says so: the check is incomplete for them', async () => {
  await withOrg(async (ep) => {
    const agg = await liveCheck(ep, { ...window, regions: [R, 'eu-west-1'], inventorySource: 'config-aggregator', configAggregator: 'org' });
    assert.ok(agg.warnings.some((w) => /holds no resource of account 111111111111 in eu-west-1/.test(w)), agg.warnings.join('\n'));
  });
});
