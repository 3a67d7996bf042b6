import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { getObject } from '../check/records';
import { runCli, SNAPSHOT, tempFiles } from './harness';

const events = [getObject('alpha-app', 'beta-data', { eventID: 'cross' }), getObject('alpha-app', 'alpha-data', { eventID: 'own' }), getObject('stranger', 'beta-data', { eventID: 'gap' })];

test('check writes a markdown report with the finding and the gap', async () => {
  const dir = tempFiles({ 'events.jsonl': events, 'inv.json': SNAPSHOT });
  const r = await runCli(['check', '--events', path.join(dir, 'events.jsonl'), '--inventory', path.join(dir, 'inv.json')], dir);
  assert.equal(r.status, 0, r.stderr);
  assert.match(r.stdout, /^# TagTrail cross-product access report/);
  assert.match(r.stdout, /## Findings \(1\)/);
  assert.match(r.stdout, /\| alpha \| beta \| 0 \| 1 \| 0 \| 1 \|/);
  assert.match(r.stdout, /## Coverage gaps \(1\)/);
});

test('check --format json follows the contract; --out writes the file', async () => {
  const dir = tempFiles({ 'events.jsonl': events, 'inv.json': SNAPSHOT });
  const out = path.join(dir, 'result.json');
  const r = await runCli(['check', '--events', path.join(dir, 'events.jsonl'), '--inventory', path.join(dir, 'inv.json'), '--format', 'json', '--out', out], dir);
  assert.equal(r.status, 0, r.stderr);
  assert.equal(r.stdout, '');
  const json = JSON.parse(readFileSync(out, 'utf8'));
  const f = json.findings[0];
  assert.deepEqual([f.eventID, f.eventTime, f.eventName, f.severity, f.principal.arn, f.principal.product, f.resource.arn, f.resource.product],
    ['cross', '2024-05-01T10:00:00Z', 'GetObject', 'read', 'arn:aws:iam::111122223333:role/alpha-app', 'alpha', 'arn:aws:s3:::beta-data/k.txt', 'beta']);
  assert.deepEqual(json.gaps.map((g: { eventID: string; kind: string }) => [g.eventID, g.kind]), [['gap', 'unowned-principal']]);
  assert.equal(typeof json.gaps[0].reason, 'string');
  assert.equal(json.stats.recordsRead, 3);
});

test('--fail-on-findings exits 1 only when there are findings; filters apply', async () => {
  const dir = tempFiles({ 'events.jsonl': events, 'inv.json': SNAPSHOT });
  const base = ['check', '--events', path.join(dir, 'events.jsonl'), '--inventory', path.join(dir, 'inv.json'), '--fail-on-findings', '--format', 'text'];
  assert.equal((await runCli(base, dir)).status, 1);
  // A filter that leaves nothing in scope is an incomplete check (4), never a clean one (0).
  assert.equal((await runCli([...base, '--region', 'us-east-1'], dir)).status, 4);
  assert.equal((await runCli([...base, '--since', '1d'], dir)).status, 4, 'events are from 2024-05-01, the clock says 2024-05-10');
  assert.equal((await runCli([...base, '--since', '2024-04-30', '--until', '2024-05-02'], dir)).status, 1);
  assert.equal((await runCli([...base, '--product', 'gamma'], dir)).status, 2, 'gamma is no product of the inventory');
  assert.equal((await runCli([...base, '--account', '999999999999'], dir)).status, 4);
});

test('mapping and tag keys are used', async () => {
  const inv = { ...SNAPSHOT, principals: [{ arn: 'arn:aws:iam::111122223333:role/alpha-app', tags: { team: 'alpha' } }] };
  const dir = tempFiles({ 'events.jsonl': events, 'inv.json': inv, 'map.json': { sharedProducts: ['beta'] } });
  const args = ['check', '--events', path.join(dir, 'events.jsonl'), '--inventory', path.join(dir, 'inv.json'), '--format', 'json'];
  assert.equal(JSON.parse((await runCli([...args, '--tag-key', 'team', 'product'], dir)).stdout).stats.findings, 1);
  assert.equal(JSON.parse((await runCli(args, dir)).stdout).stats.findings, 0, 'the role has no "product" tag');
  assert.equal(JSON.parse((await runCli([...args, '--tag-key', 'team', 'product', '--mapping', path.join(dir, 'map.json')], dir)).stdout).stats.findings, 0, 'beta is shared');
});

test('bad arguments and unreadable input exit 2 with one clear message', async () => {
  const dir = tempFiles({ 'events.jsonl': events, 'inv.json': SNAPSHOT, 'bad-map.json': { principals: 'x' }, 'not-json.json': '{' });
  const ev = path.join(dir, 'events.jsonl');
  const inv = path.join(dir, 'inv.json');
  const cases: [string[], RegExp][] = [
    [['check', '--events', ev], /--inventory is required/],
    [['check', '--inventory', inv], /--events is required/],
    [['check', '--events', path.join(dir, 'missing.jsonl'), '--inventory', inv], /cannot read events ".*missing\.jsonl"/],
    [['check', '--events', ev, '--inventory', path.join(dir, 'nope.json')], /cannot read inventory/],
    [['check', '--events', ev, '--inventory', inv, '--format', 'pdf'], /--format must be one of md, json, text/],
    [['check', '--events', ev, '--inventory', inv, '--since', 'last week'], /--since: not a time/],
    [['check', '--events', ev, '--inventory', inv, '--colour'], /unknown option --colour/],
    [['check', '--events', ev, '--inventory', inv, '--mapping', path.join(dir, 'bad-map.json')], /principals must be a list/],
    [['check', '--events', ev, '--inventory', inv, '--mapping', path.join(dir, 'not-json.json')], /not valid JSON/],
    [['check', '--events', ev, '--inventory', path.join(dir, 'not-json.json')], /not-json\.json/],
    [['check', '--events', ev, '--inventory', inv, '--account', 'abc'], /12-digit/],
    [['check', '--profile', 'dev'], /live AWS input .* not available/],
    [['check', '--events', ev, '--inventory', inv, '--out', path.join(dir, 'no', 'such', 'dir', 'r.md')], /cannot write .*r\.md: ENOENT/],
    [['frobnicate'], /unknown command "frobnicate"/],
    [[], /Commands:/],
  ];
  for (const [argv, message] of cases) {
    const r = await runCli(argv, dir);
    assert.equal(r.status, 2, `${argv.join(' ')}: ${r.stderr}`);
    assert.match(r.stderr, message, argv.join(' '));
  }
});

test('read errors are reported on stderr by file and line and listed in the report', async () => {
  const lines = [JSON.stringify(events[0]), '{ not json', JSON.stringify(events[1])].join('\n');
  const dir = tempFiles({ 'events.jsonl': lines, 'inv.json': SNAPSHOT });
  const r = await runCli(['check', '--events', path.join(dir, 'events.jsonl'), '--inventory', path.join(dir, 'inv.json')], dir);
  assert.equal(r.status, 4, 'an input skipped for a read error makes the check incomplete');
  assert.match(r.stderr, /events\.jsonl:2: /);
  assert.match(r.stderr, /incomplete: 1 read error/);
  assert.match(r.stdout, /## Read errors \(1\)/);
  assert.match(r.stdout, /## Findings \(1\)/, 'the lines around the broken one are still read');
});

test('input with no readable record at all exits 2 after reporting why', async () => {
  const dir = tempFiles({ 'events.jsonl': '{ broken\nnot json either\n', 'inv.json': SNAPSHOT });
  const r = await runCli(['check', '--events', path.join(dir, 'events.jsonl'), '--inventory', path.join(dir, 'inv.json'), '--format', 'text'], dir);
  assert.equal(r.status, 2);
  assert.match(r.stderr, /events\.jsonl:1: /);
  assert.match(r.stderr, /no CloudTrail record could be read/);
});

test('hostile record text cannot steer the terminal', async () => {
  const hostile = getObject('alpha-app', 'beta-data');
  (hostile.userIdentity as { arn: string }).arn = 'arn:aws:sts::111122223333:assumed-role/alpha-app/\u001b]0;pwned\u0007\u001b[2J\u202Eevil';
  const dir = tempFiles({ 'events.jsonl': [hostile], 'inv.json': SNAPSHOT });
  for (const format of ['text', 'md', 'json']) {
    const r = await runCli(['check', '--events', path.join(dir, 'events.jsonl'), '--inventory', path.join(dir, 'inv.json'), '--format', format], dir);
    assert.equal(r.status, 0);
    assert.ok(!['\u001b', '\u0007', '\u202E'].some((c) => r.stdout.includes(c)), format);
    assert.match(r.stdout, /pwned/, `${format}: the text is shown, escaped`);
  }
});
