import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { spawnSync } from 'node:child_process';
import { getObject, stopInstance } from '../check/records';
import { runCli, tempFiles } from './harness';

const repo = path.resolve(__dirname, '../../..');

test('resolve --format jsonl: one object per record, in input order, with the contract fields', async () => {
  const records = [stopInstance('alpha-app', 'i-0abc'), getObject('beta-app', 'beta-data'), { eventID: 'odd', eventSource: 'foo.amazonaws.com', eventName: 'DoThing' }];
  const dir = tempFiles({ 'a.jsonl': records });
  const r = await runCli(['resolve', path.join(dir, 'a.jsonl'), '--format', 'jsonl'], dir);
  assert.equal(r.status, 0, r.stderr);
  const lines = r.stdout.trimEnd().split('\n').map((l) => JSON.parse(l));
  assert.deepEqual(lines.map((l) => l.eventID), ['ev-stop-i-0abc', 'ev-beta-app-beta-data', 'odd']);
  const [stop, get, odd] = lines;
  assert.deepEqual([stop.eventSource, stop.eventName, stop.status], ['ec2.amazonaws.com', 'StopInstances', 'resolved']);
  assert.deepEqual(stop.targets[0], { arn: 'arn:aws:ec2:eu-west-1:111122223333:instance/i-0abc', via: 'template', resourceType: 'instance' });
  assert.deepEqual(stop.principal, { arn: 'arn:aws:iam::111122223333:role/alpha-app', type: 'iam-role', displayName: 'session-1' });
  assert.equal(get.targets[0].via, 'resources');
  assert.equal(odd.status, 'unresolved');
  assert.equal(typeof odd.reason, 'string');
  assert.deepEqual(odd.principal, { arn: 'unknown', type: 'unknown' });
  assert.equal(stop.reason, null);
});

test('resolve refuses other formats and missing inputs', async () => {
  const dir = tempFiles({});
  assert.equal((await runCli(['resolve', dir, '--format', 'csv'], dir)).status, 2);
  assert.equal((await runCli(['resolve'], dir)).status, 2);
  assert.equal((await runCli(['resolve', path.join(dir, 'missing')], dir)).status, 2);
});

test('demo: runs on the bundled account, prints a summary and writes the report in the cwd', { skip: existsSync(path.join(repo, 'demo', 'mapping.json')) ? false : 'demo/ not present' }, async () => {
  const dir = tempFiles({});
  const r = await runCli(['demo'], dir);
  assert.equal(r.status, 0, r.stderr);
  const expected = JSON.parse(readFileSync(path.join(repo, 'demo', 'expected.json'), 'utf8'));
  const report = readFileSync(path.join(dir, 'tagtrail-demo-report.md'), 'utf8');
  assert.match(report, new RegExp(`## Findings \\(${expected.findings.length}\\)`));
  for (const p of expected.pairs) {
    const c = p.counts;
    assert.ok(report.includes(`| ${p.principalProduct} | ${p.resourceProduct} | ${c.write} | ${c.read} | ${c.denied} | ${c.write + c.read + c.denied} |`), `${p.principalProduct} -> ${p.resourceProduct}`);
  }
  assert.match(r.stdout, /Report written to .*tagtrail-demo-report\.md/);
  assert.match(r.stdout, new RegExp(`Findings: ${expected.findings.length} `));
});

test('check on the demo account finds exactly the findings and gaps demo/expected.json lists', { skip: existsSync(path.join(repo, 'demo', 'expected.json')) ? false : 'demo/ not present' }, async () => {
  const demo = path.join(repo, 'demo');
  const r = await runCli(['check', '--events', path.join(demo, 'AWSLogs'), '--inventory', path.join(demo, 'inventory'), '--mapping', path.join(demo, 'mapping.json'), '--format', 'json'], demo);
  assert.equal(r.status, 0, r.stderr);
  const got = JSON.parse(r.stdout);
  const expected = JSON.parse(readFileSync(path.join(demo, 'expected.json'), 'utf8'));
  const ids = (l: { eventID: string; severity?: string; kind?: string; resourceArn?: string }[]) => l.map((x) => [x.eventID, x.severity ?? x.kind, x.resourceArn ?? ''].join(' ')).sort();
  assert.deepEqual(ids(got.findings), ids(expected.findings.map((f: { eventID: string; severity: string }) => ({ eventID: f.eventID, severity: f.severity }))));
  assert.deepEqual(ids(got.gaps), ids(expected.gaps));
  assert.equal(got.stats.exemptedEvents, expected.exemptedEvents);
  assert.equal(got.stats.awsServiceEvents, expected.awsServiceEvents);
  assert.equal(got.stats.byStatus['no-target'], expected.noTargetEvents);
});

test('the real entry point: --help exits 0, no arguments exits 2, check without inputs exits 2', () => {
  const entry = path.join(repo, 'src', 'cli', 'main.ts');
  const run = (args: string[]) => spawnSync(process.execPath, ['--import', 'tsx', entry, ...args], { encoding: 'utf8', cwd: repo });
  const help = run(['--help']);
  assert.equal(help.status, 0, help.stderr);
  assert.match(help.stdout, /tagtrail check --events/);
  assert.equal(run([]).status, 2);
  const bad = run(['check']);
  assert.equal(bad.status, 2);
  assert.match(bad.stderr, /--events is required/);
});
