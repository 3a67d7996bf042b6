import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ProductIndex } from '../../../src/core/attribute/productIndex';
import { buildProductsModel } from '../../../src/extension/model/productsModel';
import { arnParts } from '../../../src/extension/model/arnParts';
import { ACCOUNT, inventory } from './builders';

test('arnParts groups by service and resource type, S3 by bucket and object, and survives junk', () => {
  assert.deepEqual(arnParts(`arn:aws:ec2:eu-west-1:${ACCOUNT}:instance/i-0abc`), { service: 'ec2', region: 'eu-west-1', account: ACCOUNT, type: 'instance', name: 'i-0abc' });
  assert.equal(arnParts('arn:aws:s3:::bucket').type, 'bucket');
  assert.equal(arnParts('arn:aws:s3:::bucket/a/b.txt').type, 'object');
  assert.equal(arnParts(`arn:aws:lambda:eu-west-1:${ACCOUNT}:function:fn`).type, 'function');
  assert.equal(arnParts(`arn:aws:sqs:eu-west-1:${ACCOUNT}:queue1`).type, 'queue1');
  assert.equal(arnParts('not an arn').service, 'other');
  assert.equal(arnParts('').service, 'other');
});

test('products hold their principals and resources grouped by service and type; untagged comes last', () => {
  const inv = inventory(
    { [`arn:aws:iam::${ACCOUNT}:role/alpha-app`]: 'alpha', [`arn:aws:iam::${ACCOUNT}:role/beta-app`]: 'beta', [`arn:aws:iam::${ACCOUNT}:user/nobody`]: undefined },
    {
      [`arn:aws:ec2:eu-west-1:${ACCOUNT}:instance/i-2`]: 'alpha',
      [`arn:aws:ec2:eu-west-1:${ACCOUNT}:instance/i-1`]: 'alpha',
      [`arn:aws:ec2:eu-west-1:${ACCOUNT}:volume/vol-1`]: 'alpha',
      'arn:aws:s3:::beta-data': 'beta',
      'arn:aws:s3:::loose': undefined,
    });
  const model = buildProductsModel(inv, new ProductIndex(inv, undefined, ['product']));
  assert.deepEqual(model.entries.map((e) => e.product), ['alpha', 'beta', undefined]);
  const alpha = model.entries[0]!;
  assert.equal(alpha.resourceCount, 3);
  assert.deepEqual(alpha.resources.get('ec2')?.get('instance'), [`arn:aws:ec2:eu-west-1:${ACCOUNT}:instance/i-1`, `arn:aws:ec2:eu-west-1:${ACCOUNT}:instance/i-2`]);
  assert.deepEqual(model.entries[2]!.principals, [`arn:aws:iam::${ACCOUNT}:user/nobody`]);
  assert.deepEqual(model.entries[2]!.resources.get('s3')?.get('bucket'), ['arn:aws:s3:::loose']);
  assert.equal(model.productOf.get('arn:aws:s3:::beta-data'), 'beta');
  assert.equal(model.principals.length, 3);
});

test('principals met only in events join the model, attributed by the mapping file', () => {
  const inv = inventory({}, {});
  const sso = `arn:aws:iam::${ACCOUNT}:role/aws-reserved/sso.amazonaws.com/AWSReservedSSO_Dev_0123`;
  const index = new ProductIndex(inv, { principals: [{ pattern: '*AWSReservedSSO_Dev_*', product: 'alpha' }] }, ['product']);
  const model = buildProductsModel(inv, index, [{ arn: sso, type: 'sso-role' }, { arn: 'events.amazonaws.com', type: 'aws-service' }]);
  assert.deepEqual(model.entries.map((e) => [e.product, e.principals]), [['alpha', [sso]]]);
});

test('a 10,000-resource inventory builds into products and groups', () => {
  const principals: Record<string, string> = {};
  const resources: Record<string, string | undefined> = {};
  for (let i = 0; i < 500; i++) principals[`arn:aws:iam::${ACCOUNT}:role/r${i}`] = `p${i % 20}`;
  for (let i = 0; i < 10_000; i++) resources[`arn:aws:ec2:eu-west-1:${ACCOUNT}:${i % 2 ? 'instance' : 'volume'}/x-${i}`] = i % 50 === 0 ? undefined : `p${i % 20}`;
  const inv = inventory(principals, resources);
  const model = buildProductsModel(inv, new ProductIndex(inv, undefined, ['product']));
  assert.equal(model.entries.length, 21);
  assert.equal(model.entries.reduce((n, e) => n + e.resourceCount, 0), 10_000);
  assert.equal(model.entries.at(-1)?.resourceCount, 200);
});
