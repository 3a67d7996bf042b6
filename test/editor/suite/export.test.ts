// Export Findings to Markdown from a product's context menu: the file written must be the core's
// rendering of the product's check, and name every expected finding of that product.
import * as assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as vscode from 'vscode';
import { renderMarkdown } from '../../../src/core/report/markdown';
import { groupResult } from '../../../src/core/report/group';
import { demoExpected, openDemo, waitFor } from './helpers';

/**
 * Runs the export and answers its save dialog the way a user pressing Enter would: the simple
 * (quick-input) dialog is always used in the browser and is forced here for desktop runs.
 */
async function exportThroughDialog(arg: unknown): Promise<vscode.Uri | undefined> {
  await vscode.workspace.getConfiguration('files').update('simpleDialog.enable', true, vscode.ConfigurationTarget.Global);
  let settled = false;
  const run = Promise.resolve(vscode.commands.executeCommand<vscode.Uri | undefined>('tagtrail.exportMarkdown', arg))
    .finally(() => { settled = true; });
  await waitFor('the export to finish', async () => {
    if (!settled) await vscode.commands.executeCommand('workbench.action.acceptSelectedQuickOpenItem');
    return settled;
  });
  return run;
}

suite('export', () => {
  test('exporting a product writes the markdown of its check into the chosen file', async () => {
    const a = await openDemo();
    const folder = vscode.workspace.workspaceFolders?.[0]?.uri.fsPath;
    assert.ok(folder, 'the test workbench has a folder open');
    const product = 'checkout';
    const file = join(folder, `tagtrail-findings-${product}.md`);
    rmSync(file, { force: true });

    const uri = await exportThroughDialog({ product, contextValue: 'product' });
    assert.equal(uri?.fsPath, file, 'the dialog offers the workspace folder and a product-named file');
    assert.ok(existsSync(file), `${file} written`);
    const written = readFileSync(file, 'utf8');
    const r = a.lastCheckResult();
    assert.ok(r);
    assert.equal(r.scope.product, product, 'export from a product narrows the check to it');
    assert.equal(written, renderMarkdown(r));
    // The report groups findings by caller, resource and action and names a few event ids per
    // group: every expected finding must sit in a group whose row (its first event id) is written.
    const groups = groupResult(r).findingGroups;
    for (const f of demoExpected().findings.filter((x) => x.principalProduct === product || x.resourceProduct === product)) {
      const group = groups.find((g) => g.events.some((e) => e.eventID === f.eventID));
      assert.ok(group, `finding ${f.eventID} in a finding group`);
      assert.ok(written.includes(group.events[0]!.eventID), `the group of finding ${f.eventID} in the export`);
    }
    await waitFor('the exported file to open in an editor', () =>
      vscode.window.visibleTextEditors.some((e) => e.document.uri.fsPath === file));
    rmSync(file, { force: true });
  });

  // The palette and the Findings title pass no product; the file offered is named after the scope of
  // the check it writes, not a generic name over one product's findings.
  test('exporting with no argument after one product\'s check offers that product\'s file', async () => {
    const a = await openDemo();
    const folder = vscode.workspace.workspaceFolders?.[0]?.uri.fsPath;
    assert.ok(folder);
    const product = 'catalog';
    assert.equal(await vscode.commands.executeCommand('tagtrail.checkViolations', { product, contextValue: 'product' }), 'done');
    const file = join(folder, `tagtrail-findings-${product}.md`);
    rmSync(file, { force: true });
    const uri = await exportThroughDialog(undefined);
    assert.equal(uri?.fsPath, file);
    assert.equal(a.lastCheckResult()?.scope.product, product);
    assert.equal(readFileSync(file, 'utf8'), renderMarkdown(a.lastCheckResult()!));
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    rmSync(file, { force: true });
  });

  // Scripts pass the file: no dialog may open (it would never be answered here, so the command
  // would not settle and the test would time out).
  test('a target Uri as second argument is written without a dialog', async () => {
    const a = await openDemo();
    const dir = mkdtempSync(join(tmpdir(), 'tagtrail-export-'));
    const file = join(dir, 'scripted.md');
    const product = 'analytics';
    const uri = await vscode.commands.executeCommand<vscode.Uri | undefined>('tagtrail.exportMarkdown', { product, contextValue: 'product' }, vscode.Uri.file(file));
    assert.equal(uri?.fsPath, file);
    const r = a.lastCheckResult();
    assert.equal(r?.scope.product, product, 'the product argument still narrows the check');
    assert.equal(readFileSync(file, 'utf8'), renderMarkdown(r!));
    rmSync(dir, { recursive: true, force: true });
  });
});
