// The live path inside the editor: the local AWS endpoint (test/endpoint) runs in this extension host
// process, an AWS home with a static profile points the SDK at it, and Refresh with that profile
// must read the whole account through the real clients: inventory, LookupEvents and trail files.
import * as assert from 'node:assert/strict';
import { makeAwsHome, type AwsHome } from '../../endpoint/awsFiles';
import { startEndpoint, type RunningEndpoint } from '../../endpoint/server';
import { syntheticAccount, type SyntheticAccount } from '../../endpoint/syntheticAccount';
import * as vscode from 'vscode';
import { api, openDemo, waitFor, withSettings } from './helpers';

/**
 * Runs Select AWS Profile and picks the second entry (the first profile after "Default credential
 * chain") the way a user would with arrow-down and Enter.
 */
async function pickFirstProfile(): Promise<void> {
  let settled = false;
  const run = Promise.resolve(vscode.commands.executeCommand('tagtrail.selectProfile')).finally(() => { settled = true; });
  await waitFor('the profile picker to take the pick', async () => {
    // Give the picker time to open: a navigation sent before it shows would be lost.
    await new Promise((r) => setTimeout(r, 1_500));
    if (!settled) {
      await vscode.commands.executeCommand('workbench.action.quickOpenSelectNext');
      await vscode.commands.executeCommand('workbench.action.acceptSelectedQuickOpenItem');
    }
    return settled;
  }, 30_000);
  await run;
}

suite('live AWS (local endpoint)', () => {
  let acct: SyntheticAccount;
  let ep: RunningEndpoint;
  let home: AwsHome;

  suiteSetup(async () => {
    acct = syntheticAccount({
      regions: ['us-east-1', 'eu-west-1'], users: 5, roles: 4, resourcesPerRegion: 8, eventsPerRegion: 30, dataEventsPerRegion: 10,
      // Inside the default look-back, whatever day the suite runs.
      windowStart: new Date(Date.now() - 3 * 86_400_000), windowHours: 48,
    });
    ep = await startEndpoint({ state: acct.state, pageCaps: { iam: 3, tagging: 4, s3: 2 } });
    home = makeAwsHome({ AWS_ENDPOINT_URL: ep.url });
    home.config('[profile audit]\nregion = us-east-1\n');
    home.credentials(`[audit]\naws_access_key_id = ${acct.key.accessKeyId}\naws_secret_access_key = ${acct.key.secretAccessKey}\n`);
  });

  suiteTeardown(async () => {
    home?.dispose();
    await ep?.close();
  });

  test('loading from a profile reads inventory, LookupEvents and trail files from the endpoint', async () => {
    const a = await api();
    await withSettings([
      ['offline.inventory', ''], ['offline.events', []], ['mappingFile', ''],
      ['profile', 'audit'], ['regions', acct.regions], ['trailBucket', `${acct.bucket}/logs`], ['lookbackDays', 7],
    ], async () => {
      // What Select AWS Profile does once a profile is picked (the picker itself is a quick pick).
      assert.equal(await a.reload(), 'done');
      await a.whenIdle();
      const r = a.lastCheckResult();
      assert.ok(r, 'a check result from the live account');
      assert.equal(r.stats.recordsRead, acct.expected.lookupEvents + acct.expected.dataEvents, 'every event once, duplicates dropped');
      assert.equal(r.scope.managementEventsOnly ?? false, false, 'trail files give data events too');
      const labels = a.getProductsTree(1).map((n) => n.label);
      for (const p of ['checkout', 'search', 'billing']) assert.ok(labels.includes(p), `product ${p} from the endpoint's tags`);
      const actions = new Set(ep.log.map((c) => c.action));
      for (const op of ['GetCallerIdentity', 'LookupEvents', 'GetResources']) {
        assert.ok([...actions].some((x) => x.endsWith(op)), `${op} reached the endpoint (saw ${[...actions].join(', ')})`);
      }
      assert.ok(ep.log.every((c) => c.outcome !== 'error'), 'no call the endpoint rejected');
    });
  });

  test('Select AWS Profile with the demo open loads the picked profile, not the demo again', async () => {
    const a = await openDemo();
    await withSettings([['offline.inventory', ''], ['offline.events', []], ['mappingFile', ''], ['profile', ''],
      ['regions', acct.regions], ['trailBucket', `${acct.bucket}/logs`], ['lookbackDays', 7]], async () => {
      await pickFirstProfile();
      assert.equal(vscode.workspace.getConfiguration('tagtrail').get('profile'), 'audit', 'the pick is saved in the settings');
      await a.whenIdle();
      assert.equal(a.lastCheckResult()?.stats.recordsRead, acct.expected.lookupEvents + acct.expected.dataEvents, 'the live account was loaded');
    });
  });

  test('a profile without credentials fails with an error, not an empty account', async () => {
    const a = await api();
    home.config('[profile audit]\nregion = us-east-1\n[profile nobody]\nregion = us-east-1\n');
    await withSettings([['offline.inventory', ''], ['offline.events', []], ['profile', 'nobody'], ['regions', ['us-east-1']], ['trailBucket', '']], async () => {
      assert.equal(await a.reload(), 'failed');
    });
  });
});
