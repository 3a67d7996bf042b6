import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { CloudTrailRecord, ResolvedEvent } from '../../../src/core/model';
import { ProductIndex } from '../../../src/core/attribute/productIndex';
import { isReadOnly } from '../../../src/core/check/severity';
import { principalOf } from '../../../src/core/attribute/principal';
import { resolveRecord } from '../../../src/core/resolve/resolver';
import { EventStore, rowsFor, toEventRow } from '../../../src/extension/model/eventRows';
import { isUnresolved } from '../../../src/shared/eventRow';
import { ACCOUNT, inventory, roleSession } from './builders';

const corpus = resolve(__dirname, '../../..', '../shared/corpus');

function resolved(record: CloudTrailRecord, source = 'test', position = 1): ResolvedEvent {
  return { record, source, position, resolution: resolveRecord(record), principal: principalOf(record) };
}

const inv = inventory(
  { [`arn:aws:iam::${ACCOUNT}:role/alpha-app`]: 'alpha' },
  { 'arn:aws:s3:::beta-data': 'beta', 'arn:aws:s3:::alpha-data': 'alpha' });
const products = new ProductIndex(inv, undefined, ['product']);

function s3Read(bucket: string): CloudTrailRecord {
  return roleSession('alpha-app', {
    eventSource: 's3.amazonaws.com', eventName: 'GetBucketPolicy', readOnly: true,
    requestParameters: { bucketName: bucket, Host: `${bucket}.s3.amazonaws.com` },
    resources: [{ type: 'AWS::S3::Bucket', ARN: `arn:aws:s3:::${bucket}` }],
  });
}

test('a cross-product read is a violation row with its target, product and how it was found', () => {
  const row = toEventRow(resolved(s3Read('beta-data')), products);
  assert.equal(row.principalProduct, 'alpha');
  assert.equal(row.violation, true);
  assert.equal(row.write, false);
  assert.deepEqual(row.targets.map((t) => [t.arn, t.product]), [['arn:aws:s3:::beta-data', 'beta']]);
  assert.ok(row.targets[0]!.via.length > 0);
  assert.equal(toEventRow(resolved(s3Read('alpha-data')), products).violation, false);
});

test('readOnly missing: the verb decides, as the report\'s severity does; errors are carried', () => {
  const r = s3Read('alpha-data');
  delete r.readOnly;
  r.errorCode = 'AccessDenied';
  const row = toEventRow(resolved(r), products);
  assert.equal(row.write, !isReadOnly(r));
  assert.equal(row.write, false, `${String(r.eventName)} reads`);
  assert.equal(row.errorCode, 'AccessDenied');
  const put = { ...s3Read('alpha-data'), eventName: 'PutBucketPolicy' };
  delete put.readOnly;
  assert.equal(toEventRow(resolved(put), products).write, true);
  assert.equal(toEventRow(resolved({ ...s3Read('alpha-data'), eventName: 'GetObject', readOnly: false }), products).write, true, 'readOnly beats the verb');
});

test('an event whose target cannot be named is an unresolved row with the resolver\'s reason', () => {
  const row = toEventRow(resolved(roleSession('alpha-app', { eventSource: 'madeup.amazonaws.com', eventName: 'FrobnicateWidget', requestParameters: {} })), products);
  assert.ok(isUnresolved(row) || row.status === 'no-target', row.status);
  assert.ok((row.unresolvedReason ?? '').length > 0);
});

test('the store indexes events by target and principal; duplicate eventIDs get distinct row ids', () => {
  const store = new EventStore();
  const a = s3Read('beta-data');
  store.add(resolved(a, 'f1', 1));
  store.add(resolved({ ...a }, 'f2', 7));
  store.add(resolved(s3Read('alpha-data'), 'f1', 2));
  assert.equal(store.forResource('arn:aws:s3:::beta-data').length, 2);
  assert.equal(store.forPrincipal(`arn:aws:iam::${ACCOUNT}:role/alpha-app`).length, 3);
  const { rows, byId } = rowsFor(store.forResource('arn:aws:s3:::beta-data'), products);
  assert.equal(new Set(rows.map((r) => r.id)).size, 2);
  assert.equal(byId.size, 2);
});

test('the store keeps at most its cap and counts the rest', () => {
  const store = new EventStore(2);
  for (let i = 0; i < 5; i++) store.add(resolved(s3Read('alpha-data'), 'f', i));
  assert.equal(store.size, 2);
  assert.equal(store.dropped, 3);
});

test('every corpus record becomes a row with a unique id, and unresolved rows say why', { skip: existsSync(corpus) ? false : `corpus not found at ${corpus}` }, () => {
  const events: ResolvedEvent[] = [];
  for (const file of readdirSync(corpus).filter((f) => f.endsWith('.jsonl'))) {
    readFileSync(join(corpus, file), 'utf8').split('\n').forEach((line, i) => {
      if (line.trim()) events.push(resolved(JSON.parse(line) as CloudTrailRecord, file, i + 1));
    });
  }
  const { rows } = rowsFor(events, products);
  assert.ok(rows.length > 3000);
  assert.equal(new Set(rows.map((r) => r.id)).size, rows.length);
  for (const r of rows) {
    if (isUnresolved(r)) assert.ok(r.unresolvedReason && r.unresolvedReason.length > 0, `${r.id} has no reason`);
    assert.equal(typeof r.time, 'string');
  }
});

test('a bucket\'s events include those on its objects', () => {
  const store = new EventStore();
  const get = roleSession('alpha-app', {
    eventSource: 's3.amazonaws.com', eventName: 'GetObject', readOnly: true, eventCategory: 'Data', managementEvent: false,
    requestParameters: { bucketName: 'beta-data', key: 'a/b.txt' },
    resources: [{ type: 'AWS::S3::Object', ARN: 'arn:aws:s3:::beta-data/a/b.txt' }],
  });
  store.add(resolved(get));
  assert.equal(store.forResource('arn:aws:s3:::beta-data').length, 1);
  assert.equal(store.forResource('arn:aws:s3:::beta-data/a/b.txt').length, 1);
  assert.equal(store.forResource('arn:aws:s3:::beta').length, 0);
});
