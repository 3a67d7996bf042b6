// Rows as Athena returns them (lowercased struct fields, JSON text, nulls for absent fields) become
// the records the resolver and attribution expect; broken cells become absent fields, never a crash.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { rowToRecord } from '../../../src/core/athena/rowToRecord';
import { principalOf } from '../../../src/core/attribute/principal';
import { resolveRecord } from '../../../src/core/resolve/resolver';

test('an Athena row becomes the CloudTrail record it came from', () => {
  const record = rowToRecord({
    eventid: 'e1', eventtime: '2026-10-05T10:00:00Z', eventsource: 's3.amazonaws.com', eventname: 'GetObject', awsregion: 'us-east-1',
    recipientaccountid: '111122223333', readonly: 'true', managementevent: 'false', errorcode: null,
    requestparameters: '{"bucketName":"b","key":"k"}', responseelements: null,
    useridentity_json: JSON.stringify({ type: 'AssumedRole', principalid: 'AROA:s', arn: 'arn:aws:sts::111122223333:assumed-role/app/s', accountid: '111122223333', invokedby: null,
      sessioncontext: { attributes: { mfaauthenticated: 'false', creationdate: null }, sessionissuer: { type: 'Role', arn: 'arn:aws:iam::111122223333:role/app', username: 'app' },
        webidfederationdata: { federatedprovider: null, attributes: { 'cognito-identity.amazonaws.com:aud': 'x' } } } }),
    resources_json: JSON.stringify([{ arn: 'arn:aws:s3:::b/k', accountid: null, type: 'AWS::S3::Object' }]),
    source_file: 's3://trail/AWSLogs/111122223333/CloudTrail/us-east-1/2026/10/05/f.json.gz',
  });
  assert.equal(record.readOnly, true);
  assert.equal(record.managementEvent, false);
  assert.equal(record.errorCode, undefined);
  assert.deepEqual(record.requestParameters, { bucketName: 'b', key: 'k' });
  assert.equal(record.userIdentity?.sessionContext?.sessionIssuer?.arn, 'arn:aws:iam::111122223333:role/app');
  assert.equal(record.userIdentity?.invokedBy, undefined, 'nulls are dropped');
  assert.deepEqual(record.userIdentity?.sessionContext?.webIdFederationData?.attributes, { 'cognito-identity.amazonaws.com:aud': 'x' }, 'map keys are kept as they are');
  assert.deepEqual(record.resources, [{ ARN: 'arn:aws:s3:::b/k', type: 'AWS::S3::Object' }]);
  assert.equal(principalOf(record).arn, 'arn:aws:iam::111122223333:role/app');
  assert.ok(resolveRecord(record).targets.some((t) => t.arn === 'arn:aws:s3:::b/k' && t.via === 'resources'));
});

test('broken cells become absent fields', () => {
  const record = rowToRecord({ eventid: 'e2', requestparameters: '{not json', useridentity_json: '[1,2]', resources_json: '"x"', readonly: 'maybe' });
  assert.deepEqual(record, { eventID: 'e2' });
});
