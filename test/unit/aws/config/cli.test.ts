import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { parseArgs, UsageError } from '../../../../src/cli/args';
import { INVENTORY_SOURCE_OPTIONS, inventorySourceFrom } from '../../../../src/cli/inventorySourceArgs';
import { DEMO_BUCKET, DEMO_KEY, demoState } from '../../../endpoint/demoState';
import { startEndpoint } from '../../../endpoint/server';
import { makeAwsHome } from '../../../endpoint/awsFiles';

const ROOT = resolve(__dirname, '../../../..');
const CLI = join(ROOT, 'dist', 'cli.js');
const DEMO = join(ROOT, 'demo');

const choice = (argv: string[], live = true) => inventorySourceFrom(parseArgs(argv, INVENTORY_SOURCE_OPTIONS), live);

test('--inventory-source and --config-aggregator: valid combinations, and a clear usage error for the rest', () => {
  assert.deepEqual(choice([]), {});
  assert.deepEqual(choice(['--inventory-source', 'config']), { inventorySource: 'config' });
  assert.deepEqual(choice(['--config-aggregator', 'org']), { inventorySource: 'config-aggregator', configAggregator: 'org' });
  assert.deepEqual(choice(['--inventory-source', 'config', '--config-history-calls', '0']), { inventorySource: 'config', maxHistoryCalls: 0 });
  const bad = (argv: string[], re: RegExp, live = true) => assert.throws(() => choice(argv, live), (e: unknown) => e instanceof UsageError && re.test(e.message));
  bad(['--inventory-source', 'cloudtrail'], /takes tagging, config, config-aggregator \(got "cloudtrail"\)/);
  bad(['--inventory-source', 'config-aggregator'], /needs --config-aggregator <name>/);
  bad(['--inventory-source', 'config', '--config-aggregator', 'org'], /goes with --inventory-source config-aggregator/);
  bad(['--config-history-calls', '-1'], /whole number/);
  bad(['--inventory-source', 'config'], /choose where a live check \(--profile\) reads tags/, false);
});

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

const skip = !existsSync(CLI) ? 'dist/cli.js not built (npm run build)' : !existsSync(join(DEMO, 'AWSLogs')) ? 'demo/ absent' : false;

test('tagtrail check --profile --inventory-source config finds what the tagging API finds on the demo account; a missing aggregator exits 2 naming it', { skip }, async () => {
  const { state, regions } = demoState(DEMO);
  const ep = await startEndpoint({ state });
  const home = makeAwsHome();
  const xdg = mkdtempSync(join(tmpdir(), 'tagtrail-xdg-'));
  try {
    home.config(`[profile demo]\nregion = eu-west-1\nendpoint_url = ${ep.url}\n`);
    home.credentials(`[demo]\naws_access_key_id = ${DEMO_KEY.accessKeyId}\naws_secret_access_key = ${DEMO_KEY.secretAccessKey}\n`);
    const env = { ...process.env, XDG_CACHE_HOME: xdg };
    const args = ['check', '--profile', 'demo', ...regions.flatMap((r) => ['--region', r]), '--trail-bucket', `s3://${DEMO_BUCKET}`, '--mapping', join(DEMO, 'mapping.json'),
      '--since', '2026-10-01T00:00:00Z', '--until', '2026-10-13T00:00:00Z', '--format', 'json'];
    const tagging = await runBundled(args, env);
    // The calls made for the inventory are a step, said with --verbose (by default stderr holds only problems).
    const config = await runBundled([...args, '--inventory-source', 'config', '--verbose'], env);
    // The demo's trails leave one bucket without data events: both checks are incomplete (4), whatever the inventory's source.
    assert.equal(tagging.status, 4, tagging.stderr);
    assert.equal(config.status, 4, config.stderr);
    assert.match(config.stderr, /incomplete: 1 of \d+ resources in scope invisible to the trail/);
    const ids = (out: string) => { const r = JSON.parse(out) as { findings: { eventID: string; severity: string }[] }; return r.findings.map((f) => `${f.eventID}:${f.severity}`).sort(); };
    assert.ok(ids(tagging.stdout).length > 10);
    assert.deepEqual(ids(config.stdout), ids(tagging.stdout));
    assert.match(config.stderr, /inventory from config: config:DescribeConfigurationRecorderStatus ×2, config:SelectResourceConfig ×\d+/);
    const missing = await runBundled([...args, '--config-aggregator', 'org-wide'], env);
    assert.equal(missing.status, 2, missing.stderr);
    assert.match(missing.stderr, /aggregator "org-wide" does not exist in eu-west-1/);
    assert.ok(!/\n\s+at /.test(missing.stderr), 'no stack trace');
  } finally {
    home.dispose();
    rmSync(xdg, { recursive: true, force: true });
    await ep.close();
  }
});
