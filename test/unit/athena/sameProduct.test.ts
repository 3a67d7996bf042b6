// S3 object calls judged in SQL: a same-product call stays in S3, and every guard that keeps the
// resolver's other ways of naming a target brings the record back (run in DuckDB over a temp trail).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import type { CloudTrailRecord, Inventory } from '../../../src/core/model';
import { comparePaths } from './equivalence';

const ACCT = '111122223333';
const ROLE_A = `arn:aws:iam::${ACCT}:role/app-a`;
const ROLE_B = `arn:aws:iam::${ACCT}:role/app-b`;

function call(id: string, role: string, bucket: string, extra: Partial<CloudTrailRecord> = {}): CloudTrailRecord {
  return {
    eventVersion: '1.09', eventID: id, eventTime: '2026-10-05T10:00:00Z', eventSource: 's3.amazonaws.com', eventName: 'GetObject',
    awsRegion: 'us-east-1', recipientAccountId: ACCT, readOnly: true, managementEvent: false, eventCategory: 'Data',
    userIdentity: { type: 'AssumedRole', arn: `arn:aws:sts::${ACCT}:assumed-role/${role.split('/').pop()}/s`, accountId: ACCT, sessionContext: { sessionIssuer: { type: 'Role', arn: role, accountId: ACCT } } },
    requestParameters: { bucketName: bucket, key: 'k.txt' },
    resources: [{ type: 'AWS::S3::Object', ARN: `arn:aws:s3:::${bucket}/k.txt` }, { type: 'AWS::S3::Bucket', ARN: `arn:aws:s3:::${bucket}` }],
    ...extra,
  };
}

test('same-product S3 object calls stay in S3; errors, ARNs, copy sources, foreign resources and other products come back', async () => {
  const records = [
    call('same', ROLE_A, 'bucket-a'),
    call('cross', ROLE_A, 'bucket-b'),
    call('same-denied', ROLE_A, 'bucket-a', { errorCode: 'AccessDenied', errorMessage: `User: x is not authorized to perform: s3:GetObject on resource: "arn:aws:s3:::bucket-b/k.txt"` }),
    call('same-arn-in-request', ROLE_A, 'bucket-a', { requestParameters: { bucketName: 'bucket-a', key: 'k', 'x-amz-server-side-encryption-aws-kms-key-id': `arn:aws:kms:us-east-1:${ACCT}:key/1` } }),
    call('same-copy', ROLE_A, 'bucket-a', { eventName: 'CopyObject', requestParameters: { bucketName: 'bucket-a', key: 'k', 'x-amz-copy-source': 'bucket-b/secret' } }),
    call('same-foreign-resource', ROLE_A, 'bucket-a', { resources: [{ ARN: 'arn:aws:s3:::bucket-b/k.txt' }, { ARN: 'arn:aws:s3:::bucket-a' }] }),
    call('same-underscore-lookalike', ROLE_A, 'bucket-a', { resources: [{ ARN: 'arn:aws:s3:::bucket-ab/k.txt' }] }),
    call('same-b', ROLE_B, 'bucket-b'),
  ];
  const dir = mkdtempSync(join(tmpdir(), 'tagtrail-same-'));
  try {
    const folder = join(dir, 'AWSLogs', ACCT, 'CloudTrail', 'us-east-1', '2026', '10', '05');
    mkdirSync(folder, { recursive: true });
    writeFileSync(join(folder, 'f.json.gz'), gzipSync(JSON.stringify({ Records: records })));
    const tag = (product: string) => [{ key: 'product', value: product }];
    const inventory: Inventory = {
      principals: new Map([[ROLE_A, tag('a')], [ROLE_B, tag('b')]]),
      resources: new Map([['arn:aws:s3:::bucket-a', tag('a')], ['arn:aws:s3:::bucket-b', tag('b')], ['arn:aws:s3:::bucket-ab', tag('b')]]),
      sources: ['test'],
    };
    const c = await comparePaths({ logs: join(dir, 'AWSLogs'), inventory, tagKeys: ['product'] });
    assert.ok(c.spec.sameProduct, 'the scan judges S3 object calls in SQL');
    assert.equal(c.scanned, records.length - 2, 'exactly the two same-product calls stayed in S3');
    assert.deepEqual(c.athena.findings.map((f) => f.eventID).sort(), c.local.findings.map((f) => f.eventID).sort());
    assert.ok(c.local.findings.some((f) => f.eventID === 'cross'), 'the cross-product call is a finding');
    assert.ok(!c.local.findings.some((f) => f.eventID === 'same' || f.eventID === 'same-b'), 'the calls left in S3 were no findings locally either');
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
