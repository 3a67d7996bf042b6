import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { InventoryFormatError, inventoryFromJson, loadInventory, toSnapshot } from '../../../src/core/inventory/loadInventory';

const ROLE = 'arn:aws:iam::111122223333:role/service/checkout-api';
const USER = 'arn:aws:iam::111122223333:user/alice';
const BUCKET = 'arn:aws:s3:::checkout-data';
const QUEUE = 'arn:aws:sqs:eu-west-1:111122223333:billing-jobs';

function taggingPage(entries: [string, Record<string, string>][], token = ''): unknown {
  return {
    PaginationToken: token,
    ResourceTagMappingList: entries.map(([ResourceARN, tags]) => ({ ResourceARN, Tags: Object.entries(tags).map(([Key, Value]) => ({ Key, Value })) })),
  };
}

function tempFile(name: string, content: string | Buffer): string {
  const dir = mkdtempSync(join(tmpdir(), 'tagtrail-inv-'));
  const p = join(dir, name);
  writeFileSync(p, content);
  return p;
}

test('get-resources output: IAM roles are principals, the rest resources, tag keys kept case-sensitive', () => {
  const items = inventoryFromJson(taggingPage([[BUCKET, { product: 'checkout', Product: 'other' }], [ROLE, { product: 'checkout' }]]), 'x.json');
  assert.deepEqual(items, [
    { arn: BUCKET, kind: 'resource', tags: [{ key: 'product', value: 'checkout' }, { key: 'Product', value: 'other' }] },
    { arn: ROLE, kind: 'principal', tags: [{ key: 'product', value: 'checkout' }] },
  ]);
});

test('get-account-authorization-details output gives users and roles with their tags; untagged ones too', () => {
  const json = {
    UserDetailList: [{ UserName: 'alice', Arn: USER, Tags: [{ Key: 'product', Value: 'billing' }] }],
    RoleDetailList: [{ RoleName: 'checkout-api', Arn: ROLE }, { RoleName: 'broken' }],
    GroupDetailList: [],
    Policies: [],
  };
  assert.deepEqual(inventoryFromJson(json, 'auth.json'), [
    { arn: USER, kind: 'principal', tags: [{ key: 'product', value: 'billing' }] },
    { arn: ROLE, kind: 'principal', tags: [] },
  ]);
});

test('unknown formats and wrong shapes are errors that name the source', () => {
  assert.throws(() => inventoryFromJson({ Records: [] }, 'events.json'), (e: unknown) => e instanceof InventoryFormatError && /^events\.json: not an inventory/.test(e.message));
  assert.throws(() => inventoryFromJson({ ResourceTagMappingList: 'x' }, 'f.json'), /f\.json: "ResourceTagMappingList" is not a list/);
  assert.throws(() => inventoryFromJson({ format: 'tagtrail-inventory', version: 2, principals: [], resources: [] }, 's.json'), /s\.json: TagTrail snapshot version 2/);
});

test('loadInventory merges files (gzip, concatenated pages, folders); the snapshot round-trips', async () => {
  const pages = `${JSON.stringify(taggingPage([[BUCKET, { product: 'checkout' }]], 'more'))}\n${JSON.stringify(taggingPage([[QUEUE, { product: 'billing' }]]), null, 2)}`;
  const dir = mkdtempSync(join(tmpdir(), 'tagtrail-inv-'));
  mkdirSync(join(dir, 'iam'));
  writeFileSync(join(dir, 'resources.json.gz'), gzipSync(pages));
  writeFileSync(join(dir, 'iam', 'auth.json'), JSON.stringify({ UserDetailList: [{ Arn: USER, Tags: [{ Key: 'product', Value: 'billing' }] }], RoleDetailList: [] }));
  writeFileSync(join(dir, 'notes.txt'), 'ignored: not .json');
  // A later file overrides a key and adds another for the same ARN.
  const later = tempFile('later.json', JSON.stringify(taggingPage([[BUCKET, { product: 'shared', team: 'x' }]])));
  const inv = await loadInventory([dir, later]);
  assert.deepEqual(inv.sources, [join(dir, 'iam', 'auth.json'), join(dir, 'resources.json.gz'), later]);
  assert.deepEqual(inv.resources.get(BUCKET), [{ key: 'product', value: 'shared' }, { key: 'team', value: 'x' }]);
  assert.deepEqual(inv.resources.get(QUEUE), [{ key: 'product', value: 'billing' }]);
  assert.deepEqual(inv.principals.get(USER), [{ key: 'product', value: 'billing' }]);

  const snap = toSnapshot(inv, '2024-05-01T00:00:00Z');
  assert.equal(snap.format, 'tagtrail-inventory');
  assert.deepEqual(snap.accounts, ['111122223333']);
  assert.deepEqual(snap.regions, ['eu-west-1']);
  assert.deepEqual(snap.resources.map((r) => r.arn), [BUCKET, QUEUE]);
  const again = await loadInventory([tempFile('snap.json', JSON.stringify(snap))]);
  assert.deepEqual([...again.resources], [...inv.resources].sort(([a], [b]) => (a < b ? -1 : 1)));
  assert.deepEqual([...again.principals], [...inv.principals]);
});

test('a tag key such as __proto__ survives the snapshot as an ordinary key', () => {
  const items = inventoryFromJson(JSON.parse('{"format":"tagtrail-inventory","version":1,"principals":[],"resources":[{"arn":"a","tags":{"__proto__":"x","product":"p"}}]}'), 's');
  assert.deepEqual(items[0]?.tags, [{ key: '__proto__', value: 'x' }, { key: 'product', value: 'p' }]);
  const snap = toSnapshot({ principals: new Map(), resources: new Map([['a', items[0]?.tags ?? []]]), sources: [] });
  assert.deepEqual(Object.keys(snap.resources[0]?.tags ?? {}), ['__proto__', 'product']);
});

test('unreadable, missing and non-JSON inventory files are errors naming the file', async () => {
  const bad = tempFile('inv.json', '{"ResourceTagMappingList": [');
  await assert.rejects(loadInventory([bad]), (e: unknown) => e instanceof InventoryFormatError && e.message.startsWith(`${bad}: not valid JSON`));
  await assert.rejects(loadInventory(['/nonexistent/inv.json']), /\/nonexistent\/inv\.json: cannot read inventory/);
  const corrupt = tempFile('inv.json.gz', Buffer.from([0x1f, 0x8b, 8, 0, 1, 2, 3, 4, 5, 6, 7]));
  await assert.rejects(loadInventory([corrupt]), /cannot read inventory/);
});

test('one ARN with different product tags in two files: reported with files and values, the last file read wins', async () => {
  const a = tempFile('a.json', JSON.stringify(taggingPage([[BUCKET, { product: 'checkout', team: 'x' }], [QUEUE, { product: 'billing' }]])));
  const b = tempFile('b.json', JSON.stringify(taggingPage([[BUCKET, { product: 'billing', team: 'x' }], [QUEUE, { product: 'billing' }]])));
  const inv = await loadInventory([a, b]);
  assert.deepEqual(inv.resources.get(BUCKET), [{ key: 'product', value: 'billing' }, { key: 'team', value: 'x' }]);
  assert.deepEqual(inv.conflicts, [{ arn: BUCKET, key: 'product', values: [{ source: a, value: 'checkout' }, { source: b, value: 'billing' }], used: 'billing' }]);
  assert.equal(inv.warnings?.length, 1);
  assert.match(inv.warnings![0]!, new RegExp(`^${BUCKET}: tag "product" differs between inventory files \\("checkout" in .*a\\.json, "billing" in .*b\\.json\\); the check uses "billing" \\(the last file read wins\\)$`));
  // The order named decides, and only that: the other order uses the other value.
  const reversed = await loadInventory([b, a]);
  assert.equal(reversed.conflicts?.[0]?.used, 'checkout');
  assert.deepEqual((await loadInventory([a, a])).conflicts, [], 'the same value twice is no conflict');
});

test('exports that stopped at a page are warnings: PaginationToken, IsTruncated; complete ones are not', async () => {
  const cut = tempFile('cut.json', JSON.stringify(taggingPage([[BUCKET, { product: 'checkout' }]], 'more')));
  const iam = tempFile('iam.json', JSON.stringify({ RoleDetailList: [{ Arn: ROLE, Tags: [] }], UserDetailList: [], IsTruncated: true, Marker: 'm' }));
  const whole = tempFile('pages.json', `${JSON.stringify(taggingPage([[QUEUE, {}]], 'next'))}\n${JSON.stringify(taggingPage([[BUCKET, {}]], ''))}`);
  const done = tempFile('done.json', JSON.stringify({ RoleDetailList: [], IsTruncated: false }));
  const inv = await loadInventory([cut, iam, whole, done]);
  assert.equal(inv.warnings?.length, 2, inv.warnings?.join('\n'));
  assert.match(inv.warnings![0]!, /cut\.json: get-resources output has a PaginationToken: more resources exist than the file holds/);
  assert.match(inv.warnings![1]!, /iam\.json: get-account-authorization-details output has IsTruncated: true/);
});
