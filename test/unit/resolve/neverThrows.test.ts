// The resolver reads untrusted files: no JSON value, however odd, may make it throw or hang.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { resolveRecord } from '../../../src/core/resolve/resolver';
import type { CloudTrailRecord, Resolution } from '../../../src/core/model';
import { record } from './builders';

const STATUSES = new Set(['resolved', 'partial', 'unresolved', 'no-target']);

function assertWellFormed(r: Resolution): void {
  assert.ok(STATUSES.has(r.status), r.status);
  assert.ok(Array.isArray(r.targets) && Array.isArray(r.related) && Array.isArray(r.actions));
  for (const t of [...r.targets, ...r.related]) assert.equal(typeof t.arn, 'string');
  if (r.status === 'unresolved' || r.status === 'partial' || r.status === 'no-target') assert.ok(r.reason, JSON.stringify(r));
}

test('arbitrary JSON as a whole record never throws', () => {
  fc.assert(
    fc.property(fc.jsonValue(), (v) => assertWellFormed(resolveRecord(v as CloudTrailRecord))),
    { numRuns: 500 },
  );
});

test('arbitrary JSON in every field of a plausible record never throws', () => {
  const sources = fc.constantFrom('ec2', 's3', 'iam', 'kms', 'ssm', 'sqs', 'lambda', 'rds', 'apigateway', 'secretsmanager', 'signin', 'sns', 'nope');
  const names = fc.constantFrom('RunInstances', 'CreateTags', 'GetObject', 'CopyObject', 'GetUser', 'Decrypt', 'GetParameters', 'SendMessage', 'Invoke', 'CreateStage', 'Unsubscribe', 'ConsoleLogin', 'X');
  fc.assert(
    fc.property(sources, names, fc.jsonValue(), fc.jsonValue(), fc.jsonValue(), fc.jsonValue(), fc.jsonValue(), (s, n, rp, re, res, ui, msg) => {
      const r = record(s, n, { requestParameters: rp, responseElements: re, resources: res, userIdentity: ui as never, errorCode: 'AccessDenied', errorMessage: msg as never, eventType: 'AwsServiceEvent' });
      assertWellFormed(resolveRecord(r, res as never));
    }),
    { numRuns: 1000 },
  );
});

test('wrong types in the envelope (numbers for strings, arrays for objects) never throw', () => {
  const odd: unknown[] = [null, 42, [], [1, 2], {}, 'arn:aws:s3:::x', true, { items: 'no' }];
  for (const v of odd) {
    const r = { eventSource: v, eventName: v, awsRegion: v, recipientAccountId: v, requestParameters: v, responseElements: v, resources: v, userIdentity: v, errorCode: v, errorMessage: v };
    assertWellFormed(resolveRecord(r as unknown as CloudTrailRecord, v as never));
  }
});

test('deep nesting and huge strings are bounded, not followed', () => {
  let deep: unknown = { instanceId: 'i-deep' };
  for (let i = 0; i < 100_000; i++) deep = { a: deep };
  const big = 'x'.repeat(1 << 20);
  const wide = Array.from({ length: 50_000 }, (_, i) => ({ instanceId: `i-${i}` }));
  const started = process.hrtime.bigint();
  for (const rp of [deep, { instanceId: big }, { instancesSet: { items: wide } }, { arn: `arn:aws:s3:::${big}` }]) {
    const r = resolveRecord(record('ec2', 'StartInstances', { requestParameters: rp, errorCode: 'x', errorMessage: `perform: ${big} on resource: ${big}` }));
    assertWellFormed(r);
    assert.ok(r.targets.length <= 100, `targets are capped, got ${r.targets.length}`);
  }
  // Not a timing assertion: a generous bound that only a runaway walk would break.
  assert.ok(Number(process.hrtime.bigint() - started) / 1e9 < 10);
});

test('prototype-polluting keys are plain data', () => {
  const rp = JSON.parse('{"__proto__": {"instanceId": "i-evil"}, "constructor": {"prototype": {"x": 1}}}') as unknown;
  const r = resolveRecord(record('ec2', 'StartInstances', { requestParameters: rp }));
  assertWellFormed(r);
  assert.equal(({} as Record<string, unknown>).instanceId, undefined);
});
