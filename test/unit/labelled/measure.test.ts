import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import type { CloudTrailRecord, Resolution } from '../../../src/core/model';
import type { ExpectedStatus, LabelledRecord } from '../../labelled/labels';
import { loadResolveRecord } from '../../labelled/loadResolver';
import { measure, ratio, resolveFromResourcesOnly, sameArn } from '../../labelled/measure';

function item(line: number, status: ExpectedStatus, targets: string[], record: CloudTrailRecord = {}): LabelledRecord {
  return {
    label: { file: 'f.jsonl', line, eventSource: 'ec2.amazonaws.com', eventName: `E${line % 2}`, expected: { status, targets }, origin: `labels-t.jsonl:${line}` },
    record: { eventID: String(line), ...record },
  };
}

const resolution = (status: Resolution['status'], arns: string[], reason?: string): Resolution => ({
  status, targets: arns.map((arn) => ({ arn, via: 'template' as const })), related: [], actions: [], ...(reason ? { reason } : {}),
});

test('sameArn is exact except that an account-less expected ARN accepts a filled account', () => {
  assert.ok(sameArn('arn:aws:s3:::b', 'arn:aws:s3:::b'));
  assert.ok(!sameArn('arn:aws:s3:::b', 'arn:aws:s3:::b/k'));
  assert.ok(sameArn('arn:aws:ec2:us-east-1::image/ami-1', 'arn:aws:ec2:us-east-1:111122223333:image/ami-1'));
  assert.ok(!sameArn('arn:aws:ec2:us-east-1::image/ami-1', 'arn:aws:ec2:us-west-2:111122223333:image/ami-1'));
  assert.ok(!sameArn('arn:aws:ec2:us-east-1:111122223333:instance/i-1', 'arn:aws:ec2:us-east-1::instance/i-1'));
  assert.ok(!sameArn('arn:aws:lambda:r:111122223333:function:f', 'arn:aws:lambda:r:111122223333:function:f:1'));
});

test('the baseline reports resources[] ARNs only, once each, and says why when there are none', () => {
  const arn = 'arn:aws:s3:::b';
  const r = resolveFromResourcesOnly({ resources: [{ ARN: arn }, { ARN: arn }, { ARN: 'not-an-arn' }, null, 'x'] });
  assert.deepEqual(r.targets, [{ arn, via: 'resources' }]);
  const none = resolveFromResourcesOnly({ resources: 'garbage', requestParameters: { bucketName: 'b' } });
  assert.equal(none.status, 'unresolved');
  assert.ok(none.reason);
});

test('measure counts recall by record, precision, no-target agreement and reasons', () => {
  const A = 'arn:aws:ec2:r:111122223333:instance/i-a';
  const B = 'arn:aws:ec2:r:111122223333:instance/i-b';
  const answers = new Map<string, Resolution>([
    ['1', resolution('resolved', [A, B])], // both found
    ['2', resolution('partial', [A], 'second id not in record')], // B missing
    ['3', resolution('resolved', [A, A, B])], // A reported twice counts once
    ['4', resolution('no-target', [], 'list call')], // agreed
    ['5', resolution('resolved', [A])], // no-target expected: A is a false positive
    ['6', resolution('unresolved', [])], // unknowable agreed, but no reason
  ]);
  const items = [
    item(1, 'targets', [A, B]), item(2, 'targets', [A, B]), item(3, 'targets', [A, B]),
    item(4, 'no-target', []), item(5, 'no-target', []), item(6, 'unknowable', []),
  ];
  const f = measure(items, (rec) => answers.get(rec.eventID ?? '') ?? resolution('unresolved', []));
  assert.equal(f.records, 6);
  assert.equal(f.pairs, 2);
  assert.deepEqual([f.allFound, f.targetRecords], [2, 3]);
  assert.deepEqual([f.reportedExpected, f.reported], [5, 6]);
  assert.deepEqual([f.noTargetAgreed, f.noTargetRecords], [1, 2]);
  assert.deepEqual([f.unknowableAgreed, f.unknowableRecords], [1, 1]);
  assert.deepEqual([f.unresolvedWithReason, f.unresolved], [1, 2]);
  assert.deepEqual(f.misses.map((m) => m.where), ['f.jsonl:2', 'f.jsonl:5']);
  assert.deepEqual(f.misses[0]?.missing, [B]);
  assert.deepEqual(f.misses[1]?.extra, [A]);
});

test('a resolver that throws is counted and listed, not allowed to stop the run', () => {
  const f = measure([item(1, 'targets', ['arn:aws:s3:::b'])], () => { throw new Error('boom'); });
  assert.equal(f.threw, 1);
  assert.equal(f.allFound, 0);
  assert.match(f.misses[0]?.gotStatus ?? '', /threw: boom/);
});

test('ratio treats an empty category as met', () => {
  assert.equal(ratio(0, 0), 1);
  assert.equal(ratio(1, 4), 0.25);
});

test('loadResolveRecord finds resolveRecord in a TypeScript module and explains when it cannot', async () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'tagtrail-resolver-'));
  const good = path.join(dir, 'good.ts');
  writeFileSync(good, "export function resolveRecord(r: { eventName?: string }) { return { status: 'no-target', targets: [], related: [], actions: [r.eventName ?? ''] }; }\n");
  const bad = path.join(dir, 'bad.ts');
  writeFileSync(bad, 'export const somethingElse = 1;\n');
  const fn = await loadResolveRecord(good);
  assert.equal(typeof fn, 'function');
  if (typeof fn === 'function') assert.deepEqual(fn({ eventName: 'ListBuckets' }).actions, ['ListBuckets']);
  assert.match(String(await loadResolveRecord(bad)), /exports no resolveRecord/);
  assert.match(String(await loadResolveRecord(path.join(dir, 'absent.ts'))), /does not exist yet/);
});
