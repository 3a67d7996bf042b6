import { test } from 'node:test';
import assert from 'node:assert/strict';
import { groupResult, groupFindings, groupGaps } from '../../../src/core/report/group';
import { principalDisplayName } from '../../../src/core/attribute/displayName';
import { finding, gap, result } from './builders';

const ROLE = 'arn:aws:iam::111122223333:role/alpha-app';
const SSO = 'arn:aws:iam::111122223333:role/aws-reserved/sso.amazonaws.com/eu-west-1/AWSReservedSSO_CatalogDeveloper_5444e9b34a8a8d20';

test('one group per caller, resource and action: S3 objects of one bucket are one group, counted, with every event id', () => {
  const fs = Array.from({ length: 25 }, (_, i) => finding({ eventID: `e-${i}`, eventTime: `2024-05-01T10:${String(i).padStart(2, '0')}:00Z`, resource: { arn: `arn:aws:s3:::beta-data/k${i}`, product: 'beta', via: 'resources' } }));
  fs.push(finding({ eventID: 'put', eventName: 'PutObject', severity: 'write' }));
  const groups = groupFindings(fs);
  assert.equal(groups.length, 2);
  const [put, get] = groups;
  assert.equal(put!.eventName, 'PutObject', 'write before read');
  assert.equal(get!.count, 25);
  assert.equal(get!.resource.arn, 'arn:aws:s3:::beta-data');
  assert.equal(get!.resource.arnCount, 25);
  assert.equal(get!.firstSeen, '2024-05-01T10:00:00Z');
  assert.equal(get!.lastSeen, '2024-05-01T10:24:00Z');
  assert.deepEqual(get!.events.map((e) => e.eventID), fs.slice(0, 25).map((f) => f.eventID));
  assert.equal(groups.reduce((n, g) => n + g.count, 0), fs.length, 'every finding in exactly one group');
});

test('groups sort by severity (write, denied, read) then first seen; keys are stable and differ per group', () => {
  const fs = [
    finding({ eventID: 'r', eventTime: '2024-05-01T09:00:00Z', eventName: 'GetItem' }),
    finding({ eventID: 'd', eventTime: '2024-05-03T09:00:00Z', severity: 'denied', eventName: 'DeleteItem' }),
    finding({ eventID: 'w2', eventTime: '2024-05-02T09:00:00Z', severity: 'write', eventName: 'PutItem' }),
    finding({ eventID: 'w1', eventTime: '2024-05-01T08:00:00Z', severity: 'write', eventName: 'UpdateItem' }),
  ];
  const a = groupFindings(fs);
  assert.deepEqual(a.map((g) => g.events[0]!.eventID), ['w1', 'w2', 'd', 'r']);
  const b = groupFindings([...fs].reverse());
  assert.deepEqual(b.map((g) => g.key), a.map((g) => g.key), 'same keys whatever the input order');
  assert.equal(new Set(a.map((g) => g.key)).size, 4);
});

test('a group mixing severities takes the most severe and counts each', () => {
  const [g] = groupFindings([finding({ eventID: 'a', severity: 'write', eventName: 'PutItem' }), finding({ eventID: 'b', severity: 'denied', eventName: 'PutItem' })]);
  assert.equal(g!.severity, 'write');
  assert.deepEqual(g!.severities, { write: 1, denied: 1, read: 0 });
});

test('principal and resource summaries: products touched, counts, first and last seen', () => {
  const r = result([
    finding({ eventID: 'a', eventTime: '2024-05-01T10:00:00Z' }),
    finding({ eventID: 'b', eventTime: '2024-05-02T10:00:00Z', resource: { arn: 'arn:aws:sqs:eu-west-1:111122223333:gamma-q', product: 'gamma', via: 'template' }, eventName: 'SendMessage', severity: 'write' }),
  ], []);
  const g = groupResult(r);
  assert.equal(g.principals.length, 1);
  assert.deepEqual(g.principals[0]!.products, [{ product: 'beta', count: 1 }, { product: 'gamma', count: 1 }]);
  assert.equal(g.principals[0]!.firstSeen, '2024-05-01T10:00:00Z');
  assert.equal(g.principals[0]!.lastSeen, '2024-05-02T10:00:00Z');
  assert.equal(g.resources.length, 2);
  assert.deepEqual(g.resources.map((x) => x.callerProducts), [[{ product: 'alpha', count: 1 }], [{ product: 'alpha', count: 1 }]]);
});

test('gaps group by caller (unowned caller), by resource (unowned resource), by action and reason (unresolved)', () => {
  const gs = [
    ...Array.from({ length: 1314 }, (_, i) => gap({ eventID: `u-${i}`, kind: 'unowned-principal', principalArn: `arn:aws:iam::111122223333:role/r${i % 10}`, eventName: i % 2 ? 'GetObject' : 'PutItem', reason: `no product tag or mapping for iam-role arn:aws:iam::111122223333:role/r${i % 10}` })),
    gap({ eventID: 'x1', kind: 'unowned-resource', resourceArn: 'arn:aws:s3:::tmp', reason: 'acted on arn:aws:s3:::tmp/a; neither …' }),
    gap({ eventID: 'x2', kind: 'unowned-resource', resourceArn: 'arn:aws:s3:::tmp', reason: 'acted on arn:aws:s3:::tmp/b; neither …' }),
    gap({ eventID: 'y1', reason: 'no template' }),
    gap({ eventID: 'y2', reason: 'no template' }),
    gap({ eventID: 'y3', reason: 'another reason' }),
  ];
  const groups = groupGaps(gs);
  assert.equal(groups.filter((g) => g.kind === 'unowned-principal').length, 10);
  assert.equal(groups.filter((g) => g.kind === 'unowned-resource').length, 1);
  assert.equal(groups.filter((g) => g.kind === 'unresolved-target').length, 2);
  assert.equal(groups.reduce((n, g) => n + g.events.length, 0), gs.length, 'every gap event kept');
  assert.equal(groups[0]!.by, 'caller');
  assert.equal(groups[0]!.display, `role/r${groups[0]!.subject.slice(-1)}`);
});

test('display names: SSO permission set, session only when it differs, services, no repeats, other accounts', () => {
  assert.equal(principalDisplayName({ arn: SSO, type: 'sso-role', displayName: 'frank@example.com' }), 'SSO CatalogDeveloper (frank@example.com)');
  assert.equal(principalDisplayName({ arn: SSO, type: 'sso-role' }), 'SSO CatalogDeveloper');
  assert.equal(principalDisplayName({ arn: 'arn:aws:iam::111122223333:user/alice.martin', type: 'iam-user', displayName: 'alice.martin' }), 'user/alice.martin');
  assert.equal(principalDisplayName({ arn: 'arn:aws:iam::111122223333:role/service/indexer', type: 'iam-role', displayName: 'indexer' }), 'role/indexer');
  assert.equal(principalDisplayName({ arn: ROLE, type: 'iam-role', displayName: 'gitlab-runner-1' }), 'role/alpha-app (session gitlab-runner-1)');
  assert.equal(principalDisplayName({ arn: 'lambda.amazonaws.com', type: 'aws-service' }), 'AWS lambda');
  assert.equal(principalDisplayName({ arn: 'arn:aws:iam::444455556666:role/partner', type: 'iam-role' }, '111122223333'), 'role/partner in 444455556666');
  assert.equal(principalDisplayName({ arn: 'arn:aws:iam::111122223333:root', type: 'root' }), 'root of 111122223333');
  assert.equal(principalDisplayName({ arn: 'weird', displayName: 'x' }), 'weird (x)');
});
