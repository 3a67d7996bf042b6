import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { principalOf } from '../../../src/core/attribute/principal';
import type { CloudTrailRecord } from '../../../src/core/model';

const rec = (userIdentity: unknown, extra: Partial<CloudTrailRecord> = {}): CloudTrailRecord => ({ userIdentity, recipientAccountId: '111122223333', ...extra }) as CloudTrailRecord;

test('IAM user is judged by its ARN and named by its user name', () => {
  const p = principalOf(rec({ type: 'IAMUser', arn: 'arn:aws:iam::111122223333:user/alice', accountId: '111122223333', userName: 'alice' }));
  assert.deepEqual(p, { arn: 'arn:aws:iam::111122223333:user/alice', type: 'iam-user', accountId: '111122223333', displayName: 'alice' });
});

test('assumed-role session is judged as the role from sessionIssuer, keeping session ARN and name', () => {
  const p = principalOf(rec({
    type: 'AssumedRole', arn: 'arn:aws:sts::111122223333:assumed-role/deployer/ci-42', accountId: '111122223333', principalId: 'AROAX:ci-42',
    sessionContext: { sessionIssuer: { type: 'Role', arn: 'arn:aws:iam::111122223333:role/svc/deployer', accountId: '111122223333', userName: 'deployer' } },
  }));
  assert.equal(p.arn, 'arn:aws:iam::111122223333:role/svc/deployer');
  assert.equal(p.type, 'iam-role');
  assert.equal(p.sessionArn, 'arn:aws:sts::111122223333:assumed-role/deployer/ci-42');
  assert.equal(p.displayName, 'ci-42');
  assert.equal(p.crossAccount, undefined);
});

test('assumed-role without sessionIssuer derives the role ARN from the session ARN', () => {
  const p = principalOf(rec({ type: 'AssumedRole', arn: 'arn:aws:sts::111122223333:assumed-role/DevAdministrator/test_user', accountId: '111122223333' }));
  assert.equal(p.arn, 'arn:aws:iam::111122223333:role/DevAdministrator');
  assert.equal(p.displayName, 'test_user');
});

test('Identity Center permission-set session is an sso-role named by the session (e-mail)', () => {
  const withIssuer = principalOf(rec({
    type: 'AssumedRole', arn: 'arn:aws:sts::111122223333:assumed-role/AWSReservedSSO_Dev_0123456789abcdef/alice@example.com', accountId: '111122223333',
    sessionContext: { sessionIssuer: { type: 'Role', arn: 'arn:aws:iam::111122223333:role/aws-reserved/sso.amazonaws.com/eu-west-1/AWSReservedSSO_Dev_0123456789abcdef' } },
  }));
  assert.equal(withIssuer.type, 'sso-role');
  assert.equal(withIssuer.arn, 'arn:aws:iam::111122223333:role/aws-reserved/sso.amazonaws.com/eu-west-1/AWSReservedSSO_Dev_0123456789abcdef');
  assert.equal(withIssuer.displayName, 'alice@example.com');
  // A malformed issuer (seen in the wild: `{ type: "lambda" }`) falls back to the session ARN with the SSO path.
  const noIssuer = principalOf(rec({ type: 'AssumedRole', arn: 'arn:aws:sts::111122223333:assumed-role/AWSReservedSSO_Dev_0123/bob', sessionContext: { sessionIssuer: { type: 'lambda' } } }));
  assert.equal(noIssuer.type, 'sso-role');
  assert.equal(noIssuer.arn, 'arn:aws:iam::111122223333:role/aws-reserved/sso.amazonaws.com/AWSReservedSSO_Dev_0123');
});

test('root, federated user, web identity, SAML, service, other account, Identity Center user', () => {
  assert.equal(principalOf(rec({ type: 'Root', arn: 'arn:aws:iam::111122223333:root', accountId: '111122223333' })).type, 'root');
  const fed = principalOf(rec({ type: 'FederatedUser', arn: 'arn:aws:sts::111122223333:federated-user/bob', accountId: '111122223333', sessionContext: { sessionIssuer: { type: 'IAMUser', arn: 'arn:aws:iam::111122223333:user/broker' } } }));
  assert.deepEqual([fed.type, fed.displayName, fed.issuerArn], ['federated-user', 'bob', 'arn:aws:iam::111122223333:user/broker']);
  const web = principalOf(rec({ type: 'WebIdentityUser', identityProvider: 'accounts.google.com', userName: 'u1' }));
  assert.deepEqual([web.type, web.arn], ['web-identity', 'accounts.google.com/u1']);
  assert.equal(principalOf(rec({ type: 'SAMLUser', identityProvider: 'arn:aws:iam::111122223333:saml-provider/okta', userName: 'carol' })).type, 'saml');
  assert.deepEqual(principalOf(rec({ type: 'AWSService', invokedBy: 'cloudtrail.amazonaws.com' })), { arn: 'cloudtrail.amazonaws.com', type: 'aws-service' });
  assert.deepEqual(principalOf(rec({ invokedBy: 'ec2.amazonaws.com', accountId: '111122223333' })).type, 'aws-service');
  const other = principalOf(rec({ type: 'AWSAccount', accountId: '999988887777', principalId: 'AROAX:lambda' }));
  assert.deepEqual([other.type, other.arn, other.crossAccount], ['aws-account', 'arn:aws:iam::999988887777:root', true]);
  const icu = principalOf(rec({ type: 'IdentityCenterUser', accountId: '111122223333', onBehalfOf: { userId: 'u-1', identityStoreArn: 'arn:aws:identitystore::111122223333:identitystore/d-1' } }));
  assert.deepEqual([icu.type, icu.arn], ['identity-center-user', 'arn:aws:identitystore::111122223333:identitystore/d-1/user/u-1']);
});

test('cross-account callers are marked', () => {
  const p = principalOf(rec({ type: 'IAMUser', arn: 'arn:aws:iam::999988887777:user/x', accountId: '999988887777' }));
  assert.equal(p.crossAccount, true);
});

test('missing, odd or hostile userIdentity gives unknown', () => {
  assert.deepEqual(principalOf({} as CloudTrailRecord), { arn: 'unknown', type: 'unknown' });
  assert.equal(principalOf(rec('IAMUser')).type, 'unknown');
  assert.equal(principalOf(rec({ type: 'Mystery' })).type, 'unknown');
  assert.equal(principalOf(null as unknown as CloudTrailRecord).type, 'unknown');
  assert.equal(principalOf(rec({ type: 'AssumedRole', arn: 42 })).type, 'unknown');
});

test('property: principalOf never throws and always returns an arn and type, whatever the JSON', () => {
  const identity = fc.record({
    type: fc.constantFrom('IAMUser', 'AssumedRole', 'Root', 'FederatedUser', 'WebIdentityUser', 'SAMLUser', 'AWSService', 'AWSAccount', 'IdentityCenterUser', 'x'),
    arn: fc.oneof(fc.string(), fc.constant('arn:aws:sts::1:assumed-role/AWSReservedSSO_a/b'), fc.jsonValue()),
    sessionContext: fc.jsonValue(), accountId: fc.jsonValue(), userName: fc.jsonValue(), onBehalfOf: fc.jsonValue(),
  }, { requiredKeys: [] });
  fc.assert(fc.property(fc.oneof(fc.jsonValue(), fc.record({ userIdentity: fc.oneof(identity, fc.jsonValue()), recipientAccountId: fc.jsonValue() })), (r) => {
    const p = principalOf(r as CloudTrailRecord);
    assert.equal(typeof p.arn, 'string');
    assert.equal(typeof p.type, 'string');
  }), { numRuns: 2000 });
});
