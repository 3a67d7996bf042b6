// Resource URLs to ARNs: the shapes AWS writes, and untrusted text that must give nothing.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { arnOfResourceUrl, urlsInText } from '../../../src/core/arn/resourceUrl';

const ENV = { partition: 'aws', region: 'us-east-1', account: '111122223333' };

test('SQS queue URLs (current and legacy hosts) give the queue ARN in the URL\'s own region and account', () => {
  assert.equal(arnOfResourceUrl('https://sqs.eu-west-1.amazonaws.com/444455556666/jobs.fifo', ENV), 'arn:aws:sqs:eu-west-1:444455556666:jobs.fifo');
  assert.equal(arnOfResourceUrl('https://us-west-2.queue.amazonaws.com/444455556666/jobs', ENV), 'arn:aws:sqs:us-west-2:444455556666:jobs');
  assert.equal(arnOfResourceUrl('https://sqs.cn-north-1.amazonaws.com.cn/444455556666/q', ENV), 'arn:aws-cn:sqs:cn-north-1:444455556666:q');
  assert.equal(arnOfResourceUrl('https://sqs.us-east-1.amazonaws.com/notanaccount/jobs', ENV), undefined);
  assert.equal(arnOfResourceUrl('https://sqs.us-east-1.amazonaws.com/444455556666/a/b', ENV), undefined);
});

test('S3 URLs: virtual-hosted, path style, bucket only; keys percent-decoded; bad buckets refused', () => {
  assert.equal(arnOfResourceUrl('https://my.bucket.s3.us-east-1.amazonaws.com/a/b%20c', ENV), 'arn:aws:s3:::my.bucket/a/b c');
  assert.equal(arnOfResourceUrl('https://s3.amazonaws.com/bkt/k?versionId=1', ENV), 'arn:aws:s3:::bkt/k');
  assert.equal(arnOfResourceUrl('https://bkt.s3.amazonaws.com/', ENV), 'arn:aws:s3:::bkt');
  assert.equal(arnOfResourceUrl('https://s3.amazonaws.com/BAD_BUCKET/k', ENV), undefined);
  assert.equal(arnOfResourceUrl('https://bkt.s3.amazonaws.com/%E0%A4%A', ENV), undefined);
});

test('execute-api URLs need the method; other hosts and non-URLs give nothing', () => {
  assert.equal(arnOfResourceUrl('https://a1b2c3d4e5.execute-api.us-east-1.amazonaws.com/prod/x', ENV, 'POST'), 'arn:aws:execute-api:us-east-1:111122223333:a1b2c3d4e5/prod/POST/x');
  assert.equal(arnOfResourceUrl('https://a1b2c3d4e5.execute-api.us-east-1.amazonaws.com/prod/x', ENV), undefined);
  assert.equal(arnOfResourceUrl('https://example.com/111122223333/jobs', ENV), undefined);
  assert.equal(arnOfResourceUrl('ftp://sqs.us-east-1.amazonaws.com/111122223333/jobs', ENV), undefined);
  assert.equal(arnOfResourceUrl(`https://sqs.us-east-1.amazonaws.com/111122223333/${'q'.repeat(5000)}`, ENV), undefined);
});

test('URLs in a message: trailing punctuation cut, the method before it kept, bounded', () => {
  assert.deepEqual(urlsInText('denied on "https://s3.amazonaws.com/b/k". Also GET https://x.y/z, and http'), [
    { url: 'https://s3.amazonaws.com/b/k' },
    { url: 'https://x.y/z', method: 'GET' },
  ]);
  assert.equal(urlsInText('https://a.b/c '.repeat(50)).length, 8);
});
