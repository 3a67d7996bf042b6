import { test } from 'node:test';
import assert from 'node:assert/strict';
import { basicToAdvanced, fieldLevel, selectorLevel, trailLevel, type EventClass } from '../../../src/core/coverage/selectors';
import type { AdvancedEventSelector } from '../../../src/core/coverage/trailConfig';

const BUCKET = 'arn:aws:s3:::checkout-receipts/';
const s3Read: EventClass = { category: 'Data', readOnly: true, eventSource: 's3.amazonaws.com', type: 'AWS::S3::Object', arn: { value: BUCKET, prefix: true } };
const s3Write: EventClass = { ...s3Read, readOnly: false };
const fn = 'arn:aws:lambda:eu-west-1:111122223333:function:pay';
const invoke: EventClass = { category: 'Data', readOnly: false, eventSource: 'lambda.amazonaws.com', type: 'AWS::Lambda::Function', arn: { value: fn, prefix: false } };
const mgmtRead: EventClass = { category: 'Management', readOnly: true, eventSource: 'kms.amazonaws.com' };
const mgmtWrite: EventClass = { ...mgmtRead, readOnly: false };

const data = (type: string, ...more: AdvancedEventSelector['FieldSelectors']): AdvancedEventSelector => ({ FieldSelectors: [{ Field: 'eventCategory', Equals: ['Data'] }, { Field: 'resources.type', Equals: [type] }, ...more] });

test('an advanced selector for every S3 object logs a bucket\'s objects; NotStartsWith that bucket leaves them out', () => {
  assert.equal(selectorLevel(data('AWS::S3::Object'), s3Read), 'all');
  assert.equal(selectorLevel(data('AWS::S3::Object', { Field: 'resources.ARN', NotStartsWith: [BUCKET] }), s3Read), 'none');
  assert.equal(selectorLevel(data('AWS::S3::Object', { Field: 'resources.ARN', NotStartsWith: ['arn:aws:s3:::other/'] }), s3Read), 'all');
  // Leaving out one prefix inside the bucket leaves only some of its objects.
  assert.equal(selectorLevel(data('AWS::S3::Object', { Field: 'resources.ARN', NotStartsWith: [`${BUCKET}tmp/`] }), s3Read), 'some');
});

test('StartsWith on the bucket logs all its objects, on a key prefix only some, on another bucket none; Equals one object is some', () => {
  assert.equal(selectorLevel(data('AWS::S3::Object', { Field: 'resources.ARN', StartsWith: [BUCKET] }), s3Read), 'all');
  assert.equal(selectorLevel(data('AWS::S3::Object', { Field: 'resources.ARN', StartsWith: [`${BUCKET}logs/`] }), s3Read), 'some');
  assert.equal(selectorLevel(data('AWS::S3::Object', { Field: 'resources.ARN', StartsWith: ['arn:aws:s3:::checkout-receipts-old/'] }), s3Read), 'none');
  assert.equal(selectorLevel(data('AWS::S3::Object', { Field: 'resources.ARN', Equals: [`${BUCKET}a.pdf`] }), s3Read), 'some');
  // Positive values are OR-ed: one of them covering the bucket is enough.
  assert.equal(selectorLevel(data('AWS::S3::Object', { Field: 'resources.ARN', StartsWith: ['arn:aws:s3:::x/', BUCKET] }), s3Read), 'all');
});

test('readOnly splits reads from writes; a selector of another resources.type logs nothing of the class', () => {
  const writes = data('AWS::S3::Object', { Field: 'readOnly', Equals: ['false'] });
  assert.equal(selectorLevel(writes, s3Write), 'all');
  assert.equal(selectorLevel(writes, s3Read), 'none');
  assert.equal(selectorLevel(data('AWS::DynamoDB::Table'), s3Read), 'none');
});

test('exact ARNs: Equals and NotEquals on a Lambda function, EndsWith and NotEndsWith', () => {
  assert.equal(selectorLevel(data('AWS::Lambda::Function', { Field: 'resources.ARN', Equals: [fn] }), invoke), 'all');
  assert.equal(selectorLevel(data('AWS::Lambda::Function', { Field: 'resources.ARN', Equals: [`${fn}x`] }), invoke), 'none');
  assert.equal(selectorLevel(data('AWS::Lambda::Function', { Field: 'resources.ARN', NotEquals: [fn] }), invoke), 'none');
  assert.equal(selectorLevel(data('AWS::Lambda::Function', { Field: 'resources.ARN', EndsWith: [':pay'] }), invoke), 'all');
  assert.equal(selectorLevel(data('AWS::Lambda::Function', { Field: 'resources.ARN', NotEndsWith: [':pay'] }), invoke), 'none');
});

test('a filter on eventName or the caller keeps only some events: never all', () => {
  assert.equal(selectorLevel(data('AWS::S3::Object', { Field: 'eventName', Equals: ['PutObject', 'DeleteObject'] }), s3Write), 'some');
  assert.equal(selectorLevel(data('AWS::S3::Object', { Field: 'userIdentity.arn', NotStartsWith: ['arn:aws:iam::111122223333:role/backup'] }), s3Read), 'some');
  assert.equal(fieldLevel({ Field: 'eventName' }, s3Read), 'all', 'a field selector with no operator restricts nothing');
});

test('management selectors: eventCategory Management, readOnly, and eventSource NotEquals kms.amazonaws.com', () => {
  const mgmt: AdvancedEventSelector = { FieldSelectors: [{ Field: 'eventCategory', Equals: ['Management'] }] };
  assert.equal(selectorLevel(mgmt, mgmtRead), 'all');
  assert.equal(selectorLevel(mgmt, s3Read), 'none', 'a management selector logs no data events');
  const noKms: AdvancedEventSelector = { FieldSelectors: [{ Field: 'eventCategory', Equals: ['Management'] }, { Field: 'eventSource', NotEquals: ['kms.amazonaws.com'] }] };
  assert.equal(selectorLevel(noKms, mgmtRead), 'none');
  assert.equal(selectorLevel(noKms, { ...mgmtRead, eventSource: 's3.amazonaws.com' }), 'all');
  const writesOnly: AdvancedEventSelector = { FieldSelectors: [{ Field: 'eventCategory', Equals: ['Management'] }, { Field: 'readOnly', Equals: ['false'] }] };
  assert.equal(selectorLevel(writesOnly, mgmtWrite), 'all');
  assert.equal(selectorLevel(writesOnly, mgmtRead), 'none');
  assert.equal(selectorLevel({ FieldSelectors: [{ Field: 'readOnly', Equals: ['true'] }] }, mgmtRead), 'none', 'no eventCategory: not a selector CloudTrail accepts');
});

test('basic selectors: ReadWriteType, IncludeManagementEvents, ExcludeManagementEventSources, DataResources values', () => {
  const basic = (b: Parameters<typeof basicToAdvanced>[0]) => ({ basic: [b] });
  assert.equal(trailLevel(basic({ ReadWriteType: 'All', IncludeManagementEvents: true }), mgmtRead).level, 'all');
  assert.equal(trailLevel(basic({ ReadWriteType: 'WriteOnly', IncludeManagementEvents: true }), mgmtRead).level, 'none');
  assert.equal(trailLevel(basic({ ReadWriteType: 'All', IncludeManagementEvents: false }), mgmtRead).level, 'none');
  assert.equal(trailLevel(basic({ ReadWriteType: 'All', ExcludeManagementEventSources: ['kms.amazonaws.com'] }), mgmtRead).level, 'none');
  assert.equal(trailLevel(basic({ ReadWriteType: 'All', DataResources: [{ Type: 'AWS::S3::Object', Values: ['arn:aws:s3'] }] }), s3Read).level, 'all');
  assert.equal(trailLevel(basic({ ReadWriteType: 'All', DataResources: [{ Type: 'AWS::S3::Object', Values: [BUCKET] }] }), s3Read).level, 'all');
  assert.equal(trailLevel(basic({ ReadWriteType: 'ReadOnly', DataResources: [{ Type: 'AWS::S3::Object', Values: [BUCKET] }] }), s3Write).level, 'none');
  assert.equal(trailLevel(basic({ ReadWriteType: 'All', DataResources: [{ Type: 'AWS::S3::Object', Values: [`${BUCKET}logs/`] }] }), s3Read).level, 'some');
  assert.equal(trailLevel(basic({ ReadWriteType: 'All', DataResources: [{ Type: 'AWS::Lambda::Function', Values: ['arn:aws:lambda'] }] }), invoke).level, 'all');
  assert.equal(trailLevel(basic({ ReadWriteType: 'All', DataResources: [{ Type: 'AWS::Lambda::Function', Values: [fn] }] }), invoke).level, 'all');
  assert.equal(trailLevel(basic({ ReadWriteType: 'All', DataResources: [{ Type: 'AWS::Lambda::Function', Values: [`${fn}-other`] }] }), invoke).level, 'none');
});

test('advanced selectors win over basic ones when a trail has both (CloudTrail keeps one kind)', () => {
  const r = trailLevel({ basic: [{ ReadWriteType: 'All', DataResources: [{ Type: 'AWS::S3::Object', Values: ['arn:aws:s3'] }] }], advanced: [data('AWS::Lambda::Function')] }, s3Read);
  assert.equal(r.level, 'none');
});
