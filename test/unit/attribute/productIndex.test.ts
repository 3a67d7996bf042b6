import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ProductIndex } from '../../../src/core/attribute/productIndex';
import { parseMapping } from '../../../src/core/attribute/mapping';
import { ArnPattern } from '../../../src/core/attribute/arnPattern';
import type { Inventory, Principal, Tag } from '../../../src/core/model';

function inventory(principals: Record<string, Record<string, string>>, resources: Record<string, Record<string, string>>): Inventory {
  const toTags = (o: Record<string, string>): Tag[] => Object.entries(o).map(([key, value]) => ({ key, value }));
  return {
    principals: new Map(Object.entries(principals).map(([a, t]) => [a, toTags(t)])),
    resources: new Map(Object.entries(resources).map(([a, t]) => [a, toTags(t)])),
    sources: ['inv.json'],
  };
}

const role = (arn: string, extra: Partial<Principal> = {}): Principal => ({ arn, type: 'iam-role', ...extra });

test('tag keys are tried in priority order and are case-sensitive', () => {
  const inv = inventory({ 'arn:aws:iam::1:role/a': { Product: 'wrong-case', team: 'blue', product: 'alpha' } }, {});
  assert.equal(new ProductIndex(inv, undefined, ['product']).productOfPrincipal(role('arn:aws:iam::1:role/a')), 'alpha');
  assert.equal(new ProductIndex(inv, undefined, ['team', 'product']).productOfPrincipal(role('arn:aws:iam::1:role/a')), 'blue');
  assert.equal(new ProductIndex(inv, undefined, ['PRODUCT']).productOfPrincipal(role('arn:aws:iam::1:role/a')), undefined);
});

test('roles match by account and name whatever the path the record implied', () => {
  const idx = new ProductIndex(inventory({ 'arn:aws:iam::1:role/svc/deployer': { product: 'alpha' } }, {}), undefined, ['product']);
  assert.equal(idx.productOfPrincipal(role('arn:aws:iam::1:role/deployer')), 'alpha');
  assert.equal(idx.productOfPrincipal(role('arn:aws:iam::2:role/deployer')), undefined);
  // A role acted on as a resource (e.g. AttachRolePolicy) is found among the principals.
  assert.equal(idx.productOfResource('arn:aws:iam::1:role/deployer'), 'alpha');
});

test('untagged nested resources take their parent\'s product; other ARNs do not climb', () => {
  const idx = new ProductIndex(inventory({}, {
    'arn:aws:s3:::bucket-b': { product: 'beta' },
    'arn:aws:dynamodb:eu-west-1:1:table/T': { product: 'gamma' },
    'arn:aws:logs:eu-west-1:1:log-group:/aws/lambda/f': { product: 'delta' },
    'arn:aws:lambda:eu-west-1:1:function:f': { product: 'delta' },
    'arn:aws:ec2:eu-west-1:1:instance': { product: 'never' },
    'arn:aws:secretsmanager:eu-west-1:1:secret:team': { product: 'never' },
    'arn:aws:secretsmanager:eu-west-1:1:secret:team/api-key-AbC123': { product: 'alpha' },
  }), undefined, ['product']);
  assert.equal(idx.productOfResource('arn:aws:s3:::bucket-b/a/b/c.txt'), 'beta');
  assert.equal(idx.productOfResource('arn:aws:dynamodb:eu-west-1:1:table/T/index/I'), 'gamma');
  assert.equal(idx.productOfResource('arn:aws:logs:eu-west-1:1:log-group:/aws/lambda/f:log-stream:2026/10/05/[$LATEST]abc'), 'delta');
  assert.equal(idx.productOfResource('arn:aws:lambda:eu-west-1:1:function:f:prod'), 'delta');
  assert.equal(idx.productOfResource('arn:aws:ec2:eu-west-1:1:instance/i-1'), undefined);
  // A secret's name may contain `/`; that is not a hierarchy. Named without its suffix, it still matches.
  assert.equal(idx.productOfResource('arn:aws:secretsmanager:eu-west-1:1:secret:team/other'), undefined);
  assert.equal(idx.productOfResource('arn:aws:secretsmanager:eu-west-1:1:secret:team/api-key'), 'alpha');
  assert.equal(idx.parentOf('arn:aws:s3:::bucket-b/k'), 'arn:aws:s3:::bucket-b');
});

test('mapping fills in untagged principals (also by session ARN) and resources; tags win', () => {
  const mapping = parseMapping({
    principals: [{ pattern: 'arn:aws:sts::*:assumed-role/AWSReservedSSO_*/*@beta.example', product: 'beta' }, { pattern: 'arn:aws:iam::1:role/tagged', product: 'mapped' }],
    resources: [{ pattern: 'arn:aws:s3:::shared-*', product: 'platform' }],
    sharedProducts: ['platform'],
  }, 'map.json');
  const idx = new ProductIndex(inventory({ 'arn:aws:iam::1:role/tagged': { product: 'alpha' } }, {}), mapping, ['product']);
  const sso = role('arn:aws:iam::1:role/aws-reserved/sso.amazonaws.com/AWSReservedSSO_Dev_1', { type: 'sso-role', sessionArn: 'arn:aws:sts::1:assumed-role/AWSReservedSSO_Dev_1/ann@beta.example' });
  assert.equal(idx.productOfPrincipal(sso), 'beta');
  assert.equal(idx.productOfPrincipal(role('arn:aws:iam::1:role/tagged')), 'alpha');
  assert.equal(idx.productOfResource('arn:aws:s3:::shared-logs/x'), 'platform');
  assert.equal(idx.isShared('platform'), true);
  assert.equal(idx.isShared('beta'), false);
});

test('federated users take the product of their issuing IAM user', () => {
  const idx = new ProductIndex(inventory({ 'arn:aws:iam::1:user/broker': { product: 'alpha' } }, {}), undefined, ['product']);
  assert.equal(idx.productOfPrincipal({ arn: 'arn:aws:sts::1:federated-user/bob', type: 'federated-user', issuerArn: 'arn:aws:iam::1:user/broker' }), 'alpha');
});

test('exemptions need every named field to match and return the reason', () => {
  const mapping = parseMapping({ exemptions: [{ principal: 'arn:aws:iam::1:role/backup', resource: 'arn:aws:s3:::*', eventName: 'Get*', reason: 'nightly backup' }] }, 'm');
  const idx = new ProductIndex(inventory({}, {}), mapping, ['product']);
  assert.equal(idx.exemption(role('arn:aws:iam::1:role/backup'), 'arn:aws:s3:::b/k', 'GetObject'), 'nightly backup');
  assert.equal(idx.exemption(role('arn:aws:iam::1:role/backup'), 'arn:aws:s3:::b/k', 'PutObject'), undefined);
  assert.equal(idx.exemption(role('arn:aws:iam::1:role/other'), 'arn:aws:s3:::b/k', 'GetObject'), undefined);
});

test('mapping file errors name the file and field', () => {
  assert.throws(() => parseMapping([], 'm.json'), /m\.json: the mapping file must be a JSON object/);
  assert.throws(() => parseMapping({ principals: [{ pattern: 'x' }] }, 'm.json'), /principals\[0\]\.product/);
  assert.throws(() => parseMapping({ exemptions: [{ reason: 'r' }] }, 'm.json'), /at least one of/);
  assert.throws(() => parseMapping({ princpals: [] }, 'm.json'), /"princpals" is not a mapping field/);
});

test('patterns: only * is special, matching is whole-string and case-sensitive', () => {
  assert.equal(new ArnPattern('arn:aws:s3:::a.b').matches('arn:aws:s3:::aXb'), false);
  assert.equal(new ArnPattern('arn:*:role/(x)').matches('arn:aws:iam::1:role/(x)'), true);
  assert.equal(new ArnPattern('arn:*').matches('ARN:aws'), false);
  assert.equal(new ArnPattern('a**b').matches('a\nb'), true);
  assert.equal(new ArnPattern('x').matches(undefined), false);
});
