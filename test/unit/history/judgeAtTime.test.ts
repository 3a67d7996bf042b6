import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileSource } from '../../../src/core/source/fileSource';
import { checkSource } from '../../../src/core/source/runner';
import type { CloudTrailRecord } from '../../../src/core/model';
import { TagTimeline } from '../../../src/core/history/timeline';
import { ACCOUNT, bucketArn, call, getObject, putBucketTagging, queueArn, queueUrl, roleArn, sendMessage } from './records';

/** Writes the records as a trail file and today's tags as a snapshot, and checks them through the runner. */
async function check(records: CloudTrailRecord[], today: { principals: Record<string, Record<string, string>>; resources: Record<string, Record<string, string>> }, history = true) {
  const dir = mkdtempSync(join(tmpdir(), 'tagtrail-history-'));
  try {
    writeFileSync(join(dir, 'trail.json'), JSON.stringify({ Records: records }));
    writeFileSync(join(dir, 'inventory.json'), JSON.stringify({
      format: 'tagtrail-inventory', version: 1,
      principals: Object.entries(today.principals).map(([arn, tags]) => ({ arn, tags })),
      resources: Object.entries(today.resources).map(([arn, tags]) => ({ arn, tags })),
    }));
    const run = await checkSource(fileSource({ events: [join(dir, 'trail.json')], inventory: [join(dir, 'inventory.json')] }), { tagKeys: ['product'], ...(history ? {} : { history: false }) });
    return run.result;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

const roles = { [roleArn('alpha-app')]: { product: 'alpha' }, [roleArn('beta-app')]: { product: 'beta' }, [roleArn('ops')]: { product: 'platform' } };

test('a bucket retagged inside the window: events before are judged by the old product, after by the new', async () => {
  const records = [
    putBucketTagging('ops', 'handoff', '2026-03-01T08:00:00Z', { product: 'alpha' }),
    getObject('alpha-app', 'handoff', '2026-03-01T09:00:00Z'), // own product then: no finding (today's tags: a finding)
    getObject('beta-app', 'handoff', '2026-03-01T10:00:00Z'), // beta → alpha then (today's tags: nothing)
    putBucketTagging('ops', 'handoff', '2026-03-02T08:00:00Z', { product: 'beta' }),
    getObject('alpha-app', 'handoff', '2026-03-02T09:00:00Z'), // alpha → beta
    getObject('beta-app', 'handoff', '2026-03-02T10:00:00Z'), // own
  ];
  const today = { principals: roles, resources: { [bucketArn('handoff')]: { product: 'beta' } } };
  const r = await check(records, today);
  const found = r.findings.filter((f) => f.eventName === 'GetObject').map((f) => [f.eventTime, f.principal.product, f.resource.product, f.productSource, f.productToday?.resource]);
  assert.deepEqual(found, [
    ['2026-03-01T10:00:00Z', 'beta', 'alpha', 'history', 'beta'],
    ['2026-03-02T09:00:00Z', 'alpha', 'beta', undefined, undefined],
  ]);
  assert.match(r.findings[0]?.historyRef ?? '', /trail event ev-\d+-PutBucketTagging at 2026-03-01T08:00:00Z/);
  assert.ok(r.scope.notes?.some((n) => /Tag history: 1 ARN\(s\) have tag history/.test(n)));
  // Today's tags alone get both early events wrong.
  const old = await check(records, today, false);
  assert.deepEqual(old.findings.filter((f) => f.eventName === 'GetObject').map((f) => [f.eventTime, f.principal.product, f.resource.product]), [
    ['2026-03-01T09:00:00Z', 'alpha', 'beta'],
    ['2026-03-02T09:00:00Z', 'alpha', 'beta'],
  ]);
});

test('a queue deleted inside the window takes its product from its creation with tags', async () => {
  const records = [
    call('beta-app', 'sqs.amazonaws.com', 'CreateQueue', '2026-03-01T08:00:00Z', { queueName: 'legacy', tags: { product: 'beta' } }, { responseElements: { queueUrl: queueUrl('legacy') } }),
    sendMessage('alpha-app', 'legacy', '2026-03-01T09:00:00Z'),
    call('beta-app', 'sqs.amazonaws.com', 'DeleteQueue', '2026-03-02T08:00:00Z', { queueUrl: queueUrl('legacy') }),
    sendMessage('alpha-app', 'legacy', '2026-03-02T09:00:00Z', ),
  ];
  records[3]!.errorCode = 'AWS.SimpleQueueService.NonExistentQueue';
  const today = { principals: roles, resources: {} };
  const r = await check(records, today);
  assert.deepEqual(r.findings.map((f) => [f.eventName, f.principal.product, f.resource.product, f.resource.arn, f.productSource, f.productToday?.resource]),
    [['SendMessage', 'alpha', 'beta', queueArn('legacy'), 'history', '']]);
  const after = r.gaps.find((g) => g.eventTime === '2026-03-02T09:00:00Z');
  assert.match(after?.reason ?? '', /after its deletion at 2026-03-02T08:00:00Z/);
  const old = await check(records, today, false);
  assert.equal(old.findings.length, 0, "today's inventory has no such queue");
  assert.ok(old.gaps.every((g) => g.kind === 'unowned-resource'));
});

test('CreateBucket then PutBucketTagging: the creation and what follows are the creator\'s product; an untag ends it', async () => {
  const records = [
    call('alpha-app', 's3.amazonaws.com', 'CreateBucket', '2026-03-01T08:00:00Z', { bucketName: 'fresh' }),
    call('alpha-app', 's3.amazonaws.com', 'PutBucketPolicy', '2026-03-01T08:00:30Z', { bucketName: 'fresh', bucketPolicy: {} }),
    putBucketTagging('alpha-app', 'fresh', '2026-03-01T08:01:00Z', { product: 'alpha' }),
    getObject('beta-app', 'fresh', '2026-03-01T09:00:00Z'),
    call('ops', 's3.amazonaws.com', 'DeleteBucketTagging', '2026-03-01T10:00:00Z', { bucketName: 'fresh' }),
    getObject('beta-app', 'fresh', '2026-03-01T11:00:00Z'),
  ];
  const r = await check(records, { principals: roles, resources: { [bucketArn('fresh')]: { product: 'gamma' } } });
  assert.deepEqual(r.findings.map((f) => [f.eventName, f.eventTime, f.resource.product, f.productToday?.resource]), [
    ['GetObject', '2026-03-01T09:00:00Z', 'alpha', 'gamma'],
    ['DeleteBucketTagging', '2026-03-01T10:00:00Z', 'alpha', 'gamma'], // the platform role removing alpha's tags
  ]);
  assert.deepEqual(r.gaps.map((g) => [g.kind, g.eventTime]), [['unowned-resource', '2026-03-01T11:00:00Z']]);
});

test('a tag set inside the window with nothing earlier: events before it are a gap, not today\'s guess', async () => {
  const records = [
    getObject('alpha-app', 'older', '2026-03-01T07:00:00Z'),
    putBucketTagging('ops', 'older', '2026-03-01T08:00:00Z', { product: 'alpha' }),
    getObject('alpha-app', 'older', '2026-03-01T09:00:00Z'),
  ];
  const r = await check(records, { principals: roles, resources: { [bucketArn('older')]: { product: 'alpha' } } });
  assert.equal(r.findings.length, 0);
  // The read before, and the tag call itself, which is judged by the tags it replaced.
  assert.deepEqual(r.gaps.map((g) => [g.kind, g.eventName]), [['unowned-resource', 'GetObject'], ['unowned-resource', 'PutBucketTagging']]);
  assert.match(r.gaps[0]?.reason ?? '', /not known: the trail \(event ev-\d+-PutBucketTagging\) shows its tags changed then/);
});

test('a principal retagged inside the window is judged by its product at each call', async () => {
  const records = [
    call('ops', 'iam.amazonaws.com', 'TagRole', '2026-03-01T06:00:00Z', { roleName: 'mover', tags: [{ key: 'product', value: 'alpha' }] }),
    getObject('mover', 'beta-data', '2026-03-01T07:00:00Z'), // alpha → beta
    call('ops', 'iam.amazonaws.com', 'TagRole', '2026-03-01T08:00:00Z', { roleName: 'mover', tags: [{ key: 'product', value: 'beta' }] }),
    getObject('mover', 'beta-data', '2026-03-01T09:00:00Z'), // own product
    call('ops', 'iam.amazonaws.com', 'UntagRole', '2026-03-01T10:00:00Z', { roleName: 'mover', tagKeys: ['product'] }),
    getObject('mover', 'beta-data', '2026-03-01T11:00:00Z'), // caller without product
  ];
  const r = await check(records, { principals: { ...roles, [`arn:aws:iam::${ACCOUNT}:role/team/mover`]: {} }, resources: { [bucketArn('beta-data')]: { product: 'beta' } } });
  const reads = r.findings.filter((f) => f.eventName === 'GetObject');
  assert.deepEqual(reads.map((f) => [f.eventTime, f.principal.product, f.productSource, f.productToday]), [['2026-03-01T07:00:00Z', 'alpha', 'history', { principal: '' }]]);
  assert.deepEqual(r.gaps.filter((g) => g.eventName === 'GetObject').map((g) => [g.kind, g.eventTime]), [['unowned-principal', '2026-03-01T11:00:00Z']]);
});

test('inventory history (AWS Config) gives the state before the window; the trail the changes in it', async () => {
  const tl = new TagTimeline([
    { arn: bucketArn('b'), time: '2026-02-01T00:00:00Z', tags: { product: 'alpha' }, source: 'config', ref: 'capture-1' },
    { arn: bucketArn('b'), time: '2026-03-01T08:00:00Z', set: { product: 'beta' }, source: 'trail', ref: 'e1' },
  ], ['product'], () => [{ key: 'product', value: 'beta' }]);
  const at = (t: string) => tl.productAt(bucketArn('b'), Date.parse(t));
  assert.deepEqual(at('2026-03-01T07:00:00Z'), { product: 'alpha', from: 'config', ref: 'capture-1', at: '2026-02-01T00:00:00Z' });
  assert.deepEqual(at('2026-03-01T08:00:00Z'), { product: 'alpha', from: 'config', ref: 'capture-1', at: '2026-02-01T00:00:00Z' }, 'the tag call itself is judged by the tags it replaced');
  assert.equal(at('2026-03-01T09:00:00Z')?.product, 'beta');
  assert.equal(tl.productAt(bucketArn('other'), Date.parse('2026-03-01T09:00:00Z')), undefined);
});

test('beyond the records held for the judgement, the events are read again and judged the same way', async () => {
  const { HOLD_LIMIT } = await import('../../../src/core/source/runner.js');
  const records = [putBucketTagging('ops', 'handoff', '2026-03-01T08:00:00Z', { product: 'alpha' })];
  // Every read before the retag is beta's read of alpha's bucket; more records than the runner holds.
  for (let i = 0; records.length <= HOLD_LIMIT + 10; i++) records.push(getObject('beta-app', 'handoff', new Date(Date.parse('2026-03-01T09:00:00Z') + i * 1000).toISOString()));
  records.push(putBucketTagging('ops', 'handoff', '2026-03-02T08:00:00Z', { product: 'beta' }));
  records.push(getObject('beta-app', 'handoff', '2026-03-02T09:00:00Z'));
  const r = await check(records, { principals: roles, resources: { [bucketArn('handoff')]: { product: 'beta' } } });
  const reads = r.findings.filter((f) => f.eventName === 'GetObject');
  assert.equal(reads.length, HOLD_LIMIT + 10);
  assert.ok(reads.every((f) => f.productSource === 'history' && f.resource.product === 'alpha'));
  assert.equal(r.stats.recordsRead, records.length, 'each record counted once although read twice');
  assert.equal(r.stats.duplicatesDropped, 0);
});
