// Runs inside the editor (code-server): activation with an offline source in the workspace settings,
// until the Products view is drawn and the load is done; then the 50,000-row events panel.
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
    const opened = Date.now();
    const key = `resource:${process.env.TAGTRAIL_BENCH_BUCKET ?? ''}`;
    await vscode.commands.executeCommand('tagtrail.showEvents', { arn: process.env.TAGTRAIL_BENCH_BUCKET });
    await until(() => a.panelRenders()[key]);
    const panelMs = Date.now() - opened;
    writeFileSync(process.env.TAGTRAIL_BENCH_OUT ?? 'bench-extension.json', JSON.stringify({
      ...a.timings(), panelCommandToFirstRowsMs: panelMs, panel: a.panelRenders()[key], events: a.eventCount(),
      products: a.getProductsTree(1).length,
    }));
  });
});
