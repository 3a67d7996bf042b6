import * as vscode from 'vscode';
import type { Session } from './session';
import { findingsViewDescription } from './trees/findingsTree';
import type { TreeNode } from './trees/treeNode';

/** What the Findings view's title and the counts item say, for tests reading the real widgets. */
export interface CountsShown {
  /** The Findings view's description (beside its title); '' when nothing is checked. */
  description: string;
  /** The badge on the view (and the TagTrail container): findings, absent when none. */
  badge: number | undefined;
  /** The counts status bar item's text; '' while it is hidden. */
  statusText: string;
}

function plural(n: number, one: string, many = `${one}s`): string {
  return `${n.toLocaleString('en-US')} ${n === 1 ? one : many}`;
}

/**
 * Findings and gaps counted where a user looks without opening anything: the Findings view's title
 * (description and badge) and a status bar item that focuses the view. Updated after every check
 * and while one runs; cleared when nothing is loaded or checked.
 */
export function showFindingsCounts(session: Session, view: vscode.TreeView<TreeNode>): { disposable: vscode.Disposable; shown(): CountsShown } {
  const item = vscode.window.createStatusBarItem('tagtrail.counts', vscode.StatusBarAlignment.Left, 9);
  item.name = 'TagTrail findings';
  item.command = 'tagtrail.findings.focus';
  const update = (): void => {
    const r = session.lastResult;
    view.description = findingsViewDescription(session);
    const findings = r?.stats.findings ?? session.partialFindings.length;
    const gaps = r?.stats.gaps ?? session.partialGaps.length;
    view.badge = findings > 0 ? { value: findings, tooltip: `${plural(findings, 'cross-product finding')}${r ? '' : ' so far'}` } : undefined;
    if (!r && findings === 0 && gaps === 0) {
      item.text = '';
      item.hide();
      return;
    }
    // A check that found nothing says so: no findings is an answer, not an absence of one.
    item.text = `$(${findings > 0 ? 'warning' : 'pass'}) ${plural(findings, 'finding')} · ${plural(gaps, 'gap')}${r ? '' : ' so far'}`;
    item.tooltip = r
      ? `TagTrail: ${plural(findings, 'cross-product finding')} and ${plural(gaps, 'coverage gap')} in ${plural(r.stats.recordsInScope, 'event')} checked${session.lastCheckProduct !== undefined ? ` (scope: ${session.lastCheckProduct})` : ''}.\nClick to show the Findings view.`
      : 'TagTrail: check running. Click to show the Findings view.';
    item.show();
  };
  update();
  const sub = session.onDidChange((what) => { if (what !== 'inventory') update(); });
  return {
    disposable: vscode.Disposable.from(item, sub),
    shown: () => ({ description: typeof view.description === 'string' ? view.description : '', badge: view.badge?.value, statusText: item.text }),
  };
}
