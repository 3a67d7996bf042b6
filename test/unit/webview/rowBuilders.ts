// Builders for event rows, so that tests state only what they are about.
import type { EventRow } from '../../../src/shared/eventRow';

let n = 0;
export function row(over: Partial<EventRow> = {}): EventRow {
  n += 1;
  return {
    id: `ev-${String(n).padStart(6, '0')}`,
    time: `2026-01-01T00:00:${String(n % 60).padStart(2, '0')}Z`,
    eventName: 'GetObject',
    eventSource: 's3.amazonaws.com',
    region: 'eu-west-1',
    principal: 'arn:aws:iam::111122223333:role/app',
    principalProduct: 'alpha',
    targets: [{ arn: 'arn:aws:s3:::bucket-a', via: 'resources', product: 'alpha' }],
    write: false,
    status: 'resolved',
    violation: false,
    ...over,
  };
}

/** `count` varied rows, deterministic, for benchmarks and bulk tests. */
export function manyRows(count: number): EventRow[] {
  const names = ['GetObject', 'PutObject', 'StartInstances', 'AssumeRole', 'Decrypt', 'DeleteBucket'];
  const out: EventRow[] = [];
  for (let i = 0; i < count; i++) {
    const unresolved = i % 17 === 0;
    out.push({
      id: `e${i}`,
      time: new Date(Date.UTC(2026, 0, 1) + (i * 7919) % 86_400_000).toISOString(),
      eventName: names[i % names.length] ?? 'GetObject',
      eventSource: 's3.amazonaws.com',
      region: i % 3 === 0 ? 'us-east-1' : 'eu-west-1',
      principal: `arn:aws:iam::111122223333:role/role-${i % 500}`,
      principalProduct: `product-${i % 7}`,
      targets: unresolved ? [] : [{ arn: `arn:aws:s3:::bucket-${i % 1000}`, via: i % 2 ? 'template' : 'resources', product: `product-${i % 5}` }],
      write: i % 4 === 0,
      errorCode: i % 23 === 0 ? 'AccessDenied' : undefined,
      status: unresolved ? 'unresolved' : 'resolved',
      unresolvedReason: unresolved ? 'no ARN template for this action' : undefined,
      violation: !unresolved && i % 7 !== i % 5,
    });
  }
  return out;
}
