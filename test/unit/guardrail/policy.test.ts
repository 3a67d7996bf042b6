import { test } from 'node:test';
import assert from 'node:assert/strict';
import { policyProblems, policySize, policyText } from '../../../src/core/guardrail/policy';
import { proposeGuardrails } from '../../../src/core/guardrail/propose';
import { compressActions } from '../../../src/core/guardrail/compress';
import { actionNames, guardability, guardableActionNames } from '../../../src/core/guardrail/conditions';

const OK = { Version: '2012-10-17', Statement: [{ Sid: 'A', Effect: 'Deny', Action: 's3:GetObject', Resource: '*', Condition: { Null: { 'aws:ResourceTag/product': 'false' } } }] };

test('the grammar check refuses what IAM refuses', () => {
  assert.deepEqual(policyProblems(OK), []);
  const bad = (patch: Record<string, unknown>, stmt?: Record<string, unknown>) =>
    policyProblems({ ...OK, ...patch, Statement: [{ ...OK.Statement[0], ...stmt }] });
  assert.match(bad({ Version: '2008-10-17' }).join(), /Version/);
  assert.match(bad({}, { Effect: 'Maybe' }).join(), /Effect/);
  assert.match(bad({}, { NotAction: 's3:*' }).join(), /exactly one of Action, NotAction/);
  assert.match(bad({}, { Resource: undefined }).join(), /exactly one of Resource, NotResource/);
  assert.match(bad({}, { Action: 'GetObject' }).join(), /malformed action/);
  assert.match(bad({}, { Condition: { StringEqualz: { 'aws:x': 'y' } } }).join(), /not known/);
  assert.match(bad({}, { Condition: { Bool: { 'aws:PrincipalIsAWSService': 'no' } } }).join(), /"true" or "false"/);
  assert.match(bad({}, { Sid: 'has space' }).join(), /alphanumeric/);
  assert.match(policyProblems({ ...OK, Statement: [OK.Statement[0], OK.Statement[0]] }).join(), /not unique/);
  assert.match(policyProblems(OK, 'rcp').join(), /Principal must be "\*"/);
  assert.match(policyProblems({ ...OK, Statement: [{ ...OK.Statement[0], Principal: '*' }] }, 'scp').join(), /not allowed in a service control policy/);
  assert.match(policyProblems('x').join(), /not a JSON object/);
});

test('a long action list is split into statements and documents under the limit, and the notes say so', () => {
  // Every guardable action of five large services: far more than one SCP holds.
  const seen = ['ec2', 'rds', 'iam', 'ssm', 'logs'].flatMap((p) => guardableActionNames(p).map((n) => `${p}:${n}`));
  const p = proposeGuardrails({ tagKey: 'product', mapping: { sharedProducts: ['shared'] }, seenActions: seen, forms: ['scp', 'boundary'], scope: 'services' });
  const scps = p.documents.filter((d) => d.form === 'scp');
  assert.ok(scps.length > 1);
  for (const d of p.documents) {
    assert.deepEqual(policyProblems(JSON.parse(policyText(d.document, d.form)), d.form), [], d.name);
    assert.equal(d.size, policySize(d.document));
  }
  assert.ok(p.notes.some((n) => /split into \d+ statements/.test(n)));
  assert.ok(p.notes.some((n) => /one permissions boundary/.test(n)));
  // Every guardable action is covered by some statement of the SCPs, none that is not guardable.
  const patterns = scps.flatMap((d) => d.document.Statement.flatMap((s) => (Array.isArray(s.Action) ? s.Action : [s.Action ?? ''])));
  const re = patterns.map((x) => new RegExp(`^${x.replace(/\*/g, '.*')}$`, 'i'));
  for (const prefix of ['ec2', 'rds', 'iam', 'ssm', 'logs']) {
    const guardable = new Set(guardableActionNames(prefix));
    for (const n of actionNames(prefix)) assert.equal(re.some((r) => r.test(`${prefix}:${n}`)), guardable.has(n), `${prefix}:${n}`);
  }
});

test('wildcards only where every action they match is guardable', () => {
  assert.deepEqual(compressActions('x', ['GetA', 'GetB', 'PutA'], ['GetA', 'GetB', 'PutA']), ['x:*']);
  assert.deepEqual(compressActions('x', ['GetA', 'GetB'], ['GetA', 'GetB', 'PutA']), ['x:Get*']);
  assert.deepEqual(compressActions('x', ['GetA', 'GetB'], ['GetA', 'GetB', 'GetC', 'PutA']), ['x:GetA', 'x:GetB']);
});

test('guardability follows the condition keys per action and resource type', () => {
  assert.equal(guardability('sqs:SendMessage', 'arn:aws:sqs:eu-west-1:111122223333:q').guardable, true);
  assert.equal(guardability('ec2:StopInstances', 'arn:aws:ec2:eu-west-1:111122223333:instance/i-1').guardable, true);
  const list = guardability('s3:ListAllMyBuckets', '*');
  assert.equal(list.guardable, false);
  assert.equal(!list.guardable && list.reason, 'no-resource-type');
  const cs = guardability('cloudsearch:CreateDomain', 'arn:aws:cloudsearch:us-east-1:111122223333:domain/d');
  assert.equal(!cs.guardable && cs.reason, 'no-tag-condition');
  assert.equal(guardability('nosuch:Thing', 'arn:aws:x:::y').guardable, false);
  // The account root is no IAM `user`, whatever type the resolver guessed.
  assert.equal(guardability('iam:CreateAccessKey', 'arn:aws:iam::111122223333:root', 'user').guardable, false);
});

test('mapping exemptions and principals become conditions: principal-only ArnNotLike, resource-only NotResource, pairs both', () => {
  const p = proposeGuardrails({
    tagKey: 'product', scope: 'seen', forms: ['scp'], seenActions: ['s3:GetObject'],
    mapping: {
      principals: [{ pattern: 'arn:aws:iam::1:role/sso/*', product: 'a' }, { pattern: 'arn:aws:sts::1:assumed-role/x/*', product: 'b' }],
      sharedProducts: ['shared'],
      exemptions: [
        { principal: 'arn:aws:iam::1:role/breakglass', reason: 'r1' },
        { resource: 'arn:aws:s3:::public-*', reason: 'r2' },
        { principal: 'arn:aws:iam::1:role/etl', resource: 'arn:aws:s3:::exports*', eventName: 'GetObject', reason: 'r3' },
      ],
    },
  });
  const st = p.documents.flatMap((d) => d.document.Statement);
  const tagged = st.find((s) => s.Sid === 'DenyCrossProductTagged');
  assert.deepEqual(tagged?.Condition?.['ArnNotLike'], { 'aws:PrincipalArn': ['arn:aws:iam::1:role/breakglass', 'arn:aws:iam::1:role/etl'] });
  assert.equal(tagged?.NotResource, 'arn:aws:s3:::public-*');
  const mapped = st.find((s) => s.Sid === 'DenyCrossProductMappedA');
  assert.deepEqual(mapped?.Condition?.['Null'], { 'aws:ResourceTag/product': 'false', 'aws:PrincipalTag/product': 'true' });
  assert.deepEqual(mapped?.Condition?.['StringNotEquals'], { 'aws:ResourceTag/product': ['a', 'shared'] });
  const pair = st.find((s) => s.Sid === 'DenyCrossProductExemptedTagged');
  assert.deepEqual(pair?.NotResource, ['arn:aws:s3:::public-*', 'arn:aws:s3:::exports*']);
  assert.deepEqual(pair?.Condition?.['ArnLike'], { 'aws:PrincipalArn': 'arn:aws:iam::1:role/etl' });
  assert.ok(p.notes.some((n) => /assumed-role\/x\/\* \(b\) is not an IAM user or role ARN/.test(n)));
  assert.ok(p.notes.some((n) => /eventName GetObject/.test(n)));
});
