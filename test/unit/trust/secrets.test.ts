// TagTrail reads the user's AWS credentials. Recognisable fake secrets are planted in real
// credential, config and SSO cache files; the live path runs against the local endpoint (happy
// paths and failures), and every output is scanned: log lines, CLI stdout and stderr, Markdown,
// JSON and text reports, error messages and what a logger would print for the error object.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { inspect } from 'node:util';
import { loadLiveInputs, type LiveInputOptions } from '../../../src/core/aws/liveInputs';
import { ProductIndex } from '../../../src/core/attribute/productIndex';
import { runCheck } from '../../../src/core/check/check';
import { renderJson } from '../../../src/core/report/json';
import { renderMarkdown } from '../../../src/core/report/markdown';
import { renderText } from '../../../src/core/report/text';
import { main } from '../../../src/cli/main';
import { liveSource } from '../../../src/core/source/liveSource';
import { registerLiveProvider } from '../../../src/cli/liveHook';
import type { Io } from '../../../src/cli/io';
import { startEndpoint, type RunningEndpoint } from '../../endpoint/server';
import { makeAwsHome, type AwsHome } from '../../endpoint/awsFiles';
import { syntheticAccount, type SyntheticAccount } from '../../endpoint/syntheticAccount';
import { addRole } from '../../endpoint/state';

const PLANTED = {
  accessKeyId: 'AKIATRUSTCANARY0001',
  secretAccessKey: 'trustCanarySecret/0001+abcdefghijklmnopqrs',
  sessionToken: 'TRUSTCANARYSESSIONTOKEN0001IQoJb3JpZ2luX2VjEPz//////////wEaCXVzLWVhc3QtMSJH',
  ssoAccessToken: 'TRUSTCANARYSSOACCESSTOKEN0001aoaAAAAAGVzAbc',
  ssoRefreshToken: 'TRUSTCANARYSSOREFRESHTOKEN0001Aorbzd',
  ssoClientSecret: 'TRUSTCANARYSSOCLIENTSECRET0001eyJraWQiOiJrZXkt',
};

/** Every secret the run could have seen: the planted ones and those the endpoint handed out. */
function secretsOf(acct: SyntheticAccount): string[] {
  const out: string[] = Object.values(PLANTED);
  for (const [id, k] of acct.state.keys) out.push(id, k.secretAccessKey, ...(k.sessionToken ? [k.sessionToken] : []));
  for (const token of acct.state.ssoTokens.keys()) out.push(token);
  return out;
}

function assertNoSecret(what: string, text: string, secrets: string[]): void {
  for (const s of secrets) {
    // A fragment is enough to leak: check the whole value and its first 16 characters.
    assert.ok(!text.includes(s) && !text.includes(s.slice(0, 16)), `${what} shows a secret (${s.slice(0, 8)}…): ${text.slice(Math.max(0, text.indexOf(s.slice(0, 16)) - 100), text.indexOf(s.slice(0, 16)) + 40)}`);
  }
}

async function withAccount(fn: (acct: SyntheticAccount, ep: RunningEndpoint, home: AwsHome) => Promise<void>, denyActions: string[] = []): Promise<void> {
  const acct = syntheticAccount({ regions: ['us-east-1'], users: 3, roles: 3, resourcesPerRegion: 6, eventsPerRegion: 40, dataEventsPerRegion: 10 });
  acct.state.keys.set(PLANTED.accessKeyId, { secretAccessKey: PLANTED.secretAccessKey, sessionToken: PLANTED.sessionToken, account: acct.account, arn: acct.callerArn, userId: 'AIDATRUSTCANARY' });
  const ep = await startEndpoint({ state: acct.state, denyActions });
  const home = makeAwsHome({ AWS_ENDPOINT_URL: ep.url });
  try {
    await fn(acct, ep, home);
  } finally {
    home.dispose();
    await ep.close();
  }
}

function plantStatic(home: AwsHome, secret = PLANTED.secretAccessKey): void {
  home.config('[profile audit]\nregion = us-east-1\n');
  home.credentials(`[audit]\naws_access_key_id = ${PLANTED.accessKeyId}\naws_secret_access_key = ${secret}\naws_session_token = ${PLANTED.sessionToken}\n`);
}

function plantSso(home: AwsHome, acct: SyntheticAccount, expiresAt: Date): void {
  home.config(`[profile corp]\nsso_session = corp\nsso_account_id = ${acct.account}\nsso_role_name = ReadOnly\nregion = us-east-1\n[sso-session corp]\nsso_start_url = https://corp.awsapps.com/start\nsso_region = us-east-1\n`);
  const cacheName = createHash('sha1').update('corp').digest('hex');
  home.file(`.aws/sso/cache/${cacheName}.json`, JSON.stringify({
    accessToken: PLANTED.ssoAccessToken, refreshToken: PLANTED.ssoRefreshToken, clientId: 'trust-client', clientSecret: PLANTED.ssoClientSecret,
    expiresAt: expiresAt.toISOString(), region: 'us-east-1', startUrl: 'https://corp.awsapps.com/start',
  }));
}

/** The CLI's `check` with live input, in this process, through the same hook the live build registers. */
async function cliLive(args: string[], acct: SyntheticAccount, log: string[]): Promise<{ status: number; stdout: string; stderr: string }> {
  registerLiveProvider((req) => liveSource({ ...(req.profile ? { profile: req.profile } : {}), regions: req.regions, since: acct.windowStart, until: acct.windowEnd, log: (l) => { log.push(l); req.log(l); } }));
  let stdout = '';
  let stderr = '';
  const stream = new PassThrough();
  stream.on('data', (c: Buffer) => void (stdout += c.toString('utf8')));
  const io: Io = { out: (t) => void (stdout += t), err: (l) => void (stderr += `${l}\n`), stdout: stream, cwd: process.cwd(), now: () => acct.windowEnd.getTime() };
  try {
    const status = await main(['check', ...args], io);
    return { status, stdout, stderr };
  } finally {
    registerLiveProvider(undefined);
  }
}

test('static keys with a session token: logs, scope notes, every report format and the CLI show none of them', async () => {
  await withAccount(async (acct, ep, home) => {
    plantStatic(home);
    const log: string[] = [];
    const opts: LiveInputOptions = { profile: 'audit', regions: ['us-east-1'], since: acct.windowStart, until: acct.windowEnd, log: (l) => log.push(l) };
    const live = await loadLiveInputs(opts);
    const result = await runCheck(live.events, { products: new ProductIndex(live.inventory, undefined, ['product']), scope: { eventSources: ['live AWS'], notes: live.scopeNotes } });
    assert.ok(result.stats.recordsRead > 0, 'the live path really ran');
    assert.ok(ep.log.length > 3, 'calls reached the endpoint');
    const secrets = secretsOf(acct);
    // The scan finds what is there: the credentials file itself fails it.
    assert.throws(() => assertNoSecret('control', readFileSync(join(home.dir, '.aws/credentials'), 'utf8'), secrets), /shows a secret/);
    assertNoSecret('log lines', log.join('\n'), secrets);
    assertNoSecret('scope notes', live.scopeNotes.join('\n'), secrets);
    assertNoSecret('markdown', renderMarkdown(result), secrets);
    assertNoSecret('json', renderJson(result), secrets);
    assertNoSecret('text', renderText(result), secrets);
    assertNoSecret('inspected live inputs', inspect(live, { depth: 4 }), secrets);
    live.close();
    for (const format of ['md', 'json', 'text']) {
      const cliLog: string[] = [];
      const r = await cliLive(['--profile', 'audit', '--region', 'us-east-1', '--format', format], acct, cliLog);
      assert.equal(r.status, 0, r.stderr);
      assert.ok(cliLog.length > 0 && r.stdout.length > 0);
      assertNoSecret(`CLI ${format} stdout`, r.stdout, secrets);
      assertNoSecret(`CLI ${format} stderr`, r.stderr, secrets);
    }
  });
});

test('SSO: a live cached token works, an expired one fails clearly; neither token nor role credentials show anywhere', async () => {
  await withAccount(async (acct, _ep, home) => {
    addRole(acct.state, acct.account, 'ReadOnly');
    acct.state.ssoTokens.set(PLANTED.ssoAccessToken, { account: acct.account, user: 'alice@example.com' });
    plantSso(home, acct, new Date(Date.now() + 3600_000));
    const log: string[] = [];
    const r = await cliLive(['--profile', 'corp', '--region', 'us-east-1', '--format', 'json'], acct, log);
    assert.equal(r.status, 0, r.stderr);
    const secrets = secretsOf(acct); // now includes the role credentials the portal issued
    assert.ok(secrets.some((s) => s.startsWith('ASIA')), 'role credentials were issued');
    for (const [what, text] of [['log', log.join('\n')], ['stdout', r.stdout], ['stderr', r.stderr]]) assertNoSecret(`SSO ${what}`, text!, secrets);

    plantSso(home, acct, new Date('2020-01-01T00:00:00Z'));
    const expired = await loadLiveInputs({ profile: 'corp', regions: ['us-east-1'], since: acct.windowStart, until: acct.windowEnd }).then(() => undefined, (e: unknown) => e);
    assert.ok(expired instanceof Error && /aws sso login --profile corp/.test(expired.message), String(expired));
    assertNoSecret('expired SSO error, as a logger prints it', inspect(expired, { depth: 8 }), secrets);
    const cli = await cliLive(['--profile', 'corp', '--region', 'us-east-1'], acct, []);
    assert.notEqual(cli.status, 0);
    assertNoSecret('expired SSO CLI stderr', cli.stderr + cli.stdout, secrets);
  });
});

test('AccessDenied, a wrong secret and a broken credential_process: the errors say why and show no secret', async () => {
  await withAccount(async (acct, _ep, home) => {
    plantStatic(home);
    const denied = await loadLiveInputs({ profile: 'audit', regions: ['us-east-1'], since: acct.windowStart, until: acct.windowEnd }).then(() => undefined, (e: unknown) => e);
    assert.ok(denied instanceof Error && /iam:ListRoles/.test(denied.message), String(denied));
    assertNoSecret('AccessDenied error', inspect(denied, { depth: 8 }), secretsOf(acct));
  }, ['iam:ListRoles']);
  await withAccount(async (acct, _ep, home) => {
    plantStatic(home, `${PLANTED.secretAccessKey}WRONG`);
    const wrong = await loadLiveInputs({ profile: 'audit', regions: ['us-east-1'], since: acct.windowStart, until: acct.windowEnd, maxAttempts: 1 }).then(() => undefined, (e: unknown) => e);
    assert.ok(wrong instanceof Error, 'a bad signature fails');
    assertNoSecret('signature error', inspect(wrong, { depth: 8 }), secretsOf(acct));
  });
  await withAccount(async (acct, _ep, home) => {
    // A credential helper that prints half a JSON document holding the secret, then fails.
    const script = home.file('helper.sh', `#!/bin/sh\necho '{"Version": 1, "AccessKeyId": "${PLANTED.accessKeyId}", "SecretAccessKey": "${PLANTED.secretAccessKey}", "SessionToken": "${PLANTED.sessionToken}"'\nexit 0\n`, 0o700);
    home.config(`[profile proc]\nregion = us-east-1\ncredential_process = ${script}\n`);
    const broken = await loadLiveInputs({ profile: 'proc', regions: ['us-east-1'], since: acct.windowStart, until: acct.windowEnd }).then(() => undefined, (e: unknown) => e);
    assert.ok(broken instanceof Error, 'invalid helper output fails');
    console.log(`# credential_process failure reads: ${broken.message.slice(0, 200)}`);
    assertNoSecret('credential_process error message', broken.message, secretsOf(acct));
    assertNoSecret('credential_process error, as a logger prints it', inspect(broken, { depth: 8 }), secretsOf(acct));
  });
});
