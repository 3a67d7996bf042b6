// Failure classes that are fixed by data (IAM variables x request members), not by an alias per API.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { resolveRecord } from '../../../src/core/resolve/resolver';
import { ACCOUNT, REGION, arns, record } from './builders';

const A = `${REGION}:${ACCOUNT}`;

test('a describe call that names one resource is never no-target: filled, or a gap with a reason', () => {
  const eks = resolveRecord(record('eks', 'DescribeCluster', { requestParameters: { name: 'prod' } }));
  assert.deepEqual(arns(eks.targets), [`arn:aws:eks:${A}:cluster/prod`]);
  const secret = resolveRecord(record('secretsmanager', 'DescribeSecret', { requestParameters: { secretId: 'prod/db' } }));
  assert.equal(secret.status, 'unresolved');
  assert.match(secret.reason ?? '', /prod\/db/);
});

test('a listing that names nothing (paging, filters, format fields) is no-target', () => {
  const r = resolveRecord(record('rds', 'DescribeDBInstances', { requestParameters: { maxRecords: 100, marker: 'abc', filters: [{ name: 'engine', values: ['x'] }] } }));
  assert.equal(r.status, 'no-target');
});

test('optional-type calls: an identifier-like value no rule consumed is a gap', () => {
  const r = resolveRecord(record('securityhub', 'UpdateFindings', { requestParameters: { note: { text: 'x' }, someWidgetName: 'w-1' } }));
  assert.notEqual(r.status, 'no-target');
  assert.ok(r.reason);
});

test('members named after the type or generically fill the variable (`<type>Id`, `<type>Arn` URL, `id`)', () => {
  const made = resolveRecord(record('cloudhsm', 'CreateCluster', { requestParameters: { hsmType: 'hsm1.medium' }, responseElements: { cluster: { clusterId: 'cluster-abc123' } } }));
  assert.deepEqual(arns(made.targets), [`arn:aws:cloudhsm:${A}:cluster/cluster-abc123`]);
  const q = resolveRecord(record('sqs', 'GetQueueAttributes', { requestParameters: { queueUrl: `https://sqs.${REGION}.amazonaws.com/444455556666/jobs` } }));
  assert.deepEqual(arns(q.targets), [`arn:aws:sqs:${REGION}:444455556666:jobs`]);
});

test('a name never fills an id variable from a loose member (AppRegistry `application` by name)', () => {
  const r = resolveRecord(record('servicecatalog-appregistry', 'GetApplication', { requestParameters: { application: 'checkout-storefront' } }));
  assert.equal(r.targets.length, 0);
  assert.equal(r.status, 'unresolved');
});

test('redacted values name nothing', () => {
  const r = resolveRecord(record('bedrock', 'GetGuardrail', { requestParameters: { guardrailIdentifier: 'HIDDEN_DUE_TO_SECURITY_REASONS' } }));
  assert.equal(r.targets.length, 0);
  assert.notEqual(r.status, 'no-target');
});

test('a qualified ARN in a member that names the resource resolves to the resource; the qualified form is context', () => {
  const fn = `arn:aws:lambda:${A}:function:f`;
  const r = resolveRecord(record('lambda', 'GetFunction20150331v2', { requestParameters: { functionName: `${fn}:prod` } }));
  assert.deepEqual(arns(r.targets), [fn]);
  assert.ok(r.related.some((t) => t.arn === `${fn}:prod`));
});

test('ARNs whose resource part is empty or a bare path prefix are never targets, and no ARN is pasted into a template', () => {
  const r = resolveRecord(record('iam', 'GetRole', { requestParameters: { roleName: `arn:aws:iam::${ACCOUNT}:role/` } }));
  assert.equal(r.targets.length, 0);
  assert.notEqual(r.status, 'no-target');
  const p = resolveRecord(record('iam', 'GetPolicy', { requestParameters: { policyArn: `arn:aws:iam::${ACCOUNT}:policy/p` } }));
  assert.deepEqual(arns(p.targets), [`arn:aws:iam::${ACCOUNT}:policy/p`]);
});

test('a failed call names its resource in the message even when the request is thin', () => {
  const fn = `arn:aws:lambda:${A}:function:gone`;
  const r = resolveRecord(record('lambda', 'GetFunction20150331v2', {
    errorCode: 'ResourceNotFoundException',
    errorMessage: `Function not found: ${fn}`,
    requestParameters: { qualifier: '$LATEST' },
  }));
  assert.deepEqual(arns(r.targets), [fn]);
  const denied = resolveRecord(record('ec2', 'TerminateInstances', {
    errorCode: 'Client.UnauthorizedOperation',
    errorMessage: `You are not authorized to perform this operation. User: arn:aws:iam::${ACCOUNT}:user/bob is not authorized to perform: ec2:TerminateInstances on resource: arn:aws:ec2:${A}:instance/i-0abc because no identity-based policy allows the ec2:TerminateInstances action. Encoded authorization failure message: AbCd`,
  }));
  assert.deepEqual(arns(denied.targets), [`arn:aws:ec2:${A}:instance/i-0abc`]);
});

test('eventNames IAM spells otherwise: PartiQL statements name their table, Converse is InvokeModel, plural/singular', () => {
  const q = resolveRecord(record('dynamodb', 'ExecuteStatement', { requestParameters: { statement: 'SELECT * FROM "Orders" WHERE pk = ?' } }));
  assert.deepEqual(arns(q.targets), [`arn:aws:dynamodb:${A}:table/Orders`]);
  const c = resolveRecord(record('bedrock', 'Converse', { requestParameters: { modelId: 'anthropic.claude-3-haiku-20240307-v1:0' } }));
  assert.deepEqual(c.actions, ['bedrock:InvokeModel']);
  assert.deepEqual(arns(c.targets), [`arn:aws:bedrock:${REGION}::foundation-model/anthropic.claude-3-haiku-20240307-v1:0`]);
});

test('S3 event notifications (eventSource aws:s3) give their bucket/object, marked as not CloudTrail', () => {
  const r = resolveRecord({
    eventVersion: '2.1', eventSource: 'aws:s3', awsRegion: REGION, eventName: 'ObjectCreated:Put',
    userIdentity: { principalId: 'AWS:AIDAEXAMPLE' }, requestParameters: { sourceIPAddress: '10.0.0.1' },
    s3: { bucket: { name: 'b', arn: 'arn:aws:s3:::b' }, object: { key: 'dir/a+b.txt' } },
  });
  assert.deepEqual(r.actions, ['s3:PutObject']);
  assert.deepEqual(arns(r.targets), ['arn:aws:s3:::b/dir/a b.txt']);
  assert.match(r.targets[0]?.assumption ?? '', /notification/);
});

test('create calls target what the response names; AWS-owned ARNs in it are not what was made', () => {
  const r = resolveRecord(record('securityhub', 'CreateInsight', { requestParameters: { Name: 'x', ResultField: 'ResourceId' }, responseElements: { InsightArn: `arn:aws:securityhub:${A}:insight/${ACCOUNT}/custom/abc` } }));
  assert.deepEqual(arns(r.targets), [`arn:aws:securityhub:${A}:insight/${ACCOUNT}/custom/abc`]);
  const f = resolveRecord(record('lambda', 'CreateFunction20150331', { requestParameters: { functionName: 'f' }, responseElements: { functionArn: `arn:aws:lambda:${A}:function:f`, runtimeVersionConfig: { runtimeVersionArn: `arn:aws:lambda:${REGION}::runtime:abc` } } }));
  assert.deepEqual(arns(f.targets), [`arn:aws:lambda:${A}:function:f`]);
});

test('identity: the root user is arn:…:root; an Identity Center assignment targets permission set and instance only', () => {
  const root = resolveRecord({ ...record('iam', 'CreateAccessKey'), userIdentity: { type: 'Root', arn: `arn:aws:iam::${ACCOUNT}:root`, accountId: ACCOUNT } });
  assert.deepEqual(arns(root.targets), [`arn:aws:iam::${ACCOUNT}:root`]);
  const ps = `arn:aws:sso:::permissionSet/ssoins-1234567890abcdef/ps-1234567890abcdef`;
  const a = resolveRecord(record('sso', 'CreateAccountAssignment', { requestParameters: {
    instanceArn: 'arn:aws:sso:::instance/ssoins-1234567890abcdef', permissionSetArn: ps, targetId: '444455556666', targetType: 'AWS_ACCOUNT', principalType: 'GROUP', principalId: 'g-1',
  } }));
  assert.deepEqual(arns(a.targets), ['arn:aws:sso:::instance/ssoins-1234567890abcdef', ps]);
  assert.ok(!a.targets.some((t) => t.arn.includes(':account/')));
});

test('a service-linked role named without its ARN is a gap, not a role under path /', () => {
  const r = resolveRecord(record('iam', 'DeleteServiceLinkedRole', { requestParameters: { roleName: 'AWSServiceRoleForAutoScaling' } }));
  assert.equal(r.targets.length, 0);
  assert.equal(r.status, 'unresolved');
});
