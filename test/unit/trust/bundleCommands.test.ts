// The read-only promise must hold for what ships, not only for src/: the bundles carry the whole
// AWS SDK clients, waiters and credential providers. This lists every SDK command class the built
// bundles construct (`new …Command(`, and commands handed to paginators) and checks each is one
// TagTrail allowlists, one a credential provider needs, or a read-only call inside the SDK.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { ALLOWED_OPERATIONS, CREDENTIAL_PROVIDER_OPERATIONS } from '../../../src/core/aws/allowlist';

const DIST = resolve(__dirname, '../../../dist');
const BUNDLES = ['cli.js', 'extension.js', 'webview.js'];

/** `sts:AssumeRole` → `AssumeRoleCommand`. */
const credentialCommands = new Set(CREDENTIAL_PROVIDER_OPERATIONS.map((op) => `${op.split(':')[1]}Command`));
const allowlisted = new Set(Object.values(ALLOWED_OPERATIONS).flatMap((ops) => Object.keys(ops)));
/**
 * Bundled SDK code that builds commands TagTrail never calls: IAM and S3 waiters (Get/Head), and
 * credential providers TagTrail does not configure (Cognito identity, the console sign-in token).
 * All of them read or exchange credentials; none changes an account.
 */
const SDK_WAITERS = new Set(['GetRoleCommand', 'GetUserCommand', 'GetPolicyCommand', 'GetInstanceProfileCommand', 'HeadBucketCommand', 'HeadObjectCommand']);
const SDK_CREDENTIALS = new Set(['GetIdCommand', 'GetCredentialsForIdentityCommand', 'CreateOAuth2TokenCommand']);
// IAM Simulate* calls evaluate policies and change nothing; AWS Config's Select* run advanced queries
// (SELECT only; IAM lists them under the Read access level).
const READ_ONLY_NAME = /^(Get|Head|List|Describe|Lookup|Simulate|Select)[A-Z]/;

function count(code: string, re: RegExp): Map<string, number> {
  const out = new Map<string, number>();
  for (const m of code.matchAll(re)) out.set(m[1]!, (out.get(m[1]!) ?? 0) + 1);
  return out;
}

/** Command class names constructed with `new` in a bundle, esbuild's numeric suffixes and import namespaces removed. */
export function constructedCommands(code: string): Map<string, number> {
  return count(code, /\bnew\s+(?:[\w$]+\.)?([A-Z][\w$]*?Command)\d*\s*\(/g);
}

/** Commands handed to paginators (`createPaginator(Client, XCommand, …)`), which construct them when called. */
export function paginatedCommands(code: string): Map<string, number> {
  return count(code, /\bcreatePaginator\d*\(\s*[\w$]+\s*,\s*([A-Z][\w$]*?Command)\d*\s*,/g);
}

test('every SDK command class the built bundles can construct is allowlisted, a credential provider call, or a read-only SDK internal', (t) => {
  const present = BUNDLES.filter((b) => existsSync(join(DIST, b)));
  if (!present.includes('extension.js')) {
    t.skip('dist/extension.js is missing: run `npm run build` first');
    return;
  }
  const report: string[] = [];
  const all = new Map<string, string[]>();
  const paginated = new Set<string>();
  for (const b of present) {
    const code = readFileSync(join(DIST, b), 'utf8');
    for (const [name, n] of constructedCommands(code)) all.set(name, [...(all.get(name) ?? []), `${b}×${n}`]);
    for (const name of paginatedCommands(code).keys()) paginated.add(name);
  }
  for (const [name, where] of [...all].sort()) {
    const kind = allowlisted.has(name) ? 'allowlisted' : credentialCommands.has(name) ? 'credential provider' : SDK_WAITERS.has(name) ? 'SDK waiter' : SDK_CREDENTIALS.has(name) ? 'SDK credential exchange' : 'UNEXPECTED';
    report.push(`${name} (${kind}; ${where.join(', ')})`);
    if (kind === 'UNEXPECTED') assert.fail(`the bundle constructs ${name} (${where.join(', ')}), which no list allows`);
    if (kind === 'SDK waiter' || (kind === 'allowlisted' && name !== 'StartQueryExecutionCommand' && name !== 'StopQueryExecutionCommand')) {
      assert.match(name, READ_ONLY_NAME, `${name} reads`);
    }
  }
  // Paginator factories exist for every paginated operation of a bundled client; all list or read.
  const writingPaginators = [...paginated].filter((n) => !READ_ONLY_NAME.test(n) && !allowlisted.has(n));
  assert.deepEqual(writingPaginators, []);
  console.log(`# ${all.size} command classes constructed with new, ${paginated.size} more reachable through paginators (all read-only names):\n# ${report.join('\n# ')}`);
  // The scan must see TagTrail's own calls, or it proves nothing.
  for (const own of ['GetCallerIdentityCommand', 'LookupEventsCommand', 'ListRolesCommand', 'GetResourcesCommand', 'ListObjectsV2Command']) {
    assert.ok(all.has(own), `the scan finds ${own} in the extension bundle`);
  }
});

test('the scan recognises the shapes esbuild writes', () => {
  const code = 'x = new import_client_s32.PutObjectCommand({}); y = new DeleteTrailCommand2(a); p = createPaginator2(S3Client2, ListObjectsV2Command2, "T");';
  assert.deepEqual([...constructedCommands(code).keys()].sort(), ['DeleteTrailCommand', 'PutObjectCommand']);
  assert.deepEqual([...paginatedCommands(code).keys()], ['ListObjectsV2Command']);
});
