import * as vscode from 'vscode';
import type { ProfileInForce } from '../core/aws/profiles';
import type { Session } from './session';
import { readConfig } from './config';
import { setContext } from './contextKeys';
import { currentProfile } from './commands/awsCommands';

/**
 * The status bar item: where the data comes from (profile, account, regions); click to pick a
 * profile. With nothing loaded it names the AWS profile in force (the setting, else AWS_PROFILE,
 * environment keys, the `default` profile…), the one Check Violations would check, and sets the
 * `tagtrail.currentProfile` context key that the welcome view reads.
 */
export function createStatusBar(session: Session): vscode.Disposable {
  const item = vscode.window.createStatusBarItem('tagtrail.status', vscode.StatusBarAlignment.Left, 10);
  item.name = 'TagTrail';
  item.command = 'tagtrail.selectProfile';
  let inForce: ProfileInForce | undefined;
  const update = (): void => {
    const s = session.source;
    const c = readConfig();
    const regions = s?.regions ?? c.regions;
    const busy = session.loading ? '$(sync~spin) ' : '';
    const profile = inForce && (inForce.found || inForce.sdkProfile !== undefined) ? (inForce.name ?? inForce.label) : undefined;
    if (!s) item.text = `${busy}$(tag) TagTrail: ${profile ?? 'no AWS profile'}`;
    else if (s.kind === 'live' || s.kind === 'athena') item.text = `${busy}$(cloud) ${s.label}${session.account ? ` · ${session.account}` : ''}${regions.length ? ` · ${regions.join(', ')}` : ''}`;
    else item.text = `${busy}$(file) ${s.label}`;
    // Plain text, not markdown: the label and account come from files and AWS.
    item.tooltip = `TagTrail\nSource: ${s ? `${s.kind} (${s.label})` : 'none'}\nProfile: ${inForce?.label ?? (c.profile || 'default chain')}\nAccount: ${session.account ?? 'unknown'}\nRegions: ${regions.join(', ') || 'profile default'}\nClick to select an AWS profile.`;
    item.show();
  };
  // The shared files can change under us (`aws configure`); they are read again on focus and on settings changes.
  let generation = 0;
  const refreshProfile = async (): Promise<void> => {
    const mine = ++generation;
    const p = await currentProfile();
    if (mine !== generation) return;
    inForce = p;
    setContext('tagtrail.currentProfile', p.found || p.sdkProfile !== undefined ? (p.name ?? p.label) : '');
    update();
  };
  update();
  void refreshProfile();
  const subs = [
    session.onDidChange(update),
    vscode.workspace.onDidChangeConfiguration((e) => { if (e.affectsConfiguration('tagtrail')) void refreshProfile(); }),
    vscode.window.onDidChangeWindowState((w) => { if (w.focused) void refreshProfile(); }),
  ];
  return vscode.Disposable.from(item, ...subs);
}
