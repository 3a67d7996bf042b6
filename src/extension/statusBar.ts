import * as vscode from 'vscode';
import type { Session } from './session';
import { readConfig } from './config';

/** The status bar item: where the data comes from (profile, account, regions); click to pick a profile. */
export function createStatusBar(session: Session): vscode.Disposable {
  const item = vscode.window.createStatusBarItem('tagtrail.status', vscode.StatusBarAlignment.Left, 10);
  item.name = 'TagTrail';
  item.command = 'tagtrail.selectProfile';
  const update = (): void => {
    const s = session.source;
    const c = readConfig();
    const regions = s?.regions ?? c.regions;
    const busy = session.loading ? '$(sync~spin) ' : '';
    if (!s) item.text = `${busy}$(tag) TagTrail: ${c.profile || 'no profile'}`;
    else if (s.kind === 'live') item.text = `${busy}$(cloud) ${s.label}${session.account ? ` · ${session.account}` : ''}${regions.length ? ` · ${regions.join(', ')}` : ''}`;
    else item.text = `${busy}$(file) ${s.label}`;
    // Plain text, not markdown: the label and account come from files and AWS.
    item.tooltip = `TagTrail\nSource: ${s ? `${s.kind} (${s.label})` : 'none'}\nProfile: ${c.profile || 'default chain'}\nAccount: ${session.account ?? 'unknown'}\nRegions: ${regions.join(', ') || 'profile default'}\nClick to select an AWS profile.`;
    item.show();
  };
  update();
  const subs = [
    session.onDidChange(update),
    vscode.workspace.onDidChangeConfiguration((e) => { if (e.affectsConfiguration('tagtrail')) update(); }),
  ];
  return vscode.Disposable.from(item, ...subs);
}
