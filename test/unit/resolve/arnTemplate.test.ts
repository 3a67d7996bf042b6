import { test } from 'node:test';
import assert from 'node:assert/strict';
import { fillTemplate, matchesTemplate, parseTemplate, partitionOf } from '../../../src/core/resolve/arnTemplate';
import { iamAction, iamService } from '../../../src/core/resolve/iamTable';

const env = { partition: 'aws', region: 'eu-west-1', account: '123456789012' };

test('templates parse into literals and variables', () => {
  const t = parseTemplate('arn:${Partition}:s3:::${BucketName}/${ObjectName}');
  assert.equal(t.service, 's3');
  assert.deepEqual(t.vars, ['BucketName', 'ObjectName']);
  assert.equal(fillTemplate(t, env, { BucketName: 'b', ObjectName: 'k/1' }), 'arn:aws:s3:::b/k/1');
  assert.equal(fillTemplate(t, env, { BucketName: 'b' }), undefined);
});

test('matching: the last variable takes paths, but not a qualifier outside S3', () => {
  const role = parseTemplate('arn:${Partition}:iam::${Account}:role/${RoleNameWithPath}');
  assert.ok(matchesTemplate(role, 'arn:aws:iam::123456789012:role/team/ci'));
  const fn = parseTemplate('arn:${Partition}:lambda:${Region}:${Account}:function:${FunctionName}');
  assert.ok(matchesTemplate(fn, 'arn:aws:lambda:eu-west-1:123456789012:function:f'));
  assert.ok(!matchesTemplate(fn, 'arn:aws:lambda:eu-west-1:123456789012:function:f:3'));
  const obj = parseTemplate('arn:${Partition}:s3:::${BucketName}/${ObjectName}');
  assert.ok(matchesTemplate(obj, 'arn:aws:s3:::b/a:b/c'));
  assert.ok(!matchesTemplate(obj, 'arn:aws:s3:::b'));
});

test('partitions by region', () => {
  assert.equal(partitionOf('cn-northwest-1'), 'aws-cn');
  assert.equal(partitionOf('us-gov-east-1'), 'aws-us-gov');
  assert.equal(partitionOf('eu-central-1'), 'aws');
  assert.equal(partitionOf(''), 'aws');
});

test('the bundled IAM table knows services, actions and their resource types', () => {
  const start = iamAction('ec2', 'startinstances');
  assert.equal(start?.action, 'ec2:StartInstances');
  assert.ok(start?.resourceTypes.some((r) => r.type.name === 'instance' && r.required));
  assert.equal(iamAction('ec2', 'NoSuchAction'), undefined);
  assert.equal(iamService('no-such-prefix'), undefined);
  // Types with two ARN shapes are split into one template each.
  const stage = iamAction('apigateway', 'GET')?.resourceTypes.filter((r) => r.type.name === 'Stage') ?? [];
  assert.equal(stage.length, 2);
});
