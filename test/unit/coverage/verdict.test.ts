import { test } from 'node:test';
import assert from 'node:assert/strict';
import { resourceCoverage } from '../../../src/core/coverage/verdict';
import { dataEventTarget } from '../../../src/core/coverage/dataEventTypes';
import type { TrailConfig, TrailEntry } from '../../../src/core/coverage/trailConfig';

const ACCOUNT = '111122223333';
const ALL_MGMT = [{ ReadWriteType: 'All', IncludeManagementEvents: true }];

function trail(name: string, o: Partial<TrailEntry['description']> & { logging?: boolean; selectors?: TrailEntry['eventSelectors']; advanced?: TrailEntry['advancedEventSelectors'] } = {}): TrailEntry {
  const region = o.HomeRegion ?? 'eu-west-1';
  const account = o.TrailARN?.split(':')[4] ?? ACCOUNT;
  return {
    description: { Name: name, TrailARN: `arn:aws:cloudtrail:${region}:${account}:trail/${name}`, HomeRegion: region, IsMultiRegionTrail: o.IsMultiRegionTrail ?? false, IsOrganizationTrail: o.IsOrganizationTrail ?? false, ...(o.IncludeGlobalServiceEvents !== undefined ? { IncludeGlobalServiceEvents: o.IncludeGlobalServiceEvents } : {}) },
    status: { IsLogging: o.logging ?? true },
    ...(o.advanced ? { advancedEventSelectors: o.advanced } : { eventSelectors: o.selectors ?? ALL_MGMT }),
  };
}
const config = (...trails: TrailEntry[]): TrailConfig => ({ sources: ['t'], trails, regionsListed: [], notes: [] });

const QUEUE = `arn:aws:sqs:eu-west-1:${ACCOUNT}:orders`;
const KEY = `arn:aws:kms:us-east-1:${ACCOUNT}:key/1`;
const ROLE = `arn:aws:iam::${ACCOUNT}:role/app`;

test('data event types from the table: buckets by their objects, tables, functions, queues; keys and instances have none', () => {
  assert.deepEqual(dataEventTarget('arn:aws:s3:::b'), { type: 'AWS::S3::Object', arn: 'arn:aws:s3:::b/', prefix: true });
  assert.equal(dataEventTarget(`arn:aws:dynamodb:eu-west-1:${ACCOUNT}:table/t`)?.type, 'AWS::DynamoDB::Table');
  assert.equal(dataEventTarget(`arn:aws:dynamodb:eu-west-1:${ACCOUNT}:table/t/stream/2026-01-01T00:00:00.000`)?.type, 'AWS::DynamoDB::Stream');
  assert.equal(dataEventTarget(`arn:aws:lambda:eu-west-1:${ACCOUNT}:function:f`)?.type, 'AWS::Lambda::Function');
  assert.equal(dataEventTarget(QUEUE)?.type, 'AWS::SQS::Queue');
  assert.equal(dataEventTarget(KEY), undefined);
  assert.equal(dataEventTarget(`arn:aws:ec2:eu-west-1:${ACCOUNT}:instance/i-1`), undefined);
});

test('a single-region trail does not reach another region; a multi-region trail does', () => {
  const single = resourceCoverage(KEY, 'a', config(trail('here')));
  assert.equal(single.managementEvents, 'not-logged');
  assert.match(single.why, /here logs only eu-west-1/);
  assert.equal(single.dataEvents, 'not-applicable');
  const multi = resourceCoverage(KEY, 'a', config(trail('everywhere', { IsMultiRegionTrail: true })));
  assert.equal(multi.managementEvents, 'logged');
  assert.deepEqual(multi.trails, ['everywhere']);
});

test('another account\'s trail does not count unless it is an organisation trail', () => {
  const other = { TrailARN: 'arn:aws:cloudtrail:eu-west-1:999999999999:trail/x', IsMultiRegionTrail: true };
  assert.equal(resourceCoverage(QUEUE, 'a', config(trail('x', other))).managementEvents, 'not-logged');
  assert.equal(resourceCoverage(QUEUE, 'a', config(trail('x', { ...other, IsOrganizationTrail: true }))).managementEvents, 'logged');
});

test('global services: only a trail with global service events in us-east-1 (or multi-region) logs IAM', () => {
  assert.equal(resourceCoverage(ROLE, 'a', config(trail('eu'))).managementEvents, 'not-logged');
  assert.equal(resourceCoverage(ROLE, 'a', config(trail('us', { HomeRegion: 'us-east-1' }))).managementEvents, 'logged');
  assert.equal(resourceCoverage(ROLE, 'a', config(trail('us', { HomeRegion: 'us-east-1', IncludeGlobalServiceEvents: false }))).managementEvents, 'not-logged');
});

test('a stopped trail logs nothing; a trail whose status or selectors are unknown makes the verdict unknown, never logged', () => {
  const stopped = resourceCoverage(QUEUE, 'a', config(trail('t', { logging: false })));
  assert.equal(stopped.managementEvents, 'not-logged');
  assert.match(stopped.why, /t would log them but is stopped/);
  const noStatus = trail('t');
  delete noStatus.status;
  noStatus.statusProblem = 'Access denied: TagTrail needs the IAM action cloudtrail:GetTrailStatus';
  assert.equal(resourceCoverage(QUEUE, 'a', config(noStatus)).managementEvents, 'unknown');
  const noSelectors: TrailEntry = { ...trail('t'), selectorsProblem: 'denied' };
  delete noSelectors.eventSelectors;
  const v = resourceCoverage(QUEUE, 'a', config(noSelectors));
  assert.equal(v.managementEvents, 'unknown');
  assert.equal(v.dataEvents, 'unknown');
  // A second trail that does log it settles the question.
  assert.equal(resourceCoverage(QUEUE, 'a', config(noSelectors, trail('ok'))).managementEvents, 'logged');
});

test('management writes only: management events are not logged as a whole, and why says reads are not', () => {
  const v = resourceCoverage(QUEUE, 'a', config(trail('w', { selectors: [{ ReadWriteType: 'WriteOnly' }] })));
  assert.equal(v.managementWrite, 'logged');
  assert.equal(v.managementRead, 'not-logged');
  assert.equal(v.managementEvents, 'not-logged');
  assert.match(v.why, /Management events, reads: not logged .*; writes: logged by w/);
});

test('data events of a queue need an advanced selector for AWS::SQS::Queue; one on some event names is not enough', () => {
  const mgmt = { FieldSelectors: [{ Field: 'eventCategory', Equals: ['Management'] }] };
  const sqs = { FieldSelectors: [{ Field: 'eventCategory', Equals: ['Data'] }, { Field: 'resources.type', Equals: ['AWS::SQS::Queue'] }] };
  assert.equal(resourceCoverage(QUEUE, 'a', config(trail('t', { advanced: [mgmt] }))).dataEvents, 'not-logged');
  assert.equal(resourceCoverage(QUEUE, 'a', config(trail('t', { advanced: [mgmt, sqs] }))).dataEvents, 'logged');
  const some = { FieldSelectors: [...sqs.FieldSelectors, { Field: 'eventName', Equals: ['SendMessage'] }] };
  const v = resourceCoverage(QUEUE, 'a', config(trail('t', { advanced: [mgmt, some] })));
  assert.equal(v.dataEvents, 'not-logged');
  assert.match(v.why, /t logs only some of them/);
});

test('without a configuration, every verdict is unknown (data not-applicable where the type has none)', () => {
  const v = resourceCoverage(KEY, null, undefined);
  assert.deepEqual([v.managementEvents, v.dataEvents, v.product], ['unknown', 'not-applicable', null]);
  assert.equal(resourceCoverage(QUEUE, 'a', undefined).dataEvents, 'unknown');
});

test('a trail list that could not be read leaves everything unknown, with the reason', () => {
  const v = resourceCoverage(QUEUE, 'a', { ...config(), listProblem: 'the trails of eu-west-1 could not be listed: Access denied' });
  assert.equal(v.managementEvents, 'unknown');
  assert.match(v.why, /could not be listed/);
});
