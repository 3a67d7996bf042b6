import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { DeleteTrailCommand } from '@aws-sdk/client-cloudtrail';
import { ListObjectsV2Command, PutObjectCommand } from '@aws-sdk/client-s3';
import { ALLOWED_OPERATIONS, allowedActions } from '../../../src/core/aws/allowlist';
import { AwsClients } from '../../../src/core/aws/clients';
import { TagTrailAwsError } from '../../../src/core/aws/errors';
import { startEndpoint } from '../../endpoint/server';
import { makeAwsHome } from '../../endpoint/awsFiles';
import { syntheticAccount } from '../../endpoint/syntheticAccount';

const ROOT = resolve(__dirname, '../../..');

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((n) => {
    const p = join(dir, n);
    return statSync(p).isDirectory() ? sourceFiles(p) : /\.tsx?$/.test(n) ? [p] : [];
  });
}

test('a write command through the client factory is refused before it reaches the endpoint', async () => {
  const acct = syntheticAccount();
  acct.state.buckets.set('victim', new Map());
  const ep = await startEndpoint({ state: acct.state });
  const home = makeAwsHome({ AWS_ENDPOINT_URL: ep.url, AWS_ACCESS_KEY_ID: acct.key.accessKeyId, AWS_SECRET_ACCESS_KEY: acct.key.secretAccessKey });
  const clients = new AwsClients({ credentials: async () => ({ accessKeyId: acct.key.accessKeyId, secretAccessKey: acct.key.secretAccessKey }), forcePathStyle: true });
  try {
    await assert.rejects(clients.s3('us-east-1').send(new PutObjectCommand({ Bucket: 'victim', Key: 'x', Body: 'y' })),
      (e: unknown) => e instanceof TagTrailAwsError && e.kind === 'refused' && /PutObjectCommand/.test(e.message));
    await assert.rejects(clients.cloudTrail('us-east-1').send(new DeleteTrailCommand({ Name: 'org-trail' })), (e: unknown) => e instanceof TagTrailAwsError && e.kind === 'refused');
    assert.equal(ep.log.length, 0, 'nothing was sent');
    // The same client still sends what is allowed: the refusal is per command, not a broken client.
    await clients.s3('us-east-1').send(new ListObjectsV2Command({ Bucket: 'victim' }));
    assert.deepEqual(ep.log.map((e) => e.action), ['s3:ListBucket']);
    assert.equal(acct.state.buckets.get('victim')!.size, 0);
  } finally {
    clients.destroy();
    home.dispose();
    await ep.close();
  }
});

test('every AWS command class src/ imports is on the allowlist, and only clients.ts makes clients', () => {
  const allowed = new Set(Object.values(ALLOWED_OPERATIONS).flatMap((ops) => Object.keys(ops)));
  const imported = new Set<string>();
  for (const file of sourceFiles(join(ROOT, 'src'))) {
    const text = readFileSync(file, 'utf8');
    for (const m of text.matchAll(/import\s*(?:type\s*)?\{([^}]*)\}\s*from\s*'@aws-sdk\/client-[^']+'/g)) {
      for (const name of m[1]!.split(',').map((s) => s.trim().replace(/^type\s+/, '').split(/\s+as\s+/)[0]!)) {
        if (name.endsWith('Command')) imported.add(`${relative(ROOT, file)}: ${name}`);
      }
    }
    const made = /new\s+(\w+Client)\s*\(/.exec(text);
    if (made && relative(ROOT, file) !== join('src', 'core', 'aws', 'clients.ts')) assert.fail(`${relative(ROOT, file)} makes ${made[1]} outside clients.ts`);
    assert.doesNotMatch(text, /require\(\s*['"]@aws-sdk\/client-|import\s*\*\s*as\s+\w+\s+from\s*['"]@aws-sdk\/client-|import\(\s*['"]@aws-sdk\/client-/,
      `${relative(ROOT, file)} must import AWS commands by name so this scan sees them`);
  }
  assert.ok(imported.size >= 9, `found ${imported.size} imports: the scan must see the live layer`);
  const stray = [...imported].filter((x) => !allowed.has(x.split(': ')[1]!));
  assert.deepEqual(stray, []);
});

test('the IAM policy document grants exactly the allowlisted actions, read-only ones only', () => {
  const policy = JSON.parse(readFileSync(join(ROOT, 'docs', 'iam-policy.json'), 'utf8')) as { Statement: { Effect: string; Action: string[] }[] };
  const granted = policy.Statement.flatMap((s) => { assert.equal(s.Effect, 'Allow'); return s.Action; }).sort();
  assert.deepEqual(granted, allowedActions());
  // Athena runs reads as queries: starting (SELECTs only, see src/core/athena) and stopping one's own query are the exceptions.
  const queries = new Set(['athena:StartQueryExecution', 'athena:StopQueryExecution']);
  // AWS Config's Select* are advanced queries: SELECT only, IAM's Read access level.
  for (const a of granted) if (!queries.has(a)) assert.match(a, /:(Get|List|Describe|Lookup|Select)/, `${a} reads`);
});
