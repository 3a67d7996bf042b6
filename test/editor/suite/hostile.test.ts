// The hostile corpus (test/fixtures/hostile) through the real extension in a real editor: offline
// settings point at the hostile files, Refresh loads and checks them, and the events panels of the
// attacked bucket and of the attacking role paint their rows. The page-level proof that no record
// text runs as script is test/unit/trust/webviewBrowser.test.ts, on the same page and bundle.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { ALPHA_ROLE, BETA_BUCKET, hostileCases, writeHostileFiles } from '../../fixtures/hostile/hostileRecords';
import { api, waitFor, withSettings } from './helpers';

suite('hostile input', () => {
  test('offline settings on the hostile corpus: loads, checks, and the events panels paint every hostile row', async () => {
    const a = await api();
    const files = writeHostileFiles();
    const findingCases = hostileCases().filter((c) => c.expect === 'finding').length;
    await withSettings([['offline.inventory', files.inventory], ['offline.events', [files.jsonl, files.trailGz]], ['mappingFile', ''], ['productTagKeys', ['product']]], async () => {
      assert.equal(await a.reload(), 'done');
      await a.whenIdle();
      const r = a.lastCheckResult();
      assert.ok(r, 'a check ran');
      // The JSONL and the trail file hold the same events: each is checked once, the copies dropped.
      assert.ok(r.stats.findings >= findingCases, `findings ${r.stats.findings} from hostile records`);
      assert.ok((r.stats.duplicatesDropped ?? 0) >= findingCases, `duplicates dropped ${r.stats.duplicatesDropped ?? 0}`);
      assert.ok(r.readErrors.length >= files.invalidLines, 'unreadable lines are reported, not fatal');
      const bucket = `arn:aws:s3:::${BETA_BUCKET}`;
      await vscode.commands.executeCommand('tagtrail.showEvents', { arn: bucket, contextValue: 'resource' });
      const rendered = await waitFor('the bucket panel to report hostile rows painted', () => a.panelRenders()[`resource:${bucket}`]);
      assert.ok(rendered.rows >= findingCases, `${rendered.rows} rows on ${bucket}`);
      assert.ok(rendered.visibleRows > 0);
      await vscode.commands.executeCommand('tagtrail.showActivity', { arn: ALPHA_ROLE, contextValue: 'principal' });
      const activity = await waitFor('the role panel to report its rows painted', () => a.panelRenders()[`principal:${ALPHA_ROLE}`]);
      assert.ok(activity.rows >= findingCases, `${activity.rows} rows for ${ALPHA_ROLE}`);
    });
  });

  suiteTeardown(async () => {
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });
});
