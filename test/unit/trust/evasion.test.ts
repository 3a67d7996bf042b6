// A caller controls the names of what they create. A name must never make an access invisible:
// whatever characters an S3 key holds, reading another product's object is a finding.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { resolveRecord } from '../../../src/core/resolve/resolver';
import type { CloudTrailRecord } from '../../../src/core/model';
import { PAYLOADS } from '../../fixtures/hostile/hostileRecords';

function getObject(key: string): CloudTrailRecord {
  return {
    eventSource: 's3.amazonaws.com', eventName: 'GetObject', awsRegion: 'eu-west-1', recipientAccountId: '111122223333',
    requestParameters: { bucketName: 'beta-data', key },
    resources: [{ type: 'AWS::S3::Object', ARN: `arn:aws:s3:::beta-data/${key}` }, { type: 'AWS::S3::Bucket', ARN: 'arn:aws:s3:::beta-data' }],
  };
}

test('an S3 key holding line breaks, control or bidi characters still names the object it read', () => {
  // S3 allows any UTF-8 in keys; before the fix a key with \n or \r resolved to no-target (silently no finding).
  for (const key of ['a\nb', 'a\rb', 'a\u2028b', ...PAYLOADS.map((p) => `k/${p.text}`)]) {
    const r = resolveRecord(getObject(key));
    assert.equal(r.status, 'resolved', `key ${JSON.stringify(key)}: ${r.reason ?? ''}`);
    assert.deepEqual(r.targets.map((t) => t.arn), [`arn:aws:s3:::beta-data/${key}`], JSON.stringify(key));
  }
});
