import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { chmodSync } from 'node:fs';
import { loadLiveInputs } from '../../../src/core/aws/liveInputs';
import { listProfiles } from '../../../src/core/aws/profiles';
import { TagTrailAwsError } from '../../../src/core/aws/errors';
import { startEndpoint, type RunningEndpoint } from '../../endpoint/server';
import { makeAwsHome, type AwsHome } from '../../endpoint/awsFiles';
import { addKey, addRole } from '../../endpoint/state';
import { TEST_MFA_CODE } from '../../endpoint/services/sts';
import { syntheticAccount, type SyntheticAccount } from '../../endpoint/syntheticAccount';

async function withEndpoint(env: (ep: RunningEndpoint) => Record<string, string>, fn: (acct: SyntheticAccount, ep: RunningEndpoint, home: AwsHome) => Promise<void>): Promise<void> {
  const acct = syntheticAccount({ users: 2, roles: 1, resourcesPerRegion: 2, eventsPerRegion: 3 });
  const ep = await startEndpoint({ state: acct.state });
  const home = makeAwsHome(env(ep));
  try {
    await fn(acct, ep, home);
  } finally {
    home.dispose();
    await ep.close();
  }
}

const window = (a: SyntheticAccount) => ({ since: a.windowStart, until: a.windowEnd });

test('listProfiles reads both shared files, kinds and endpoint settings', async () => {
  const home = makeAwsHome();
  try {
    home.config(['[default]', 'region = eu-west-1', '[profile chained]', 'role_arn = arn:aws:iam::1:role/r', 'source_profile = default', 'mfa_serial = arn:aws:iam::1:mfa/me',
      '[profile sso]', 'sso_session = corp', '[sso-session corp]', 'sso_start_url = https://x', '[profile local]', 'services = emu', 'endpoint_url = http://127.0.0.1:1',
      '[services emu]', 's3 =', '  endpoint_url = http://127.0.0.1:2', '[profile proc] ; comment', 'credential_process = /bin/true'].join('\n'));
    home.credentials('[default]\naws_access_key_id = A\naws_secret_access_key = B\n[keys-only]\naws_access_key_id = C\naws_secret_access_key = D\n');
    const profiles = await listProfiles();
    assert.deepEqual(profiles.map((p) => [p.name, p.kind]), [['default', 'static'], ['chained', 'role'], ['keys-only', 'static'], ['local', 'other'], ['proc', 'process'], ['sso', 'sso']]);
    assert.equal(profiles[0]!.region, 'eu-west-1');
    assert.deepEqual(profiles[0]!.files, ['config', 'credentials']);
    assert.equal(profiles.find((p) => p.name === 'chained')!.mfaSerial, 'arn:aws:iam::1:mfa/me');
    assert.deepEqual(profiles.find((p) => p.name === 'local')!.serviceEndpoints, { s3: 'http://127.0.0.1:2' });
    assert.ok(!JSON.stringify(profiles).includes('aws_secret'), 'secrets are not read into profile descriptions');
  } finally {
    home.dispose();
  }
});

test('static keys in a profile, with the endpoint taken from the profile\'s endpoint_url', async () => {
  await withEndpoint(() => ({}), async (acct, ep, home) => {
    home.config(`[profile audit]\nregion = us-east-1\nendpoint_url = ${ep.url}\n`);
    home.credentials(`[audit]\naws_access_key_id = ${acct.key.accessKeyId}\naws_secret_access_key = ${acct.key.secretAccessKey}\n`);
    const live = await loadLiveInputs({ profile: 'audit', regions: [], ...window(acct) });
    assert.equal(live.callerIdentity.arn, acct.callerArn);
    assert.equal(live.inventory.resources.size, acct.expected.taggedResources, 'the region came from the profile');
    live.close();
  });
});

test('source_profile + role_arn with MFA: AssumeRole against the endpoint, the code asked for once', async () => {
  await withEndpoint((ep) => ({ AWS_ENDPOINT_URL: ep.url }), async (acct, ep, home) => {
    const role = addRole(acct.state, acct.account, 'Auditor', {}, `arn:aws:iam::${acct.account}:mfa/auditor`);
    home.config(`[profile base]\nregion = us-east-1\n[profile chained]\nrole_arn = ${role.arn}\nsource_profile = base\nmfa_serial = ${role.mfaSerial}\nregion = us-east-1\n`);
    home.credentials(`[base]\naws_access_key_id = ${acct.key.accessKeyId}\naws_secret_access_key = ${acct.key.secretAccessKey}\n`);
    const asked: string[] = [];
    const live = await loadLiveInputs({ profile: 'chained', regions: ['us-east-1'], ...window(acct), mfaCodeProvider: async (serial) => { asked.push(serial); return TEST_MFA_CODE; } });
    assert.match(live.callerIdentity.arn, new RegExp(`^arn:aws:sts::${acct.account}:assumed-role/Auditor/`));
    assert.deepEqual(asked, [role.mfaSerial]);
    assert.equal(ep.log.filter((e) => e.action === 'sts:AssumeRole').length, 1);
    let n = 0;
    for await (const _ of live.events) n++;
    assert.equal(n, acct.expected.lookupEvents);
  });
});

test('credential_process supplies the keys', async () => {
  await withEndpoint((ep) => ({ AWS_ENDPOINT_URL: ep.url }), async (acct, _ep, home) => {
    const key = addKey(acct.state, acct.account, acct.callerArn);
    const script = home.file('bin/creds.sh', `#!/bin/sh\necho '${JSON.stringify({ Version: 1, AccessKeyId: key.accessKeyId, SecretAccessKey: key.secretAccessKey })}'\n`);
    chmodSync(script, 0o755);
    home.config(`[profile proc]\nregion = us-east-1\ncredential_process = ${script}\n`);
    const live = await loadLiveInputs({ profile: 'proc', regions: ['us-east-1'], ...window(acct) });
    assert.equal(live.callerIdentity.arn, acct.callerArn);
    live.close();
  });
});

test('an SSO profile whose cached token expired says to run aws sso login for that profile', async () => {
  await withEndpoint((ep) => ({ AWS_ENDPOINT_URL: ep.url }), async (acct, ep, home) => {
    home.config(`[profile corp-dev]\nsso_session = corp\nsso_account_id = ${acct.account}\nsso_role_name = ReadOnly\nregion = us-east-1\n[sso-session corp]\nsso_start_url = https://corp.awsapps.com/start\nsso_region = us-east-1\n`);
    const cacheName = createHash('sha1').update('corp').digest('hex');
    home.file(`.aws/sso/cache/${cacheName}.json`, JSON.stringify({ accessToken: 'expired-token', expiresAt: '2020-01-01T00:00:00Z', region: 'us-east-1', startUrl: 'https://corp.awsapps.com/start' }));
    await assert.rejects(loadLiveInputs({ profile: 'corp-dev', regions: ['us-east-1'], ...window(acct) }), (e: unknown) => {
      assert.ok(e instanceof TagTrailAwsError);
      assert.equal(e.kind, 'sso-expired');
      assert.match(e.message, /run `aws sso login --profile corp-dev`/);
      return true;
    });
    assert.equal(ep.log.length, 0, 'nothing was sent with missing credentials');
  });
});

test('an SSO profile with a live cached token gets role credentials from the portal', async () => {
  await withEndpoint((ep) => ({ AWS_ENDPOINT_URL: ep.url }), async (acct, ep, home) => {
    addRole(acct.state, acct.account, 'ReadOnly');
    acct.state.ssoTokens.set('live-token', { account: acct.account, user: 'alice@example.com' });
    home.config(`[profile corp-dev]\nsso_session = corp\nsso_account_id = ${acct.account}\nsso_role_name = ReadOnly\nregion = us-east-1\n[sso-session corp]\nsso_start_url = https://corp.awsapps.com/start\nsso_region = us-east-1\n`);
    const cacheName = createHash('sha1').update('corp').digest('hex');
    home.file(`.aws/sso/cache/${cacheName}.json`, JSON.stringify({ accessToken: 'live-token', expiresAt: new Date(Date.now() + 3600_000).toISOString(), region: 'us-east-1', startUrl: 'https://corp.awsapps.com/start' }));
    const live = await loadLiveInputs({ profile: 'corp-dev', regions: ['us-east-1'], ...window(acct) });
    assert.equal(live.callerIdentity.arn, `arn:aws:sts::${acct.account}:assumed-role/ReadOnly/alice@example.com`);
    assert.equal(ep.log.filter((e) => e.action === 'sso:GetRoleCredentials').length, 1);
    live.close();
  });
});
