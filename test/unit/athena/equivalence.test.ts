// The Athena path gives the local path's findings: the scan's SQL runs in DuckDB over the same
// trail files (the Athena table's local twin), its rows go through the same check, and the
// findings must be equal by event id, caller, resource, products, severity and tier.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { gzipSync } from 'node:zlib';
import type { CloudTrailRecord, Inventory, ProductMapping } from '../../../src/core/model';
import { loadInventory } from '../../../src/core/inventory/loadInventory';
import { principalOf } from '../../../src/core/attribute/principal';
import { resolveRecord } from '../../../src/core/resolve/resolver';
import { comparePaths, findingDifferences } from './equivalence';
import { ACCOUNT, REGION, bucketArn, call, getObject, putBucketTagging, roleArn } from '../history/records';

const ROOT = resolve(__dirname, '../../..');
const DEMO = join(ROOT, 'demo');
const CORPUS = resolve(ROOT, '../shared/corpus');

async function demoInputs(): Promise<{ inventory: Inventory; mapping: ProductMapping }> {
  return { inventory: await loadInventory([join(DEMO, 'inventory')]), mapping: JSON.parse(readFileSync(join(DEMO, 'mapping.json'), 'utf8')) as ProductMapping };
}

test('demo: the Athena-equivalent scan finds exactly the local findings, bringing back fewer records', async () => {
  const c = await comparePaths({ logs: join(DEMO, 'AWSLogs'), ...(await demoInputs()), tagKeys: ['product'] });
  assert.deepEqual(findingDifferences(c), []);
  assert.ok(c.local.findings.length > 10, `the demo has findings to compare (${c.local.findings.length})`);
  assert.equal(c.athena.findings.length, c.local.findings.length);
  assert.ok(c.scanned < c.all, `the scan left records in S3 (${c.scanned} of ${c.all})`);
  assert.equal(c.athena.stats.awsServiceEvents, 0, 'AWS-service calls stay in S3');
});

test('demo with a window, one region and one product: still the same findings', async () => {
  const filter = { since: '2026-10-06', until: '2026-10-08T12:00:00Z', regions: ['us-east-1'], product: 'checkout' };
  const c = await comparePaths({ logs: join(DEMO, 'AWSLogs'), ...(await demoInputs()), tagKeys: ['product'], filter });
  assert.deepEqual(findingDifferences(c), []);
  assert.ok(c.local.findings.length > 0, 'the filtered demo still has findings');
  assert.ok(c.scanned < c.all / 2, `partitions were pruned (${c.scanned} of ${c.all})`);
});

/** A product per ARN from its hash: every caller and target belongs somewhere, so most events are judged. */
function productOf(arn: string): string {
  return ['red', 'green', 'blue'][createHash('sha1').update(arn).digest()[0]! % 3]!;
}

test('corpus: real records of every shape, every caller and target tagged, give the same findings both ways', async (t) => {
  if (!existsSync(CORPUS)) {
    t.skip(`no corpus at ${CORPUS}: the shared corpus sits beside the repository on the team's machines`);
    return;
  }
  const dir = mkdtempSync(join(tmpdir(), 'tagtrail-athena-'));
  try {
    const inventory: Inventory = { principals: new Map(), resources: new Map(), sources: ['hashed'] };
    for (const file of readdirSync(CORPUS).filter((f) => f.endsWith('.jsonl')).sort()) {
      const records: CloudTrailRecord[] = [];
      for (const line of readFileSync(join(CORPUS, file), 'utf8').split('\n')) {
        if (!line.trim()) continue;
        const r = JSON.parse(line) as CloudTrailRecord;
        if (r === null || typeof r !== 'object' || Array.isArray(r)) continue;
        records.push(r);
        const p = principalOf(r);
        if (p.type !== 'aws-service') inventory.principals.set(p.arn, [{ key: 'product', value: productOf(p.arn) }]);
        for (const target of resolveRecord(r).targets) inventory.resources.set(target.arn, [{ key: 'product', value: productOf(target.arn) }]);
      }
      const folder = join(dir, 'AWSLogs', '123456789012', 'CloudTrail', 'us-east-1', '2020', '01', '01');
      mkdirSync(folder, { recursive: true });
      writeFileSync(join(folder, `${file.replace(/\.jsonl$/, '')}.json.gz`), gzipSync(JSON.stringify({ Records: records })));
    }
    const c = await comparePaths({ logs: join(dir, 'AWSLogs'), inventory, tagKeys: ['product'] });
    assert.deepEqual(findingDifferences(c).slice(0, 30), []);
    assert.ok(c.local.findings.length > 100, `enough findings to compare (${c.local.findings.length})`);
    t.diagnostic(`corpus: ${c.local.findings.length} findings both ways; scan brought back ${c.scanned} of ${c.all} records`);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('tag history: the scan brings back what today\'s tags would judge in SQL but the history judges otherwise', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'tagtrail-athena-history-'));
  try {
    const records = [
      // A bucket of beta today was alpha's until a retag: beta's own reads before it are findings.
      putBucketTagging('ops', 'handoff', '2026-03-01T08:00:00Z', { product: 'alpha' }),
      getObject('beta-app', 'handoff', '2026-03-01T09:00:00Z'),
      putBucketTagging('ops', 'handoff', '2026-03-01T10:00:00Z', { product: 'beta' }),
      getObject('beta-app', 'handoff', '2026-03-01T11:00:00Z'),
      // A role with no product today was alpha's for an hour.
      call('ops', 'iam.amazonaws.com', 'TagRole', '2026-03-01T12:00:00Z', { roleName: 'mover', tags: [{ key: 'product', value: 'alpha' }] }),
      getObject('mover', 'handoff', '2026-03-01T12:30:00Z'),
      call('ops', 'iam.amazonaws.com', 'UntagRole', '2026-03-01T13:00:00Z', { roleName: 'mover', tagKeys: ['product'] }),
    ];
    const day = join(dir, 'AWSLogs', ACCOUNT, 'CloudTrail', REGION, '2026', '03', '01');
    mkdirSync(day, { recursive: true });
    writeFileSync(join(day, `${ACCOUNT}_CloudTrail_${REGION}_20260301T1300Z_history.json.gz`), gzipSync(JSON.stringify({ Records: records })));
    const inventory: Inventory = {
      principals: new Map([[roleArn('beta-app'), [{ key: 'product', value: 'beta' }]], [roleArn('ops'), [{ key: 'product', value: 'platform' }]], [roleArn('mover'), []]]),
      resources: new Map([[bucketArn('handoff'), [{ key: 'product', value: 'beta' }]]]),
      sources: ['test'],
    };
    const mapping: ProductMapping = { sharedProducts: ['platform'] };
    const c = await comparePaths({ logs: dir, inventory, mapping, tagKeys: ['product'], history: true });
    assert.deepEqual(findingDifferences(c), []);
    const reads = c.athena.findings.filter((f) => f.eventName === 'GetObject').map((f) => [f.eventTime, f.principal.product, f.resource.product, f.productSource]);
    assert.deepEqual(reads, [['2026-03-01T09:00:00Z', 'beta', 'alpha', 'history'], ['2026-03-01T12:30:00Z', 'alpha', 'beta', 'history']]);
    assert.match(c.sql, /NOT IN \(SELECT json_extract_string\(requestparameters, '\$\.bucketName'\)/, 'the same-product shortcut leaves out buckets with history');
    // Without the history, SQL judges beta's reads of its bucket and drops the untagged caller's.
    const today = await comparePaths({ logs: dir, inventory, mapping, tagKeys: ['product'] });
    assert.equal(today.athena.findings.filter((f) => f.eventName === 'GetObject').length, 0);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
