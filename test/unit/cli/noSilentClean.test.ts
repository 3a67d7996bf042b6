// A check that looked at nothing, at no event of the product asked for, or at less than it was
// given, never looks clean: it says why and exits 4 (or 2 for arguments that cannot be right).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { getObject } from '../check/records';
import { runCli, SNAPSHOT, tempFiles } from './harness';

const ROOT = path.resolve(__dirname, '../../..');
const DEMO = path.join(ROOT, 'demo');
const CLI = path.join(ROOT, 'dist', 'cli.js');
const demoArgs = ['--inventory', path.join(DEMO, 'inventory'), '--mapping', path.join(DEMO, 'mapping.json'), '--fail-on-findings', '--format', 'text'];

function fixture(): { dir: string; events: string; inv: string } {
  const records = [getObject('alpha-app', 'beta-data', { eventID: 'cross' }), getObject('alpha-app', 'alpha-data', { eventID: 'own' })];
  const dir = tempFiles({ 'events.jsonl': records, 'inv.json': SNAPSHOT });
  return { dir, events: path.join(dir, 'events.jsonl'), inv: path.join(dir, 'inv.json') };
}

test('no record in scope: which filter left out how much, and what the input held; exit 4', async () => {
  const { dir, events, inv } = fixture();
  const base = ['check', '--events', events, '--inventory', inv, '--fail-on-findings', '--format', 'text'];
  const account = await runCli([...base, '--account', '999999999999'], dir);
  assert.equal(account.status, 4, account.stderr);
  assert.match(account.stderr, /incomplete: no record in scope: of 2 records read, the account filter \(999999999999\) left out 2; the input holds regions eu-west-1, accounts 111122223333/);
  const since = await runCli([...base, '--since', '7d'], dir);
  assert.equal(since.status, 4);
  assert.match(since.stderr, /the time window \(7d to now: 2024-05-03T00:00:00\.000Z to …\) left out 2/);
  const region = await runCli([...base, '--region', 'us-east-1'], dir);
  assert.equal(region.status, 4);
  assert.match(region.stderr, /the region filter \(us-east-1\) left out 2/);
  const md = await runCli(['check', '--events', events, '--inventory', inv, '--region', 'us-east-1'], dir);
  assert.match(md.stdout, /Incomplete check: no record in scope/, 'the report says it too');
});

test('bad arguments: unknown region, reversed window, unknown product with a case hint; exit 2', async () => {
  const cases: [string[], RegExp][] = [
    [['--region', 'eu-centrall-1'], /--region "eu-centrall-1" is not an AWS region \(did you mean eu-central-1\?\)/],
    [['--since', '2026-10-10', '--until', '2026-10-06'], /--since 2026-10-10 .* is after --until 2026-10-06/],
    [['--product', 'Checkout'], /--product "Checkout": no such product; did you mean checkout\?.*known products: analytics, catalog, checkout, shared/],
    [['--product', 'billing'], /--product "billing": no such product; known products: analytics, catalog, checkout, shared/],
  ];
  for (const [extra, message] of cases) {
    const r = await runCli(['check', '--events', path.join(DEMO, 'AWSLogs'), ...demoArgs, ...extra], DEMO);
    assert.equal(r.status, 2, `${extra.join(' ')}: ${r.stderr}`);
    assert.match(r.stderr, message);
    assert.equal(r.stdout, '', 'no report for a check that cannot be right');
  }
  for (const region of ['cn-north-1', 'us-gov-west-1', 'eu-central-1']) {
    const r = await runCli(['check', '--events', path.join(DEMO, 'AWSLogs'), ...demoArgs, '--region', region], DEMO);
    assert.equal(r.status, 4, `${region} is a region (of its partition); the demo has no event there`);
  }
});

test('a known product with no event in scope is incomplete, naming the products', async () => {
  const { dir, events } = fixture();
  const inv = path.join(dir, 'inv-gamma.json');
  writeFileSync(inv, JSON.stringify({ ...SNAPSHOT, resources: [...SNAPSHOT.resources, { arn: 'arn:aws:s3:::gamma-data', tags: { product: 'gamma' } }] }));
  const r = await runCli(['check', '--events', events, '--inventory', inv, '--product', 'gamma', '--format', 'text'], dir);
  assert.equal(r.status, 4, r.stderr);
  assert.match(r.stderr, /incomplete: no event in scope involves product gamma .* known products: alpha, beta, gamma/);
  const alpha = await runCli(['check', '--events', events, '--inventory', inv, '--product', 'alpha', '--format', 'text'], dir);
  assert.equal(alpha.status, 0, alpha.stderr);
});

test('files with no record are read errors; files a folder walk skips are listed; exit 4 (2 when nothing is readable)', async () => {
  const { dir, inv } = fixture();
  const folder = path.join(dir, 'logs');
  mkdirSync(folder);
  writeFileSync(path.join(folder, 'good.jsonl'), `${JSON.stringify(getObject('alpha-app', 'beta-data', { eventID: 'cross' }))}\n`);
  writeFileSync(path.join(folder, 'README.txt'), 'my logs\n');
  writeFileSync(path.join(folder, 'blob.bin'), Buffer.from([0, 1, 2, 255]));
  writeFileSync(path.join(folder, 'empty.json'), '');
  writeFileSync(path.join(folder, 'records-object.json'), JSON.stringify({ Records: { a: getObject('alpha-app', 'beta-data') } }));
  writeFileSync(path.join(folder, 'no-events.json'), '{"Records": []}');
  const r = await runCli(['check', '--events', folder, '--inventory', inv, '--format', 'json'], dir);
  assert.equal(r.status, 4, r.stderr);
  assert.match(r.stderr, /empty\.json: holds no CloudTrail record/);
  assert.match(r.stderr, /records-object\.json: holds no CloudTrail record/);
  assert.doesNotMatch(r.stderr, /no-events\.json/, 'an explicit empty Records list is an empty file, not a broken one');
  assert.match(r.stderr, /2 files in the event folders not read: .*README\.txt \(not a CloudTrail log name.*blob\.bin/);
  const report = JSON.parse(r.stdout) as { readErrors: unknown[]; scope: { notes: string[] }; stats: { recordsInScope: number } };
  assert.equal(report.readErrors.length, 2);
  assert.equal(report.stats.recordsInScope, 1);
  assert.ok(report.scope.notes.some((n) => /README\.txt/.test(n)), 'the report lists the skipped files');
  const alone = await runCli(['check', '--events', path.join(folder, 'empty.json'), '--inventory', inv, '--fail-on-findings'], dir);
  assert.equal(alone.status, 2, 'nothing readable at all is unreadable input');
  assert.match(alone.stderr, /no CloudTrail record could be read/);
});

test('an unreadable record is a read error, never "outside the filters"', async () => {
  const { dir, inv } = fixture();
  const events = path.join(dir, 'mixed.jsonl');
  writeFileSync(events, `${JSON.stringify(getObject('alpha-app', 'beta-data', { eventID: 'cross' }))}\n{ not json\n`);
  const r = await runCli(['check', '--events', events, '--inventory', inv, '--format', 'json'], dir);
  assert.equal(r.status, 4);
  const s = (JSON.parse(r.stdout) as { stats: Record<string, number> }).stats;
  assert.deepEqual([s.recordsRead, s.recordsInScope, s.recordsRejected, s.recordsUnreadable], [2, 1, 0, 1]);
  const text = await runCli(['check', '--events', events, '--inventory', inv, '--format', 'text'], dir);
  assert.match(text.stdout, /2 read, 1 in scope, 0 outside the filters/);
});

test('trail files plus lookup-events output: each event once, 45 findings, duplicates counted (bundled CLI)', { skip: existsSync(CLI) ? false : 'dist/cli.js not built' }, () => {
  const run = (args: string[]) => spawnSync(process.execPath, [CLI, 'check', ...args], { encoding: 'utf8' });
  const both = run(['--events', path.join(DEMO, 'AWSLogs'), path.join(DEMO, 'lookup-events'), '--inventory', path.join(DEMO, 'inventory'), '--mapping', path.join(DEMO, 'mapping.json'), '--format', 'json']);
  assert.equal(both.status, 0, both.stderr);
  const report = JSON.parse(both.stdout) as { stats: { findings: number; duplicatesDropped: number; recordsRead: number }; scope: { notes: string[] } };
  assert.equal(report.stats.findings, 45);
  assert.equal(report.stats.duplicatesDropped, 190, 'every lookup-events entry repeats a trail record');
  assert.equal(report.stats.recordsRead, 1532);
  assert.match(both.stderr, /190 duplicate events dropped/);
  assert.ok(report.scope.notes.some((n) => /^190 duplicate events dropped/.test(n)));
  const gate = run(['--events', path.join(DEMO, 'AWSLogs'), ...demoArgs, '--account', '999999999999']);
  assert.equal(gate.status, 4, 'the real process exits 4 for a check with nothing in scope');
});
