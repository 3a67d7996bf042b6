import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { DEMO_BUCKET, DEMO_KEY, demoState } from '../../endpoint/demoState';
import { startEndpoint } from '../../endpoint/server';
import { makeAwsHome } from '../../endpoint/awsFiles';

const ROOT = resolve(__dirname, '../../..');
const CLI = join(ROOT, 'dist', 'cli.js');
const DEMO = join(ROOT, 'demo');
const skip = !existsSync(CLI) ? 'dist/cli.js not built (npm run build)' : !existsSync(join(DEMO, 'AWSLogs')) ? 'demo/ absent' : false;

/** Runs the bundled CLI as a user would, with the environment the AWS home set up. */
function runBundled(args: string[], env: NodeJS.ProcessEnv): Promise<{ status: number; stdout: string; stderr: string }> {
  return new Promise((done, fail) => {
    const child = spawn(process.execPath, [CLI, ...args], { env, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (c: Buffer) => (stdout += c.toString()));
    child.stderr.on('data', (c: Buffer) => (stderr += c.toString()));
    child.on('error', fail);
    child.on('close', (status) => done({ status: status ?? -1, stdout, stderr }));
  });
}

interface JsonReport { findings: { eventID: string; severity: string }[]; gaps: { eventID: string; kind: string }[]; coverage: { resources: { arn: string; dataEvents: string; managementEvents: string }[] } }

test('check --profile against the local endpoint finds what the same check on the demo files finds', { skip }, async () => {
  const { state, regions } = demoState(DEMO);
  const ep = await startEndpoint({ state });
  const home = makeAwsHome();
  const xdg = mkdtempSync(join(tmpdir(), 'tagtrail-xdg-'));
  try {
    home.config(`[profile demo]\nregion = eu-west-1\nendpoint_url = ${ep.url}\n`);
    home.credentials(`[demo]\naws_access_key_id = ${DEMO_KEY.accessKeyId}\naws_secret_access_key = ${DEMO_KEY.secretAccessKey}\n`);
    const env = { ...process.env, XDG_CACHE_HOME: xdg };
    const window = ['--since', '2026-10-01T00:00:00Z', '--until', '2026-10-13T00:00:00Z'];
    const live = await runBundled(['check', '--profile', 'demo', ...regions.flatMap((r) => ['--region', r]), '--trail-bucket', `s3://${DEMO_BUCKET}`, '--mapping', join(DEMO, 'mapping.json'), ...window, '--format', 'json', '--verbose'], env);
    // The demo's trails leave one bucket without data events: incomplete (4), never clean, on both paths.
    assert.equal(live.status, 4, live.stderr);
    assert.match(live.stderr, /incomplete: 1 of 45 resources in scope invisible to the trail/);
    // Who the check runs as is a step: said with --verbose (by default a run not on a terminal prints only problems).
    assert.match(live.stderr, /checking account 111122223333 as arn:aws:/);
    assert.ok(!live.stderr.includes(DEMO_KEY.secretAccessKey) && !live.stdout.includes(DEMO_KEY.secretAccessKey), 'no secret in any output');
    const files = await runBundled(['check', '--events', join(DEMO, 'AWSLogs'), '--inventory', join(DEMO, 'inventory'), '--mapping', join(DEMO, 'mapping.json'), '--trail-config', join(DEMO, 'trail-config'), ...window, '--format', 'json'], env);
    assert.equal(files.status, 4, files.stderr);
    const a = JSON.parse(live.stdout) as JsonReport;
    const b = JSON.parse(files.stdout) as JsonReport;
    assert.ok(b.findings.length > 10, 'the demo has findings');
    assert.deepEqual(a.findings.map((f) => `${f.eventID}:${f.severity}`).sort(), b.findings.map((f) => `${f.eventID}:${f.severity}`).sort());
    assert.deepEqual(a.gaps.map((g) => `${g.eventID}:${g.kind}`).sort(), b.gaps.map((g) => `${g.eventID}:${g.kind}`).sort());
    const coverage = (j: JsonReport) => j.coverage.resources.map((r) => `${r.arn}:${r.dataEvents}:${r.managementEvents}`);
    assert.deepEqual(coverage(a), coverage(b), 'the trails read live give the coverage of the trail-config files');
    assert.ok(existsSync(join(xdg, 'tagtrail', 'lookup-events')), 'the LookupEvents cache is written under XDG_CACHE_HOME');
  } finally {
    home.dispose();
    rmSync(xdg, { recursive: true, force: true });
    await ep.close();
  }
});

test('check --profile with an unknown profile exits 2 with one clear line, no stack trace', { skip }, async () => {
  const home = makeAwsHome();
  try {
    home.config('[profile other]\nregion = eu-west-1\n');
    const r = await runBundled(['check', '--profile', 'nope', '--region', 'eu-west-1'], { ...process.env });
    assert.equal(r.status, 2, r.stderr);
    assert.match(r.stderr, /nope/);
    assert.doesNotMatch(r.stderr, /\n\s+at /, 'no stack trace');
  } finally {
    home.dispose();
  }
});
