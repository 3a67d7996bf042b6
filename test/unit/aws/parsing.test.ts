import { test } from 'node:test';
import assert from 'node:assert/strict';
import { explainAwsError } from '../../../src/core/aws/errors';
import { configuredEndpoint, parseIni } from '../../../src/core/aws/profiles';
import { dayPrefixes, parseS3Uri } from '../../../src/core/aws/trailLogs';

test('parseIni keeps sections, lowercases keys, nests indented sub-keys and skips comments', () => {
  const s = parseIni('# top\n[profile a]\nRegion = eu-west-1 \n[services x]\ns3 =\n  endpoint_url = http://h:1\n  addressing_style = path\nsts = \n; c\n[bad\nkey=value with = sign\n');
  assert.deepEqual(s.get('profile a'), { region: 'eu-west-1' });
  assert.equal(s.get('services x')!['s3.endpoint_url'], 'http://h:1');
  assert.equal(s.get('services x')!['s3.addressing_style'], 'path');
  assert.equal(s.get('services x')!.key, 'value with = sign');
});

test('configuredEndpoint follows the CLI precedence', () => {
  const profile = { name: 'p', kind: 'static' as const, files: ['config' as const], endpointUrl: 'http://profile', serviceEndpoints: { s3: 'http://svc' } };
  assert.equal(configuredEndpoint('S3', profile, {}), 'http://svc');
  assert.equal(configuredEndpoint('IAM', profile, {}), 'http://profile');
  assert.equal(configuredEndpoint('IAM', profile, { AWS_ENDPOINT_URL: 'http://env' }), 'http://env');
  assert.equal(configuredEndpoint('S3', profile, { AWS_ENDPOINT_URL: 'http://env', AWS_ENDPOINT_URL_S3: 'http://env-s3' }), 'http://env-s3');
  assert.equal(configuredEndpoint('S3', profile, { AWS_IGNORE_CONFIGURED_ENDPOINT_URLS: 'true', AWS_ENDPOINT_URL: 'http://env' }), undefined);
  assert.equal(configuredEndpoint('STS', undefined, {}), undefined);
});

test('parseS3Uri accepts s3:// addresses and bare buckets, and refuses anything else', () => {
  assert.deepEqual(parseS3Uri('s3://my-trail/logs/'), { bucket: 'my-trail', prefix: 'logs' });
  assert.deepEqual(parseS3Uri('my-trail'), { bucket: 'my-trail', prefix: '' });
  assert.throws(() => parseS3Uri('https://evil/x'));
  assert.throws(() => parseS3Uri('s3://UPPER/x'));
});

test('dayPrefixes covers every UTC day the window touches, across a month end', () => {
  assert.deepEqual(dayPrefixes('AWSLogs/o-abc/1/', 'eu-west-1', new Date('2026-01-30T23:00:00Z'), new Date('2026-02-01T00:30:00Z')), [
    'AWSLogs/o-abc/1/CloudTrail/eu-west-1/2026/01/30/',
    'AWSLogs/o-abc/1/CloudTrail/eu-west-1/2026/01/31/',
    'AWSLogs/o-abc/1/CloudTrail/eu-west-1/2026/02/01/',
  ]);
});

test('AccessDenied names the action AWS names, even when it was a credential provider\'s call', () => {
  const e = Object.assign(new Error('User: arn:aws:iam::1:user/u is not authorized to perform: sts:AssumeRole on resource: arn:aws:iam::1:role/r'), { name: 'AccessDenied', $metadata: { httpStatusCode: 403 } });
  const x = explainAwsError(e, { action: 'sts:GetCallerIdentity' });
  assert.equal(x.kind, 'access-denied');
  assert.match(x.message, /needs the IAM action sts:AssumeRole /);
});
