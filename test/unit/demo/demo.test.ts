// The committed demo account is whole and self-consistent: trail files in AWS's delivery layout,
// records in AWS's format, every caller and resource known to the inventory (or untagged on purpose),
// expectations pointing at real events, and the generator reproducing the same bytes.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { spawnSync } from 'node:child_process';
import { gunzipSync } from 'node:zlib';
import { DEMO, REPO, judgedPrincipal, listFiles, matches, readJson, readTrailFiles, rel, type Json } from './demoFiles';

const expected = readJson('expected.json');
const account = String(expected.account);
const trail = readTrailFiles();
const records = trail.flatMap((f) => f.records);
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

test('trail files follow the S3 delivery layout and their records match the path', () => {
  assert.ok(trail.length > 10, 'expected many trail files');
  const layout = new RegExp(`^AWSLogs/${account}/CloudTrail/([a-z0-9-]+)/(\\d{4})/(\\d{2})/(\\d{2})/${account}_CloudTrail_\\1_(\\d{4})(\\d{2})(\\d{2})T\\d{4}Z_[A-Za-z0-9]{16}\\.json\\.gz$`);
  for (const f of trail) {
    const m = layout.exec(f.path);
    assert.ok(m, `bad layout: ${f.path}`);
    assert.deepEqual([m[2], m[3], m[4]], [m[5], m[6], m[7]], `folder date differs from file date: ${f.path}`);
    assert.ok(f.records.length > 0, `empty file ${f.path}`);
    for (const r of f.records) assert.equal(r.awsRegion, m[1], `${f.path}: record of ${String(r.awsRegion)}`);
  }
  assert.equal(records.length, expected.records);
});

test('every record carries the fields AWS always writes, in their documented forms', () => {
  const ids = new Set<string>();
  for (const r of records) {
    const where = `${String(r.eventName)} ${String(r.eventID)}`;
    assert.match(String(r.eventVersion), /^1\.(08|09|10)$/, where);
    assert.match(String(r.eventID), UUID, where);
    assert.ok(!ids.has(String(r.eventID)), `duplicate eventID ${where}`);
    ids.add(String(r.eventID));
    assert.match(String(r.eventTime), /^2026-10-(0[5-9]|1[01])T\d{2}:\d{2}:\d{2}Z$/, where);
    for (const k of ['eventSource', 'eventName', 'awsRegion', 'sourceIPAddress', 'userAgent', 'requestID', 'eventType']) assert.equal(typeof r[k], 'string', `${where}: ${k}`);
    assert.ok('requestParameters' in r && 'responseElements' in r, `${where}: request/response keys`);
    assert.equal(typeof r.readOnly, 'boolean', where);
    assert.equal(typeof r.managementEvent, 'boolean', where);
    assert.equal(r.eventCategory, r.managementEvent ? 'Management' : 'Data', where);
    assert.equal(r.recipientAccountId, account, where);
    if (r.errorCode !== undefined) assert.equal(typeof r.errorMessage, 'string', `${where}: errorCode without errorMessage`);
    if (!r.managementEvent) assert.ok(Array.isArray(r.resources) && r.resources.length > 0, `${where}: data event without resources[]`);
    const id = r.userIdentity as Json;
    if (id.type === 'AWSService') {
      assert.equal(typeof id.invokedBy, 'string', where);
      continue;
    }
    assert.ok(['IAMUser', 'AssumedRole'].includes(String(id.type)), where);
    assert.match(String(id.principalId), /^A(IDA|ROA)[A-Z2-7]{17}/, where);
    assert.equal(typeof r.tlsDetails, 'object', `${where}: tlsDetails`);
    if (id.accountId !== account) assert.match(String(r.sharedEventID), UUID, `${where}: cross-account call without sharedEventID`);
    if (id.type === 'AssumedRole') {
      const ctx = id.sessionContext as Json;
      const issuer = ctx.sessionIssuer as Json;
      const attrs = ctx.attributes as Json;
      assert.equal(issuer.type, 'Role', where);
      assert.match(String(issuer.arn), /^arn:aws:iam::\d{12}:role\//, where);
      assert.ok(String(id.arn).endsWith(`/${String(id.principalId).split(':')[1]}`), `${where}: session name differs from principalId`);
      assert.match(String(attrs.creationDate), /Z$/, where);
      assert.ok(['true', 'false'].includes(String(attrs.mfaAuthenticated)), where);
    }
  }
});

test('every caller and every resource in the records is in the inventory, or outside it on purpose', () => {
  const iam = readJson('inventory/iam-authorization-details.json');
  const principals = new Set([...(iam.UserDetailList as Json[]), ...(iam.RoleDetailList as Json[])].map((p) => String(p.Arn)));
  const external = new Set(expected.externalPrincipals as string[]);
  const tagged = new Set((readJson('inventory/tagging-get-resources.json').ResourceTagMappingList as Json[]).map((r) => String(r.ResourceARN)));
  const untagged = new Set((expected.untaggedResources as Json[]).map((r) => String(r.arn)));
  const deleted = new Set((expected.deletedResources as Json[]).map((r) => String(r.arn)));
  const known = (arn: string): boolean => tagged.has(arn) || untagged.has(arn) || deleted.has(arn) || principals.has(arn);
  for (const r of records) {
    const where = `${String(r.eventName)} ${String(r.eventID)}`;
    const caller = judgedPrincipal(r);
    if (caller) assert.ok(principals.has(caller) || external.has(caller), `${where}: unknown caller ${caller}`);
    for (const res of (r.resources as Json[] | undefined) ?? []) {
      const arn = String(res.ARN ?? res.ARNPrefix);
      const owner = arn.startsWith('arn:aws:s3:::') ? arn.split('/')[0] ?? arn : arn;
      assert.ok(known(owner), `${where}: unknown resource ${owner}`);
    }
  }
  for (const p of iam.RoleDetailList as Json[]) {
    if (String(p.RoleName).startsWith('AWSReservedSSO_')) {
      assert.match(String(p.RoleName), /^AWSReservedSSO_\w+_[0-9a-f]{16}$/);
      assert.equal(p.Path, '/aws-reserved/sso.amazonaws.com/eu-west-1/');
    }
  }
});

test('expected findings and gaps point at real events with products the inventory and mapping give', () => {
  const byId = new Map(records.map((r) => [String(r.eventID), r]));
  const iam = readJson('inventory/iam-authorization-details.json');
  const mapping = readJson('mapping.json') as { principals: { pattern: string; product: string }[] };
  const tagOf = new Map([...(iam.UserDetailList as Json[]), ...(iam.RoleDetailList as Json[])].map((p) =>
    [String(p.Arn), ((p.Tags as Json[] | undefined) ?? []).find((t) => t.Key === expected.productTagKey)?.Value as string | undefined]));
  const productOf = (arn: string): string | undefined => tagOf.get(arn) ?? mapping.principals.find((m) => matches(m.pattern, arn))?.product;
  const findings = expected.findings as Json[];
  assert.ok(findings.length >= 30, 'the demo should hold a few dozen findings');
  for (const sev of ['write', 'read', 'denied']) assert.ok(findings.some((f) => f.severity === sev), `no ${sev} finding`);
  for (const f of findings) {
    const r = byId.get(String(f.eventID));
    assert.ok(r, `finding for missing event ${String(f.eventID)}`);
    assert.equal(judgedPrincipal(r), f.principalArn);
    assert.equal(productOf(String(f.principalArn)), f.principalProduct, `principal product of ${String(f.principalArn)}`);
    assert.notEqual(f.principalProduct, f.resourceProduct);
    assert.equal(f.severity, r.errorCode ? 'denied' : r.readOnly ? 'read' : 'write');
  }
  const kinds = new Set((expected.gaps as Json[]).map((g) => g.kind));
  for (const kind of ['unresolved-target', 'unowned-principal', 'unowned-resource']) assert.ok(kinds.has(kind), `no ${kind} gap`);
  for (const g of expected.gaps as Json[]) assert.ok(byId.has(String(g.eventID)), `gap for missing event ${String(g.eventID)}`);
});

test('lookup-events files hold the expected management events, each the same record as in the trail', () => {
  const byId = new Map(records.map((r) => [String(r.eventID), r]));
  const ids: string[] = [];
  for (const p of listFiles(join(DEMO, 'lookup-events'))) {
    const events = (JSON.parse(readFileSync(p, 'utf8')) as { Events: Json[] }).Events;
    for (const e of events) {
      const inner = JSON.parse(String(e.CloudTrailEvent)) as Json;
      assert.deepEqual(inner, byId.get(String(e.EventId)), `${rel(p)}: ${String(e.EventId)}`);
      assert.equal(inner.managementEvent, true);
      assert.equal(e.ReadOnly, String(inner.readOnly));
      assert.ok(Array.isArray(e.Resources) && (e.Resources as Json[]).every((x) => typeof x.ResourceType === 'string' && typeof x.ResourceName === 'string'));
      ids.push(String(e.EventId));
    }
    const times = events.map((e) => String(e.EventTime));
    assert.deepEqual(times, [...times].sort().reverse(), `${rel(p)}: not newest first`);
  }
  assert.deepEqual(new Set(ids), new Set((expected.lookupEvents as Json).eventIDs as string[]));
});

test('the generator reproduces the committed demo (names and contents)', { timeout: 60_000 }, () => {
  const script = join(REPO, 'scripts', 'make-demo.ts');
  if (!existsSync(script)) return;
  const out = mkdtempSync(join(tmpdir(), 'tagtrail-demo-'));
  try {
    const r = spawnSync(process.execPath, ['--import', 'tsx', script, out], { cwd: REPO, encoding: 'utf8' });
    assert.equal(r.status, 0, r.stderr);
    const mine = listFiles(DEMO).map(rel).filter((p) => !p.startsWith('.'));
    const fresh = listFiles(out).map((p) => p.slice(out.length + 1).split('\\').join('/'));
    assert.deepEqual(fresh, mine, 'file list differs: run npm run make-demo and commit demo/');
    // Gzip bytes depend on the zlib build; what must not drift is the content.
    const content = (p: string): Buffer => (p.endsWith('.gz') ? gunzipSync(readFileSync(p)) : readFileSync(p));
    for (const p of mine) assert.ok(content(join(DEMO, p)).equals(content(join(out, p))), `${p} differs: run npm run make-demo`);
  } finally {
    rmSync(out, { recursive: true, force: true });
  }
});

test('the demo stays small enough to ship', () => {
  const total = listFiles(DEMO).reduce((n, p) => n + readFileSync(p).length, 0);
  assert.ok(total < 2 * 1024 * 1024, `demo/ is ${total} bytes`);
});
