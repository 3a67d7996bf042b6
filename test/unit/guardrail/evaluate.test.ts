import { test } from 'node:test';
import assert from 'node:assert/strict';
import { arnLike, evaluateDocument, evaluateDocuments, type RequestContext } from '../../../src/core/guardrail/evaluate';
import type { PolicyDocument } from '../../../src/core/guardrail/policy';

const DENY: PolicyDocument = {
  Version: '2012-10-17',
  Statement: [{
    Sid: 'D', Effect: 'Deny', Action: ['s3:Get*', 'sqs:SendMessage'], Resource: '*',
    Condition: {
      StringNotEquals: { 'aws:ResourceTag/product': ['${aws:PrincipalTag/product}', 'shared'] },
      Null: { 'aws:ResourceTag/product': 'false', 'aws:PrincipalTag/product': 'false' },
      Bool: { 'aws:PrincipalIsAWSService': 'false' },
      ArnNotLike: { 'aws:PrincipalArn': 'arn:aws:iam::*:role/break-glass-*' },
    },
  }],
};

function ctx(action: string, keys: Record<string, string>): RequestContext {
  return { action, resource: 'arn:aws:s3:::b/k', keys: { 'aws:PrincipalIsAWSService': 'false', 'aws:PrincipalArn': 'arn:aws:iam::1:role/app', ...keys } };
}

test('a cross-product access is denied; own product, shared product and missing tags are not', () => {
  const d = (keys: Record<string, string>, action = 's3:GetObject') => evaluateDocument(DENY, ctx(action, keys), true).decision;
  assert.equal(d({ 'aws:PrincipalTag/product': 'a', 'aws:ResourceTag/product': 'b' }), 'explicit-deny');
  assert.equal(d({ 'aws:PrincipalTag/product': 'a', 'aws:ResourceTag/product': 'b' }, 'S3:GETOBJECT'), 'explicit-deny', 'actions match case-insensitively');
  assert.equal(d({ 'aws:PrincipalTag/product': 'a', 'aws:ResourceTag/product': 'a' }), 'allowed');
  assert.equal(d({ 'aws:PrincipalTag/product': 'a', 'aws:ResourceTag/product': 'shared' }), 'allowed');
  assert.equal(d({ 'aws:PrincipalTag/product': 'a', 'aws:ResourceTag/product': 'A' }), 'explicit-deny', 'tag values are case-sensitive');
  assert.equal(d({ 'aws:ResourceTag/product': 'b' }), 'allowed', 'untagged principal');
  assert.equal(d({ 'aws:PrincipalTag/product': 'a' }), 'allowed', 'untagged resource');
  assert.equal(d({ 'aws:PrincipalTag/product': 'a', 'aws:ResourceTag/product': 'b' }, 's3:PutObject'), 'allowed', 'action not named');
  assert.equal(d({ 'aws:PrincipalTag/product': 'a', 'aws:ResourceTag/product': 'b', 'aws:PrincipalIsAWSService': 'true' }), 'allowed');
  assert.equal(d({ 'aws:PrincipalTag/product': 'a', 'aws:ResourceTag/product': 'b', 'aws:PrincipalArn': 'arn:aws:iam::1:role/break-glass-ops' }), 'allowed');
});

test('missing keys: negated operators hold, positive ones and Bool do not', () => {
  const doc = (cond: Record<string, Record<string, string>>): PolicyDocument => ({ Version: '2012-10-17', Statement: [{ Sid: 'X', Effect: 'Deny', Action: '*', Resource: '*', Condition: cond }] });
  const c: RequestContext = { action: 'sqs:SendMessage', resource: 'arn:aws:sqs:eu-west-1:1:q', keys: {} };
  assert.equal(evaluateDocument(doc({ StringNotEquals: { 'aws:ResourceTag/p': 'x' } }), c, true).decision, 'explicit-deny');
  assert.equal(evaluateDocument(doc({ ArnNotLike: { 'aws:PrincipalArn': 'arn:*' } }), c, true).decision, 'explicit-deny');
  assert.equal(evaluateDocument(doc({ StringEquals: { 'aws:ResourceTag/p': 'x' } }), c, true).decision, 'allowed');
  assert.equal(evaluateDocument(doc({ StringLike: { 'aws:ResourceTag/p': '*' } }), c, true).decision, 'allowed');
  assert.equal(evaluateDocument(doc({ Bool: { 'aws:PrincipalIsAWSService': 'false' } }), c, true).decision, 'allowed');
  assert.equal(evaluateDocument(doc({ Null: { 'aws:ResourceTag/p': 'true' } }), c, true).decision, 'explicit-deny');
  assert.throws(() => evaluateDocument(doc({ NumericLessThan: { 'aws:X': '1' } }), c, true), /not supported/);
});

test('ARN matching is per segment; NotResource leaves a resource out; a boundary without Allow denies implicitly', () => {
  assert.ok(arnLike('arn:aws:iam::*:role/app-*', 'arn:aws:iam::111122223333:role/app-x/y'));
  assert.ok(!arnLike('arn:aws:iam::*:role/app-*', 'arn:aws:iam::111122223333:user/app-x'));
  assert.ok(!arnLike('arn:aws:s3:::b*', 'arn:aws:sqs:::b1'), 'a wildcard does not cross into another segment');
  const nr: PolicyDocument = { Version: '2012-10-17', Statement: [{ Sid: 'N', Effect: 'Deny', Action: 's3:*', NotResource: 'arn:aws:s3:::exports-*' }] };
  assert.equal(evaluateDocument(nr, { action: 's3:GetObject', resource: 'arn:aws:s3:::exports-1/k', keys: {} }, true).decision, 'allowed');
  assert.equal(evaluateDocument(nr, { action: 's3:GetObject', resource: 'arn:aws:s3:::other/k', keys: {} }, true).decision, 'explicit-deny');
  const allowS3: PolicyDocument = { Version: '2012-10-17', Statement: [{ Sid: 'A', Effect: 'Allow', Action: 's3:*', Resource: '*' }] };
  assert.equal(evaluateDocument(allowS3, { action: 'sqs:SendMessage', resource: '*', keys: {} }, false).decision, 'implicit-deny');
  assert.equal(evaluateDocuments([allowS3, nr], { action: 's3:GetObject', resource: 'arn:aws:s3:::other/k', keys: {} }, false).decision, 'explicit-deny', 'explicit deny overrides');
});
