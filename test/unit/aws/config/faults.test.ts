import { test } from 'node:test';
import { createHash } from 'node:crypto';
import assert from 'node:assert/strict';
import { SelectResourceConfigCommand } from '@aws-sdk/client-config-service';
import { AwsClients } from '../../../../src/core/aws/clients';
import { TagTrailAwsError } from '../../../../src/core/aws/errors';
import { configInventory } from '../../../../src/core/aws/config/inventory';
import { inventoryQuery, parseRow } from '../../../../src/core/aws/config/query';
import { startEndpoint } from '../../../endpoint/server';
import { makeAwsHome } from '../../../endpoint/awsFiles';
import { configOf, stopRecording } from '../../../endpoint/services/configState';
import { syntheticAccount } from '../../../endpoint/syntheticAccount';
import { judged, liveCheck } from './harness';

const three = () => syntheticAccount({ regions: ['us-east-1', 'eu-west-1', 'ap-southeast-2'], users: 5, roles: 3, resourcesPerRegion: 8, eventsPerRegion: 12 });

test('a region where Config does not record is named, read through the tagging API instead, and the findings stay whole', async () => {
  const acct = three();
  stopRecording(acct.state, acct.account, 'eu-west-1', 'none');
  stopRecording(acct.state, acct.account, 'ap-southeast-2', 'stopped');
  const ep = await startEndpoint({ state: acct.state });
  const home = makeAwsHome({ AWS_ENDPOINT_URL: ep.url, AWS_ACCESS_KEY_ID: acct.key.accessKeyId, AWS_SECRET_ACCESS_KEY: acct.key.secretAccessKey });
  try {
    const base = { regions: acct.regions, since: acct.windowStart, until: acct.windowEnd, now: acct.windowEnd.getTime() };
    const tagging = await liveCheck(ep, { ...base, inventorySource: 'tagging' });
    const config = await liveCheck(ep, { ...base, inventorySource: 'config' });
    assert.deepEqual(config.warnings.map((w) => /not recording in ([\w-]+) \(([^)]+)\)/.exec(w)?.slice(1).join(': ')).filter(Boolean), [
      'eu-west-1: no configuration recorder is set up',
      'ap-southeast-2: the recorder is stopped (last error: AccessDenied',
    ]);
    assert.ok(config.notes.some((n) => /^Warning: AWS Config is not recording in eu-west-1 .*the check is incomplete there for history/.test(n)), 'in the report too');
    assert.deepEqual(judged(config.run.result), judged(tagging.run.result));
    assert.equal(config.calls['tag:GetResources'], 2);
    assert.equal(config.calls['config:SelectResourceConfig'], 1);
  } finally {
    home.dispose();
    await ep.close();
  }
});

test('Config recording no IAM principal: their tags come from IAM, and the scope says so', async () => {
  const acct = three();
  configOf(acct.state).noGlobal.add(acct.account);
  const ep = await startEndpoint({ state: acct.state });
  const home = makeAwsHome({ AWS_ENDPOINT_URL: ep.url, AWS_ACCESS_KEY_ID: acct.key.accessKeyId, AWS_SECRET_ACCESS_KEY: acct.key.secretAccessKey });
  try {
    const base = { regions: acct.regions, since: acct.windowStart, until: acct.windowEnd, now: acct.windowEnd.getTime() };
    const tagging = await liveCheck(ep, { ...base, inventorySource: 'tagging' });
    const config = await liveCheck(ep, { ...base, inventorySource: 'config' });
    assert.deepEqual(judged(config.run.result), judged(tagging.run.result));
    assert.ok(config.notes.some((n) => /holds no IAM user or role of account 111122223333 .*read from IAM/.test(n)), config.notes.join('\n'));
    assert.equal(config.calls['iam:ListRoleTags'], 3);
  } finally {
    home.dispose();
    await ep.close();
  }
});

test('throttled Config calls are retried by the client and the inventory comes back whole, page by page', async () => {
  const acct = three();
  const ep = await startEndpoint({ state: acct.state, pageCaps: { config: 3 } });
  const home = makeAwsHome({ AWS_ENDPOINT_URL: ep.url });
  const clients = new AwsClients({ credentials: async () => ({ accessKeyId: acct.key.accessKeyId, secretAccessKey: acct.key.secretAccessKey }), maxAttempts: 10 });
  const inventory = () => configInventory({
    source: 'config', clients: { config: (r) => clients.configService(r), iam: (r) => clients.iam(r), tagging: (r) => clients.tagging(r) },
    regions: acct.regions, account: acct.account, since: acct.windowStart, until: acct.windowEnd,
  });
  try {
    const calm = await inventory();
    ep.faults.throttleRate = 0.15;
    const before = ep.log.length;
    const stormy = await inventory();
    const throttled = ep.log.slice(before).filter((e) => e.outcome === 'injected-throttle').map((e) => e.action);
    assert.ok(throttled.includes('config:SelectResourceConfig'), `Config calls were throttled: ${throttled.join(', ')}`);
    assert.ok(stormy.calls['config:SelectResourceConfig']! > acct.regions.length, 'more than one page per region');
    assert.deepEqual(stormy.calls, calm.calls, 'retries are the client\'s: the pages asked for are the same');
    assert.deepEqual(new Map([...stormy.inventory.resources].sort()), new Map([...calm.inventory.resources].sort()));
    assert.deepEqual(new Map([...stormy.inventory.principals].sort()), new Map([...calm.inventory.principals].sort()));
    assert.equal(calm.inventory.resources.size, 24);
  } finally {
    clients.destroy();
    home.dispose();
    await ep.close();
  }
});

test('a missing Config permission names the IAM action; a query outside the subset gets Config\'s own error', async () => {
  const acct = three();
  configOf(acct.state).globalRegion.set(acct.account, 'us-east-1');
  const ep = await startEndpoint({ state: acct.state, denyActions: ['config:SelectResourceConfig'] });
  const home = makeAwsHome({ AWS_ENDPOINT_URL: ep.url, AWS_ACCESS_KEY_ID: acct.key.accessKeyId, AWS_SECRET_ACCESS_KEY: acct.key.secretAccessKey });
  const clients = new AwsClients({ credentials: async () => ({ accessKeyId: acct.key.accessKeyId, secretAccessKey: acct.key.secretAccessKey }) });
  try {
    await assert.rejects(liveCheck(ep, { regions: ['us-east-1'], since: acct.windowStart, until: acct.windowEnd, now: acct.windowEnd.getTime(), inventorySource: 'config' }),
      (e: unknown) => e instanceof TagTrailAwsError && e.kind === 'access-denied' && /the IAM action config:SelectResourceConfig/.test(e.message));
    const ok = await startEndpoint({ state: acct.state });
    const other = new AwsClients({ credentials: async () => ({ accessKeyId: acct.key.accessKeyId, secretAccessKey: acct.key.secretAccessKey }), endpoints: { CONFIG_SERVICE: ok.url } });
    try {
      await assert.rejects(other.configService('us-east-1').send(new SelectResourceConfigCommand({ Expression: "SELECT arn WHERE tags.key = 'product'" })),
        (e: unknown) => e instanceof TagTrailAwsError && /InvalidExpressionException/.test(e.message) && /unsupported condition on tags\.key/.test(e.message));
      const sent = await other.configService('us-east-1').send(new SelectResourceConfigCommand({ Expression: inventoryQuery(['us-east-1']), Limit: 100 }));
      assert.equal(sent.Results?.length, 8 + 9, 'the query TagTrail sends is understood: 8 queues and 9 principals');
      assert.ok(sent.Results!.every((r) => parseRow(r).row !== undefined));
    } finally {
      other.destroy();
      await ok.close();
    }
  } finally {
    clients.destroy();
    home.dispose();
    await ep.close();
  }
});

test('rows: tags as Config lists them, quotes in queries, rows without an ARN skipped and bad rows said', () => {
  assert.equal(inventoryQuery(["eu-west-1"], ["1234'5"]), "SELECT arn, resourceId, resourceType, tags, accountId, awsRegion, configurationItemCaptureTime WHERE awsRegion IN ('eu-west-1', 'global') AND accountId IN ('1234''5')");
  const { row } = parseRow(JSON.stringify({ arn: 'arn:aws:s3:::b', resourceType: 'AWS::S3::Bucket', resourceId: 'b', tags: [{ key: 'product', value: 'x', tag: 'product=x' }, { key: 'empty' }], accountId: '1', awsRegion: 'eu-west-1', configurationItemCaptureTime: '2026-10-01T00:00:00.000Z' }));
  assert.deepEqual(row, { arn: 'arn:aws:s3:::b', resourceId: 'b', resourceType: 'AWS::S3::Bucket', tags: [{ key: 'product', value: 'x' }, { key: 'empty', value: '' }], accountId: '1', region: 'eu-west-1', capturedAt: '2026-10-01T00:00:00.000Z' });
  assert.deepEqual(parseRow('{"resourceType":"AWS::Config::ResourceCompliance"}'), {});
  assert.deepEqual(parseRow('not json'), { problem: 'a result row is not JSON' });
  assert.deepEqual(parseRow('[1]'), { problem: 'a result row is not a JSON object' });
});

test('an expired SSO session with a Config inventory source says how to log in, and nothing is sent', async () => {
  const acct = three();
  const ep = await startEndpoint({ state: acct.state });
  const home = makeAwsHome({ AWS_ENDPOINT_URL: ep.url });
  try {
    home.config(`[profile org-audit]\nsso_session = corp\nsso_account_id = ${acct.account}\nsso_role_name = ReadOnly\nregion = us-east-1\n[sso-session corp]\nsso_start_url = https://corp.awsapps.com/start\nsso_region = us-east-1\n`);
    home.file(`.aws/sso/cache/${createHash('sha1').update('corp').digest('hex')}.json`, JSON.stringify({ accessToken: 'expired', expiresAt: '2020-01-01T00:00:00Z', region: 'us-east-1', startUrl: 'https://corp.awsapps.com/start' }));
    await assert.rejects(liveCheck(ep, { profile: 'org-audit', regions: ['us-east-1'], since: acct.windowStart, until: acct.windowEnd, now: acct.windowEnd.getTime(), inventorySource: 'config-aggregator', configAggregator: 'org' }),
      (e: unknown) => e instanceof TagTrailAwsError && e.kind === 'sso-expired' && /run `aws sso login --profile org-audit`/.test(e.message));
    assert.equal(ep.log.length, 0);
  } finally {
    home.dispose();
    await ep.close();
  }
});
