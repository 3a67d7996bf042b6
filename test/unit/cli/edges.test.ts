// The CLI's edges, through the bundled CLI as a child process: the profile in force, live errors
// that name their cause, stderr free of the SDK's Node-version warning, exits of `resolve`, a
// closed pipe, read-error lines, inventory warnings. Live cases run against the local endpoint.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { DEMO_KEY, demoState } from '../../endpoint/demoState';
import { startEndpoint, type RunningEndpoint } from '../../endpoint/server';
import { makeAwsHome, type AwsHome } from '../../endpoint/awsFiles';
import { BUNDLED_CLI, runBundled, runCli, SNAPSHOT, tempFiles } from './harness';
import { getObject } from '../check/records';

const DEMO = resolve(__dirname, '../../../demo');
const skip = !existsSync(BUNDLED_CLI) ? 'dist/cli.js not built (npm run build)' : !existsSync(join(DEMO, 'AWSLogs')) ? 'demo/ absent' : false;
const WINDOW = ['--since', '2026-10-01T00:00:00Z', '--until', '2026-10-13T00:00:00Z'];

/** Lines a person would read as a warning from Node or the SDK rather than from TagTrail. */
const FOREIGN = /NodeVersionSupportWarning|please upgrade|\(node:\d+\)|Warning:/;

async function freePort(): Promise<number> {
  const probe = createServer();
  await new Promise<void>((r) => probe.listen(0, '127.0.0.1', r));
  const port = (probe.address() as AddressInfo).port;
  await new Promise<void>((r) => probe.close(() => r()));
  return port;
}

async function withDemoAccount(fn: (home: AwsHome, ep: RunningEndpoint, env: () => NodeJS.ProcessEnv) => Promise<void>): Promise<void> {
  const ep = await startEndpoint({ state: demoState(DEMO).state });
  const home = makeAwsHome();
  const xdg = mkdtempSync(join(tmpdir(), 'tagtrail-xdg-'));
  const keys = `aws_access_key_id = ${DEMO_KEY.accessKeyId}\naws_secret_access_key = ${DEMO_KEY.secretAccessKey}\n`;
  const closed = await freePort();
  home.config(`[profile demo]\nregion = eu-west-1\nendpoint_url = ${ep.url}\n[profile offline]\nregion = eu-west-1\nendpoint_url = http://127.0.0.1:${closed}\n`);
  home.credentials(`[demo]\n${keys}[offline]\n${keys}`);
  try {
    await fn(home, ep, () => ({ ...process.env, XDG_CACHE_HOME: xdg }));
  } finally {
    home.dispose();
    rmSync(xdg, { recursive: true, force: true });
    await ep.close();
  }
}

test('live: the current profile is used without --profile; stderr has no SDK warning; errors name their cause', { skip }, async () => {
  await withDemoAccount(async (home, ep, env) => {
    const byEnv = await runBundled(['check', '--region', 'eu-west-1', ...WINDOW, '--format', 'json'], { ...env(), AWS_PROFILE: 'demo' });
    // The demo's trails leave one bucket without data events: the check is incomplete (4), not clean.
    assert.equal(byEnv.status, 4, byEnv.stderr);
    assert.match(byEnv.stderr, /incomplete: 1 of 45 resources in scope invisible to the trail/);
    assert.match(byEnv.stderr.split('\n')[0]!, /^tagtrail: AWS profile demo \(AWS_PROFILE\): no --events given, so the account of the current profile is checked$/);
    assert.ok((JSON.parse(byEnv.stdout) as { findings: unknown[] }).findings.length > 0);
    assert.doesNotMatch(byEnv.stderr, FOREIGN);

    const nosuch = await runBundled(['check', '--profile', 'nosuch', '--region', 'eu-west-1'], env());
    assert.equal(nosuch.status, 2, nosuch.stderr);
    // The per-call log (`sts:GetCallerIdentity eu-west-1 5ms no-credentials`) is the CLI's trace, not a problem line.
    const lines = nosuch.stderr.trimEnd().split('\n').filter((l) => !/^[a-z0-9-]+:[A-Za-z0-9]+ \S+ \d+ms \S+$/.test(l));
    assert.match(lines.at(-1)!, /^tagtrail check: AWS profile "nosuch" does not exist in .*config or .*credentials; profiles there: demo, offline\.$/);
    assert.doesNotMatch(nosuch.stderr, FOREIGN);
    assert.ok(lines.length <= 2, `one line for the profile, one for the problem:\n${nosuch.stderr}`);

    const offline = await runBundled(['check', '--profile', 'offline', ...WINDOW], env());
    assert.equal(offline.status, 2, offline.stderr);
    assert.match(offline.stderr, /tagtrail check: Cannot reach http:\/\/127\.0\.0\.1:\d+ in eu-west-1 \(ECONNREFUSED\): nothing accepted the connection/);
    assert.doesNotMatch(offline.stderr, FOREIGN);

    // The `default` profile is in force when nothing else is.
    home.config(`[default]\nregion = eu-west-1\nendpoint_url = ${ep.url}\n`);
    home.credentials(`[default]\naws_access_key_id = ${DEMO_KEY.accessKeyId}\naws_secret_access_key = ${DEMO_KEY.secretAccessKey}\n`);
    const byDefault = await runBundled(['check', ...WINDOW, '--format', 'json'], env());
    assert.equal(byDefault.status, 4, byDefault.stderr);
    assert.match(byDefault.stderr, /^tagtrail: AWS profile default \(default profile\)/);
    assert.deepEqual((JSON.parse(byDefault.stdout) as { findings: unknown[] }).findings.length, (JSON.parse(byEnv.stdout) as { findings: unknown[] }).findings.length);
  });
});

test('with no profile in force and no --events, check still asks for files', { skip }, async () => {
  const home = makeAwsHome();
  try {
    const r = await runBundled(['check', '--region', 'eu-west-1'], { ...process.env });
    assert.equal(r.status, 2);
    assert.match(r.stderr, /--events is required/);
  } finally {
    home.dispose();
  }
});

test('resolve on a CSV or text file exits 2 with a clear line, as check does', { skip }, async () => {
  const dir = tempFiles({ 'events.csv': 'eventID,eventName\n1,GetObject\n', 'notes.txt': 'hello\n' });
  for (const f of ['events.csv', 'notes.txt']) {
    const r = await runBundled(['resolve', join(dir, f)], process.env);
    assert.equal(r.status, 2, r.stderr);
    assert.equal(r.stdout, '');
    assert.match(r.stderr, /not a CloudTrail file/);
    assert.match(r.stderr.trimEnd().split('\n').at(-1)!, /^tagtrail resolve: no CloudTrail record could be read from the inputs$/);
  }
});

test('resolve | head -1: a reader that goes away ends the CLI quietly with 0', { skip }, async () => {
  const dir = mkdtempSync(join(tmpdir(), 'tagtrail-pipe-'));
  const p = join(dir, 'many.jsonl');
  writeFileSync(p, Array.from({ length: 20_000 }, (_, i) => JSON.stringify(getObject('alpha-app', 'beta-data', { eventID: `e-${i}` }))).join('\n'));
  let first = '';
  const r = await runBundled(['resolve', p], process.env, (chunk, stdout) => {
    if (first) return;
    first = chunk.toString().split('\n')[0]!;
    stdout.destroy();
  });
  assert.match(first, /^\{"eventID":"e-0"/);
  assert.equal(r.status, 0, r.stderr);
  assert.equal(r.stderr, '');
  rmSync(dir, { recursive: true, force: true });
});

test('a read error in pretty-printed lookup-events output names the line where the record starts', { skip }, async () => {
  const event = (i: number, body?: string) => ({ EventId: `e-${i}`, EventName: 'GetObject', CloudTrailEvent: body ?? JSON.stringify(getObject('alpha-app', 'beta-data', { eventID: `e-${i}` })) });
  const text = JSON.stringify({ Events: [event(1), event(2), event(3), event(4, '{broken'), event(5)] }, null, 4);
  const dir = tempFiles({ 'lookup.json': text });
  const line = text.split('\n').findIndex((l) => l.includes('"e-4"')) ; // the line after the record's "{"
  const r = await runBundled(['resolve', join(dir, 'lookup.json')], process.env);
  assert.equal(r.status, 0, r.stderr);
  assert.equal(r.stdout.trimEnd().split('\n').length, 4);
  assert.match(r.stderr, new RegExp(`lookup\\.json:${line}: record 4: CloudTrailEvent is not valid JSON`));
});

test('inventory conflicts and truncated exports reach stderr and the report', async () => {
  const other = { ...SNAPSHOT, resources: SNAPSHOT.resources.map((r) => (r.arn === 'arn:aws:s3:::beta-data' ? { ...r, tags: { product: 'alpha' } } : r)) };
  const dir = tempFiles({
    'events.jsonl': [getObject('alpha-app', 'beta-data', { eventID: 'cross' })],
    'a.json': SNAPSHOT, 'b.json': other,
    'cut.json': { ResourceTagMappingList: [], PaginationToken: 'more' },
  });
  const r = await runCli(['check', '--events', join(dir, 'events.jsonl'), '--inventory', join(dir, 'b.json'), join(dir, 'a.json'), join(dir, 'cut.json'), '--format', 'json'], dir);
  assert.equal(r.status, 0, r.stderr);
  const warnings = r.stderr.trimEnd().split('\n');
  assert.equal(warnings.length, 2, r.stderr);
  assert.match(warnings[0]!, /^tagtrail: warning: .*cut\.json: get-resources output has a PaginationToken/);
  assert.match(warnings[1]!, /^tagtrail: warning: arn:aws:s3:::beta-data: tag "product" differs between inventory files \("alpha" in .*b\.json, "beta" in .*a\.json\); the check uses "beta"/);
  const report = JSON.parse(r.stdout) as { findings: unknown[]; scope: { notes?: string[] } };
  assert.equal(report.findings.length, 1, 'a.json, named last, wins: beta-data is beta');
  assert.equal(report.scope.notes?.length, 2);
});

test('a lookup-events output left with a NextToken is a warning on stderr and in the report, after the events are read', async () => {
  const event = (i: number) => ({ EventId: `e-${i}`, EventName: 'GetObject', CloudTrailEvent: JSON.stringify(getObject('alpha-app', 'beta-data', { eventID: `e-${i}` })) });
  const dir = tempFiles({ 'lookup.json': JSON.stringify({ Events: [event(1), event(2)], NextToken: 'eyJ0b2tlbiI6MX0=' }, null, 2), 'inv.json': SNAPSHOT });
  const r = await runCli(['check', '--events', join(dir, 'lookup.json'), '--inventory', join(dir, 'inv.json'), '--format', 'json'], dir);
  assert.equal(r.status, 0, r.stderr);
  assert.match(r.stderr, /^tagtrail: warning: .*lookup\.json: lookup-events output has a NextToken: more events exist than the file holds/m);
  const report = JSON.parse(r.stdout) as { findings: unknown[]; scope: { notes?: string[] } };
  assert.equal(report.findings.length, 2);
  assert.ok(report.scope.notes?.some((n) => /^Warning: .*lookup\.json: lookup-events output has a NextToken/.test(n)), JSON.stringify(report.scope.notes));
});
