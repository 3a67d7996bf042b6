import { test } from 'node:test';
import assert from 'node:assert/strict';
import { missingProfileMessage, profileInForce } from '../../../src/core/aws/profiles';
import { makeAwsHome } from '../../endpoint/awsFiles';

/** Real config and credentials files in a temporary AWS home; the environment is passed explicitly. */
function withHome(config: string, credentials: string, fn: (env: NodeJS.ProcessEnv) => Promise<void>): Promise<void> {
  const home = makeAwsHome();
  home.config(config);
  home.credentials(credentials);
  const env = { HOME: home.dir, AWS_CONFIG_FILE: `${home.dir}/.aws/config`, AWS_SHARED_CREDENTIALS_FILE: `${home.dir}/.aws/credentials` };
  return fn(env).finally(() => home.dispose());
}

const FILES = ['[default]\nregion = eu-west-1\n[profile audit]\nregion = us-east-1\n', '[default]\naws_access_key_id = A\naws_secret_access_key = B\n'] as const;

test('the profile in force: setting or option, then AWS_PROFILE, then environment keys, then default, then the chain', async () => {
  await withHome(...FILES, async (env) => {
    const pick = async (chosen: Parameters<typeof profileInForce>[0], extra: NodeJS.ProcessEnv = {}) => {
      const p = await profileInForce(chosen, { ...env, ...extra });
      return [p.name, p.sdkProfile, p.source, p.found, p.label];
    };
    assert.deepEqual(await pick({ name: 'audit', source: 'setting' }, { AWS_PROFILE: 'other' }), ['audit', 'audit', 'setting', true, 'audit (setting)']);
    assert.deepEqual(await pick({ name: 'audit', source: 'option' }), ['audit', 'audit', 'option', true, 'audit (--profile)']);
    assert.deepEqual(await pick(undefined, { AWS_PROFILE: 'audit', AWS_ACCESS_KEY_ID: 'K', AWS_SECRET_ACCESS_KEY: 'S' }), ['audit', 'audit', 'AWS_PROFILE', true, 'audit (AWS_PROFILE)']);
    assert.deepEqual(await pick(undefined, { AWS_ACCESS_KEY_ID: 'K', AWS_SECRET_ACCESS_KEY: 'S' }), [undefined, undefined, 'environment', true, 'environment keys (AWS_ACCESS_KEY_ID)']);
    // The default profile is left to the SDK's chain, which reads it itself.
    assert.deepEqual(await pick(undefined), ['default', undefined, 'default profile', true, 'default (default profile)']);
    // A named profile that is not in the files is still the one in force, but not found.
    assert.deepEqual(await pick(undefined, { AWS_PROFILE: 'typo' }), ['typo', 'typo', 'AWS_PROFILE', false, 'typo (AWS_PROFILE)']);
  });
  await withHome('[profile audit]\n', '', async (env) => {
    assert.deepEqual(Object.values(await profileInForce(undefined, env)).slice(0, 4), [undefined, undefined, 'chain', 'default credential chain (no profile found)']);
    assert.equal((await profileInForce(undefined, { ...env, AWS_CONTAINER_CREDENTIALS_RELATIVE_URI: '/v2/creds' })).source, 'container');
    assert.equal((await profileInForce(undefined, { ...env, AWS_WEB_IDENTITY_TOKEN_FILE: '/t', AWS_ROLE_ARN: 'arn:aws:iam::1:role/r' })).source, 'web identity');
  });
});

test('a profile that does not exist is named with the files looked in and the profiles they define', async () => {
  await withHome(...FILES, async (env) => {
    assert.equal(await missingProfileMessage('audit', env), undefined);
    const m = await missingProfileMessage('nosuch', env);
    assert.match(m ?? '', /^AWS profile "nosuch" does not exist in .*\.aws\/config or .*\.aws\/credentials; profiles there: default, audit\.$/);
    assert.match(await missingProfileMessage('typo', { ...env, AWS_PROFILE: 'typo' }) ?? '', /"typo" \(named by AWS_PROFILE\)/);
  });
});
