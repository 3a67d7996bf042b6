import { test } from 'node:test';
import assert from 'node:assert/strict';
import { AwsClients } from '../../../../src/core/aws/clients';
import { configHistory } from '../../../../src/core/aws/config/history';
import { startEndpoint } from '../../../endpoint/server';
import { makeAwsHome } from '../../../endpoint/awsFiles';
import { addConfigHistory, idOfArn } from '../../../endpoint/services/configState';
import { syntheticAccount } from '../../../endpoint/syntheticAccount';
import { liveCheck } from './harness';

const hours = (start: Date, h: number): string => new Date(start.getTime() + h * 3600_000).toISOString();

test('history is read only for resources Config saw change in the window, to the state in force at its start, as tag observations', async (t) => {
  const acct = syntheticAccount({ regions: ['us-east-1'], users: 4, roles: 2, resourcesPerRegion: 6, eventsPerRegion: 10 });
  const { account, windowStart: since, windowEnd: until } = acct;
  const q = (i: number): string => `arn:aws:sqs:us-east-1:${account}:queue-${i}`;
  // queue-1 (search today) was checkout until 10 h into the window; it changed twice before the window too.
  addConfigHistory(acct.state, account, 'us-east-1', q(1), [
    { at: '2025-01-01T00:00:00Z', tags: { product: 'billing' }, status: 'ResourceDiscovered' },
    { at: '2025-06-01T00:00:00Z', tags: { product: 'checkout' } },
    { at: hours(since, 10), tags: { product: 'search' } },
  ]);
  // queue-4 (search today) was created in the window, with its tags.
  addConfigHistory(acct.state, account, 'us-east-1', q(4), [{ at: hours(since, 5), tags: { product: 'search' }, status: 'ResourceDiscovered' }]);
  // role-0 (checkout today) was retagged in the window: principals have history too.
  const role = `arn:aws:iam::${account}:role/role-0`;
  addConfigHistory(acct.state, account, 'global', role, [{ at: '2025-02-01T00:00:00Z', tags: { product: 'billing' }, status: 'ResourceDiscovered' }, { at: hours(since, 3), tags: { product: 'checkout' } }]);
  // queue-gone (billing) was deleted 20 h into the window: in no query, found by the listing of deletions.
  const gone = `arn:aws:sqs:us-east-1:${account}:queue-gone`;
  addConfigHistory(acct.state, account, 'us-east-1', gone, [{ at: '2025-03-01T00:00:00Z', tags: { product: 'billing' }, status: 'ResourceDiscovered' }, { at: hours(since, 20), status: 'ResourceDeleted' }]);
  const ep = await startEndpoint({ state: acct.state });
  const home = makeAwsHome({ AWS_ENDPOINT_URL: ep.url, AWS_ACCESS_KEY_ID: acct.key.accessKeyId, AWS_SECRET_ACCESS_KEY: acct.key.secretAccessKey });
  try {
    const c = await liveCheck(ep, { regions: ['us-east-1'], since, until, now: until.getTime(), inventorySource: 'config' });
    const h = c.run.inventory.history ?? [];
    const of = (arn: string) => h.filter((o) => o.arn === arn).map((o) => ({ time: o.time, tags: o.tags, created: o.created, source: o.source })).sort((a, b) => a.time.localeCompare(b.time));
    assert.deepEqual(of(q(1)), [
      { time: '2025-06-01T00:00:00.000Z', tags: { product: 'checkout' }, created: undefined, source: 'config' },
      { time: hours(since, 10), tags: { product: 'search' }, created: undefined, source: 'config' },
    ], 'the item in force at the window start and the change inside it; nothing older');
    assert.deepEqual(of(q(4)), [{ time: hours(since, 5), tags: { product: 'search' }, created: true, source: 'config' }]);
    assert.deepEqual(of(role).map((o) => o.tags?.product), ['billing', 'checkout']);
    assert.deepEqual(h.filter((o) => o.arn === gone).map((o) => (o.deleted ? 'deleted' : o.tags?.product)), ['deleted', 'billing'], 'the deletion and the tags it had');
    assert.ok(!c.run.inventory.resources.has(gone), 'a deleted resource is not in today\'s inventory');
    assert.equal(new Set(h.map((o) => o.arn)).size, 4, 'no other resource changed in the window');
    assert.equal(c.calls['config:GetResourceConfigHistory'], 4, 'one call per changed or deleted resource, none for the others');
    assert.equal(c.calls['config:ListDiscoveredResources'], 7, 'deletions listed once per type: the queues and the other commonly shared types');
    assert.ok(c.notes.some((n) => /11 extra call\(s\) .*for 3 resource\(s\) .*changed since .* and 1 deleted since .*deleted: arn:aws:sqs:us-east-1:\d+:queue-gone/.test(n)), c.notes.join('\n'));
    t.diagnostic(`extra calls for history: ${c.calls['config:GetResourceConfigHistory']} GetResourceConfigHistory for 3 changed and 1 deleted resource(s) of 13, ${c.calls['config:ListDiscoveredResources']} ListDiscoveredResources`);
    // A budget of one call: the rest is said, not silently judged by today's tags.
    const bounded = await liveCheck(ep, { regions: ['us-east-1'], since, until, now: until.getTime(), inventorySource: 'config', maxHistoryCalls: 1 });
    assert.equal(bounded.calls['config:GetResourceConfigHistory'], 1);
    assert.ok(bounded.warnings.some((w) => /history is missing for 2 resource\(s\).*budget of 1 Config history calls/.test(w)), bounded.warnings.join('\n'));
    assert.ok(bounded.warnings.some((w) => /ran out while listing resources deleted in the window/.test(w)), bounded.warnings.join('\n'));
  } finally {
    home.dispose();
    await ep.close();
  }
});

test('a deleted resource\'s history ends with a deletion; pages are followed; an unknown resource is said, not thrown', async () => {
  const acct = syntheticAccount({ regions: ['us-east-1'] });
  const { account } = acct;
  const gone = `arn:aws:sqs:us-east-1:${account}:gone`;
  const items = Array.from({ length: 250 }, (_, i) => ({ at: new Date(Date.parse('2026-09-01T00:00:00Z') + i * 3600_000).toISOString(), tags: { product: i % 2 ? 'aaa' : 'bbb' } }));
  addConfigHistory(acct.state, account, 'us-east-1', gone, [...items, { at: '2026-10-02T00:00:00Z', status: 'ResourceDeleted' }]);
  const ep = await startEndpoint({ state: acct.state });
  const home = makeAwsHome({ AWS_ENDPOINT_URL: ep.url });
  const clients = new AwsClients({ credentials: async () => ({ accessKeyId: acct.key.accessKeyId, secretAccessKey: acct.key.secretAccessKey }) });
  try {
    const budget = { calls: 0, max: 10 };
    const h = await configHistory({
      client: (r) => clients.configService(r), since: new Date('2026-08-01T00:00:00Z'), until: new Date('2026-10-05T00:00:00Z'), budget,
      resources: [{ arn: gone, resourceType: 'AWS::SQS::Queue', resourceId: idOfArn(gone), region: 'us-east-1' }, { arn: `arn:aws:sqs:us-east-1:${account}:never`, resourceType: 'AWS::SQS::Queue', resourceId: 'never', region: 'us-east-1' }],
    });
    assert.equal(budget.calls, 4, '251 items in pages of 100, then one call for the unknown queue');
    const mine = h.observations.filter((o) => o.arn === gone);
    assert.equal(mine.length, 251);
    assert.deepEqual(mine[0], { arn: gone, time: '2026-10-02T00:00:00.000Z', deleted: true, source: 'config', ref: `config:${Date.parse('2026-10-02T00:00:00Z')}` });
    assert.deepEqual(h.complete, [gone]);
    assert.deepEqual(h.partial, [{ arn: `arn:aws:sqs:us-east-1:${account}:never`, why: 'AWS Config has never recorded it' }]);
  } finally {
    clients.destroy();
    home.dispose();
    await ep.close();
  }
});
