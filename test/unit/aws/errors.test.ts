import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createServer } from 'node:net';
import type { AddressInfo } from 'node:net';
import { loadLiveInputs } from '../../../src/core/aws/liveInputs';
import { TagTrailAwsError, cleanAwsText, explainAwsError } from '../../../src/core/aws/errors';
import { startEndpoint } from '../../endpoint/server';
import { makeAwsHome } from '../../endpoint/awsFiles';
import { syntheticAccount } from '../../endpoint/syntheticAccount';

const isKind = (kind: string, pattern: RegExp) => (e: unknown): boolean => {
  assert.ok(e instanceof TagTrailAwsError, String(e));
  assert.equal(e.kind, kind, e.message);
  assert.match(e.message, pattern);
  return true;
};

test('AccessDenied names the IAM action that is missing', async () => {
  const acct = syntheticAccount({ users: 1, roles: 1 });
  const ep = await startEndpoint({ state: acct.state, denyActions: ['iam:ListRoles'] });
  const home = makeAwsHome({ AWS_ENDPOINT_URL: ep.url, AWS_ACCESS_KEY_ID: acct.key.accessKeyId, AWS_SECRET_ACCESS_KEY: acct.key.secretAccessKey });
  try {
    await assert.rejects(loadLiveInputs({ regions: ['us-east-1'], since: acct.windowStart, until: acct.windowEnd }),
      isKind('access-denied', /needs the IAM action iam:ListRoles .*docs\/iam-policy\.json/));
  } finally {
    home.dispose();
    await ep.close();
  }
});

test('no credentials anywhere, or an unknown profile, gives a clear message', async () => {
  const home = makeAwsHome({ AWS_ENDPOINT_URL: 'http://127.0.0.1:9' });
  try {
    await assert.rejects(loadLiveInputs({ regions: ['us-east-1'], since: new Date(0) }), isKind('no-credentials', /No AWS credentials found/));
    await assert.rejects(loadLiveInputs({ profile: 'nope', regions: ['us-east-1'], since: new Date(0) }), isKind('no-credentials', /AWS profile "nope" does not exist in .*config or .*credentials; they define no profile/));
  } finally {
    home.dispose();
  }
});

test('a region that cannot exist is refused before any call', async () => {
  const home = makeAwsHome({ AWS_ACCESS_KEY_ID: 'AKIAEXAMPLE', AWS_SECRET_ACCESS_KEY: 'x' });
  try {
    await assert.rejects(loadLiveInputs({ regions: ['us-east1'], since: new Date(0) }), isKind('unknown-region', /Unknown AWS region "us-east1"/));
    await assert.rejects(loadLiveInputs({ regions: [], since: new Date(0) }), isKind('unknown-region', /pass --region/));
  } finally {
    home.dispose();
  }
});

test('a refused connection is reported as a network failure', async () => {
  // A port that was just free: nothing listens on it.
  const probe = createServer();
  await new Promise<void>((r) => probe.listen(0, '127.0.0.1', r));
  const port = (probe.address() as AddressInfo).port;
  await new Promise<void>((r) => probe.close(() => r()));
  const home = makeAwsHome({ AWS_ENDPOINT_URL: `http://127.0.0.1:${port}`, AWS_ACCESS_KEY_ID: 'AKIAEXAMPLE', AWS_SECRET_ACCESS_KEY: 'x' });
  try {
    await assert.rejects(loadLiveInputs({ regions: ['us-east-1'], since: new Date(0), maxAttempts: 1 }), isKind('network', new RegExp(`Cannot reach http://127\\.0\\.0\\.1:${port} in us-east-1 \\(ECONNREFUSED\\): nothing accepted the connection`)));
  } finally {
    home.dispose();
  }
});

test('DNS failure for a well-formed region reads as an unknown region; AWS text is cleaned', () => {
  const dns = Object.assign(new Error('getaddrinfo ENOTFOUND cloudtrail.xx-nowhere-9.amazonaws.com'), { code: 'ENOTFOUND', hostname: 'cloudtrail.xx-nowhere-9.amazonaws.com' });
  assert.equal(explainAwsError(dns, { region: 'xx-nowhere-9' }).kind, 'unknown-region');
  assert.equal(cleanAwsText('bad\u001b[31mred\u202e'), 'bad [31mred ');
  assert.equal(cleanAwsText('x'.repeat(500)).length, 301);
});

test('a wrong secret key fails the signature check and reads as rejected credentials', async () => {
  const acct = syntheticAccount({ users: 1, roles: 1 });
  const ep = await startEndpoint({ state: acct.state });
  const home = makeAwsHome({ AWS_ENDPOINT_URL: ep.url, AWS_ACCESS_KEY_ID: acct.key.accessKeyId, AWS_SECRET_ACCESS_KEY: `${acct.key.secretAccessKey}x` });
  try {
    await assert.rejects(loadLiveInputs({ regions: ['us-east-1'], since: acct.windowStart }), isKind('no-credentials', /AWS rejected the credentials \(SignatureDoesNotMatch\)/));
    assert.deepEqual(ep.log.map((e) => [e.action, e.status]), [['sts:GetCallerIdentity', 403]]);
  } finally {
    home.dispose();
    await ep.close();
  }
});

test('network failures name the endpoint that could not be reached and why', () => {
  const refused = Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:9'), { code: 'ECONNREFUSED', address: '127.0.0.1', port: 9 });
  assert.equal(explainAwsError(refused, { region: 'eu-west-1' }).message, 'Cannot reach 127.0.0.1:9 in eu-west-1 (ECONNREFUSED): nothing accepted the connection; check the network, proxy or endpoint settings.');
  assert.match(explainAwsError(refused, { region: 'eu-west-1', host: 'http://localhost:4566' }).message, /^Cannot reach http:\/\/localhost:4566 in eu-west-1/);
  const dns = Object.assign(new Error('getaddrinfo ENOTFOUND emu.invalid'), { code: 'ENOTFOUND', hostname: 'emu.invalid' });
  const custom = explainAwsError(dns, { region: 'eu-west-1', host: 'http://emu.invalid' });
  assert.deepEqual([custom.kind, custom.message], ['network', 'Cannot reach http://emu.invalid: the name does not resolve (ENOTFOUND): no network or DNS, or a wrong endpoint setting.']);
  const offline = explainAwsError(Object.assign(new Error('getaddrinfo EAI_AGAIN sts.eu-west-1.amazonaws.com'), { code: 'EAI_AGAIN', hostname: 'sts.eu-west-1.amazonaws.com' }), { region: 'eu-west-1' });
  assert.deepEqual([offline.kind, offline.retryable], ['network', true]);
  assert.match(offline.message, /^Cannot reach sts\.eu-west-1\.amazonaws\.com: the name does not resolve \(EAI_AGAIN\): no network or DNS/);
});
