import { test } from 'node:test';
import assert from 'node:assert/strict';
import { FindingGrouper, groupFindings } from '../../../src/core/report/group';
import type { Finding, Severity } from '../../../src/core/model';
import { finding } from './builders';

// Findings out of time order, across callers, buckets (S3 objects), actions, sessions and severities.
function mixed(n: number): Finding[] {
  const sev: Severity[] = ['read', 'write', 'denied'];
  return Array.from({ length: n }, (_, i) => finding({
    eventID: `e-${i}`,
    eventTime: `2024-05-0${1 + (i * 7) % 9}T10:${String((i * 13) % 60).padStart(2, '0')}:00Z`,
    eventName: i % 3 === 0 ? 'PutObject' : 'GetObject',
    severity: sev[i % 3] as Severity,
    principal: { arn: `arn:aws:iam::111122223333:role/app-${i % 4}`, type: 'iam-role', product: 'alpha', ...(i % 5 === 0 ? { displayName: `s-${i % 2}` } : {}) },
    resource: { arn: `arn:aws:s3:::bucket-${i % 3}/k${i}`, product: 'beta', via: i % 2 ? 'resources' : 'template' },
  }));
}

test('findings fed in chunks, read between chunks, group exactly as groupFindings of them all', () => {
  const all = mixed(400);
  const grouper = new FindingGrouper();
  for (let i = 0; i < all.length; i += 37) {
    grouper.add(all.slice(i, i + 37));
    assert.deepEqual(grouper.groups(), groupFindings(all.slice(0, i + 37)), `after ${i + 37}`);
  }
  assert.equal(grouper.count, 400);
  assert.deepEqual(JSON.parse(JSON.stringify(grouper.groups())), JSON.parse(JSON.stringify(groupFindings(all))));
});

test('a group\'s events and finding indices are in time order whatever the input order', () => {
  const all = mixed(60);
  for (const g of groupFindings(all)) {
    const times = g.events.map((e) => e.eventTime);
    assert.deepEqual(times, [...times].sort());
    assert.deepEqual(g.findings.map((i) => all[i]!.eventID), g.events.map((e) => e.eventID));
  }
});
