// Runs inside the editor (code-server): activation with an offline source in the workspace settings,
// until the Products view is drawn and the load is done (its check's result drawn in the Findings
// view); then the grouped Findings tree walked down to the groups, and the 50,000-row events panel.
// Writes its figures to the file named by TAGTRAIL_BENCH_OUT.
import * as vscode from 'vscode';
import { writeFileSync } from 'node:fs';
import type { TagTrailApi } from '../../src/extension/extension';

async function until(what: () => unknown, ms = 300_000): Promise<void> {
  const deadline = Date.now() + ms;
  while (!what()) {
    if (Date.now() > deadline) throw new Error('benchmark timed out');
    await new Promise((r) => setTimeout(r, 20));
  }
}

suite('bench', () => {
  test('offline load and a 50,000-row panel', async () => {
    const ext = vscode.extensions.getExtension<TagTrailApi>('tagtrail.tagtrail');
    if (!ext) throw new Error('TagTrail is not loaded');
    const a = ext.isActive ? ext.exports : await ext.activate();
    await vscode.commands.executeCommand('tagtrail.products.focus');
    await until(() => a.timings().activationToProductsMs !== undefined);
    await a.whenIdle();
    await until(() => a.timings().resultToFindingsMs !== undefined, 60_000);
    // Every product pair's groups (each pair's children built), as expanding them all would.
    const walk0 = Date.now();
    const tree = a.getFindingsTree(2);
    const findingsWalkMs = Date.now() - walk0;
    const findingGroups = tree.reduce((n, pair) => n + (pair.children?.length ?? 0), 0);
    const opened = Date.now();
    const key = `resource:${process.env.TAGTRAIL_BENCH_BUCKET ?? ''}`;
    await vscode.commands.executeCommand('tagtrail.showEvents', { arn: process.env.TAGTRAIL_BENCH_BUCKET });
    await until(() => a.panelRenders()[key]);
    const panelMs = Date.now() - opened;
    writeFileSync(process.env.TAGTRAIL_BENCH_OUT ?? 'bench-extension.json', JSON.stringify({
      ...a.timings(), panelCommandToFirstRowsMs: panelMs, findingsWalkMs, findingGroups, findings: a.lastCheckResult()?.findings.length, panel: a.panelRenders()[key], events: a.eventCount(),
      products: a.getProductsTree(1).length,
    }));
  });
});
