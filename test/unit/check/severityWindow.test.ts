import { test } from 'node:test';
import assert from 'node:assert/strict';
import { isDenied, severityOf } from '../../../src/core/check/severity';
import { parseTimeBound } from '../../../src/core/check/window';

test('authorization failures are denied; other errors are not', () => {
  for (const c of ['AccessDenied', 'AccessDeniedException', 'UnauthorizedOperation', 'Client.UnauthorizedOperation', 'NotAuthorizedException', 'KMS.NotAuthorized', 'AuthorizationError']) assert.equal(isDenied(c), true, c);
  for (const c of ['NoSuchBucket', 'ThrottlingException', 'ValidationException', 'InvalidInstanceID.NotFound', '', undefined, 42]) assert.equal(isDenied(c), false, String(c));
});

test('severity follows readOnly (boolean or string), else the verb', () => {
  assert.equal(severityOf({ readOnly: true, eventName: 'DeleteBucket' }), 'read');
  assert.equal(severityOf({ readOnly: 'false', eventName: 'GetObject' }), 'write');
  assert.equal(severityOf({ eventName: 'DescribeInstances' }), 'read');
  assert.equal(severityOf({ eventName: 'TerminateInstances' }), 'write');
  assert.equal(severityOf({ eventName: 'GetObject', readOnly: true, errorCode: 'AccessDenied' }), 'denied');
});

test('time bounds: durations back from now and ISO dates; anything else is refused', () => {
  const now = Date.parse('2024-05-10T00:00:00Z');
  assert.equal(parseTimeBound('7d', now), Date.parse('2024-05-03T00:00:00Z'));
  assert.equal(parseTimeBound('12h', now), Date.parse('2024-05-09T12:00:00Z'));
  assert.equal(parseTimeBound('30m', now), Date.parse('2024-05-09T23:30:00Z'));
  assert.equal(parseTimeBound('2w', now), Date.parse('2024-04-26T00:00:00Z'));
  assert.equal(parseTimeBound('2024-05-01', now), Date.parse('2024-05-01T00:00:00Z'));
  assert.equal(parseTimeBound('2024-05-01T12:00:00+02:00', now), Date.parse('2024-05-01T10:00:00Z'));
  for (const bad of ['1', 'yesterday', '7 days', '2024-13-45', '']) assert.throws(() => parseTimeBound(bad, now), /not a time/, bad);
});
