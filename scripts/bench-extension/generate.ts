// Writes the benchmark account: a TagTrail inventory snapshot of 10,000 resources and 500
// principals in 20 products, 50,000 S3 data events on one bucket (so that one events panel holds
// 50,000 rows), and 52,500 more spread over 2,000 buckets, each called by roles of another product,
// so that the check has 100,000 findings in about 10,000 groups for the Findings tree.
// Deterministic; written to bench-data/, which is not committed.
import { createWriteStream, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const A = '111122223333';
const TYPES = ['instance', 'volume', 'security-group', 'subnet', 'network-interface'];

/** Writes the files into `dir` and resolves when the events file is flushed. */
export async function generate(dir: string, resources = 10_000, principals = 500, events = 50_000, spread = 52_500): Promise<{ inventory: string; events: string; spread: string; hotBucket: string }> {
  mkdirSync(dir, { recursive: true });
  const hotBucket = 'arn:aws:s3:::hot-bucket';
  const p = Array.from({ length: principals }, (_, i) => ({ arn: `arn:aws:iam::${A}:role/role-${i}`, tags: { product: `p${i % 20}` } }));
  const tags = (untagged: boolean, i: number): Record<string, string> => (untagged ? {} : { product: `p${i % 20}` });
  const r = Array.from({ length: resources - 1 }, (_, i) => i % 4 === 0
    ? { arn: `arn:aws:s3:::bucket-${i}`, tags: tags(i % 50 === 0, i) }
    : { arn: `arn:aws:ec2:eu-west-1:${A}:${TYPES[i % 5]}/x-${i.toString(16)}`, tags: tags(i % 50 === 1, i) });
  r.push({ arn: hotBucket, tags: { product: 'p3' } });
  const inventory = join(dir, 'inventory.json');
  writeFileSync(inventory, JSON.stringify({ format: 'tagtrail-inventory', version: 1, principals: p, resources: r }));
  const eventsFile = join(dir, 'events.jsonl');
  const out = createWriteStream(eventsFile);
  for (let i = 0; i < events; i++) {
    const role = `role-${i % principals}`;
    out.write(`${JSON.stringify(record(i, role, 'hot-bucket', `k/${i}`, i % 23 === 0))}\n`);
  }
  await new Promise<void>((res) => out.end(() => res()));
  // Tagged buckets only (i % 4 === 0, i % 50 !== 0), each called by five roles of the next product.
  const buckets = Array.from({ length: resources }, (_, i) => i).filter((i) => i % 4 === 0 && i % 50 !== 0 && i < resources - 1).slice(0, 2_000);
  const spreadFile = join(dir, 'events-spread.jsonl');
  const out2 = createWriteStream(spreadFile);
  for (let j = 0; j < spread; j++) {
    const b = buckets[j % buckets.length] as number;
    const role = `role-${(b + 1 + 20 * (Math.floor(j / buckets.length) % 5)) % principals}`;
    out2.write(`${JSON.stringify(record(events + j, role, `bucket-${b}`, `s/${j}`, j % 31 === 0))}\n`);
  }
  await new Promise<void>((res) => out2.end(() => res()));
  return { inventory, events: eventsFile, spread: spreadFile, hotBucket };
}

function record(i: number, role: string, bucket: string, key: string, denied: boolean): Record<string, unknown> {
  return {
    eventVersion: '1.09', eventID: `00000000-0000-4000-8000-${String(i).padStart(12, '0')}`,
    eventTime: new Date(Date.UTC(2026, 9, 5) + i * 10_000).toISOString().replace(/\.\d+Z$/, 'Z'),
    eventSource: 's3.amazonaws.com', eventName: i % 5 === 0 ? 'PutObject' : 'GetObject', awsRegion: 'eu-west-1',
    eventCategory: 'Data', managementEvent: false, readOnly: i % 5 !== 0, recipientAccountId: A,
    userIdentity: { type: 'AssumedRole', arn: `arn:aws:sts::${A}:assumed-role/${role}/s`, accountId: A,
      sessionContext: { sessionIssuer: { type: 'Role', arn: `arn:aws:iam::${A}:role/${role}`, accountId: A, userName: role } } },
    requestParameters: { bucketName: bucket, key },
    resources: [{ type: 'AWS::S3::Object', ARN: `arn:aws:s3:::${bucket}/${key}` }, { type: 'AWS::S3::Bucket', ARN: `arn:aws:s3:::${bucket}`, accountId: A }],
    ...(denied ? { errorCode: 'AccessDenied', errorMessage: 'Access Denied' } : {}),
  };
}
