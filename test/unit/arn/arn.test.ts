// The one ARN module: fields, type and name, parents and shortenings, shapes other layers test.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  bucketOfBucketArn, bucketOfObjectArn, iamNameKey, isConcreteArn, parentArn, parseArn, parseSessionArn,
  partitionOfArn, partitionOfRegion, secretWithoutSuffix, serviceOfArn, shorterArns, typeAndName,
} from '../../../src/core/arn/arn';

test('fields of an ARN, with colons and newlines kept in the resource', () => {
  assert.deepEqual(parseArn('arn:aws:logs:us-east-1:1:log-group:/a:*'), { partition: 'aws', service: 'logs', region: 'us-east-1', account: '1', resource: 'log-group:/a:*' });
  assert.equal(parseArn('arn:aws:s3:::b/k\nx')?.resource, 'b/k\nx');
  assert.equal(parseArn('arn:aws:s3'), undefined);
  assert.equal(serviceOfArn('arn:aws:s3:::b'), 's3');
  assert.equal(partitionOfArn('arn:aws-cn:iam::1:root'), 'aws-cn');
  assert.equal(partitionOfArn('arn:<x>:iam::1:root'), 'aws');
  assert.equal(partitionOfRegion('us-gov-west-1'), 'aws-us-gov');
});

test('type and name; S3 buckets and objects', () => {
  assert.deepEqual(typeAndName('ec2', 'instance/i-1'), { type: 'instance', name: 'i-1' });
  assert.deepEqual(typeAndName('lambda', 'function:f:3'), { type: 'function', name: 'f:3' });
  assert.deepEqual(typeAndName('s3', 'b/k'), { type: 'object', name: 'b/k' });
  assert.equal(bucketOfObjectArn('arn:aws:s3:::b/k'), 'b');
  assert.equal(bucketOfBucketArn('arn:aws:s3:::my-bucket'), 'my-bucket');
});

test('parents, secrets, IAM names, sessions', () => {
  assert.equal(parentArn('arn:aws:lambda:r:1:function:f:prod'), 'arn:aws:lambda:r:1:function:f');
  assert.equal(parentArn('arn:aws:secretsmanager:r:1:secret:team/key'), undefined);
  assert.equal(secretWithoutSuffix('arn:aws:secretsmanager:r:1:secret:app/key-AbC123'), 'arn:aws:secretsmanager:r:1:secret:app/key');
  assert.equal(iamNameKey('arn:aws:iam::1:role/svc/R'), '1|role|R');
  assert.deepEqual(parseSessionArn('arn:aws:sts::1:assumed-role/R/s'), { partition: 'aws', account: '1', role: 'R', session: 's' });
});

test('concrete ARNs and shortenings of qualified ones', () => {
  assert.equal(isConcreteArn('arn:aws:iam::1:role/'), false);
  assert.equal(isConcreteArn('arn:aws:s3:::'), false);
  assert.equal(isConcreteArn('arn:aws:dms:r:1:task:*'), false);
  assert.equal(isConcreteArn('arn:aws:iam::1:role/R'), true);
  assert.equal(isConcreteArn('arn:aws:s3:::b/*'), false, 'a whole-segment * is a wildcard');
  assert.equal(isConcreteArn('arn:aws:s3:::*'), false);
  assert.equal(isConcreteArn('arn:aws:s3:::b/k/**bold** _x_'), true, 'an S3 key may hold * among other characters');
  assert.deepEqual(shorterArns('arn:aws:lambda:r:1:function:f:prod'), ['arn:aws:lambda:r:1:function:f', 'arn:aws:lambda:r:1:function']);
  assert.deepEqual(shorterArns('arn:aws:s3:::b'), []);
});
