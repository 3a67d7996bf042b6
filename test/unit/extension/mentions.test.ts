import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { CloudTrailRecord, ResolvedEvent } from '../../../src/core/model';
import { ProductIndex } from '../../../src/core/attribute/productIndex';
import { principalOf } from '../../../src/core/attribute/principal';
import { resolveRecord } from '../../../src/core/resolve/resolver';
import { EventStore, rowsFor } from '../../../src/extension/model/eventRows';
import { identifiersOf, mentionsAny } from '../../../src/extension/model/mentions';
import { isUnresolved } from '../../../src/shared/eventRow';
import { ACCOUNT, inventory, roleSession } from './builders';

const SECRET = `arn:aws:secretsmanager:eu-west-1:${ACCOUNT}:secret:beta/api-key-6QiIXk`;

function resolved(record: CloudTrailRecord, position = 1): ResolvedEvent {
  return { record, source: 'test', position, resolution: resolveRecord(record), principal: principalOf(record) };
}

function getSecret(secretId: string, eventID: string, role = 'alpha-app'): CloudTrailRecord {
  return roleSession(role, { eventID, eventSource: 'secretsmanager.amazonaws.com', eventName: 'GetSecretValue', readOnly: true, requestParameters: { secretId } });
}

test('a resource is named by its ARN, its id after the type, its last segment, and a secret by its name without suffix', () => {
  assert.deepEqual(new Set(identifiersOf(SECRET)), new Set([SECRET, 'secret:beta/api-key-6QiIXk', 'beta/api-key-6QiIXk', 'api-key-6QiIXk', 'beta/api-key']));
  assert.ok(identifiersOf(`arn:aws:kms:eu-west-1:${ACCOUNT}:key/61637fe2-afa4`).includes('61637fe2-afa4'));
  assert.ok(identifiersOf('arn:aws:s3:::beta-data').includes('beta-data'));
  assert.ok(identifiersOf(`arn:aws:dynamodb:eu-west-1:${ACCOUNT}:table/orders`).includes('orders'));
  assert.ok(!identifiersOf('arn:aws:s3:::db').includes('db'), 'names too short to tell apart are left out');
  assert.deepEqual(identifiersOf('not an arn'), ['not an arn']);
});

test('a mention is a whole name, not part of a longer one', () => {
  assert.equal(mentionsAny('{"secretId":"beta/api-key"}', ['beta/api-key']), true);
  assert.equal(mentionsAny('{"tableName":"orders-archive"}', ['orders']), false);
  assert.equal(mentionsAny('{"tableName":"old-orders"}', ['orders']), false);
  assert.equal(mentionsAny('{"a":"orders-x","b":"orders"}', ['orders']), true, 'a later whole occurrence counts');
  assert.equal(mentionsAny('{"key":"arn:aws:s3:::beta-data/k.txt"}', ['arn:aws:s3:::beta-data']), true);
});

test('a resource panel lists its resolved events, then unresolved events that name it, highlighted with their reason', () => {
  const products = new ProductIndex(inventory({ [`arn:aws:iam::${ACCOUNT}:role/alpha-app`]: 'alpha' }, { [SECRET]: 'beta' }), undefined, ['product']);
  const store = new EventStore();
  const byArn = resolved(getSecret(SECRET, 'by-arn'), 1);
  const byName = resolved(getSecret('beta/api-key', 'by-name'), 2);
  const other = resolved(getSecret('beta/api-key-archive', 'other'), 3);
  const callerOnly = resolved(roleSession('beta/api-key', { eventID: 'caller', eventSource: 'madeup.amazonaws.com', eventName: 'Frobnicate' }), 4);
  for (const ev of [byArn, byName, other, callerOnly]) store.add(ev);
  assert.equal(byArn.resolution.status, 'resolved', 'control: the ARN form resolves');
  assert.ok(isUnresolved({ status: byName.resolution.status }), `control: by name is unresolved (${byName.resolution.status})`);
  assert.ok(isUnresolved({ status: callerOnly.resolution.status }), 'control: the caller-only event is unresolved');

  assert.deepEqual(store.forResource(SECRET).map((e) => e.record.eventID), ['by-arn'], 'the index holds resolved events only');
  const panel = store.forResourcePanel(SECRET);
  assert.deepEqual(panel.map((e) => e.record.eventID), ['by-arn', 'by-name'], 'a longer name and a caller named alike are not mentions');
  const { rows } = rowsFor(panel, products);
  const row = rows.find((r) => r.id === 'by-name');
  assert.ok(row && isUnresolved(row), 'the mentioning row is drawn as unresolved');
  assert.match(row.unresolvedReason ?? '', /\S/);
});
