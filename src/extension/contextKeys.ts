import * as vscode from 'vscode';

/** Every context key TagTrail sets; `when` clauses in package.json read them. */
export type ContextKey = 'tagtrail.loaded' | 'tagtrail.loading' | 'tagtrail.checked' | 'tagtrail.principalsFiltered' | 'tagtrail.resourcesFiltered'
  /** The name of the AWS profile in force (setting, AWS_PROFILE, default…), or '' when none is. */
  | 'tagtrail.currentProfile';

const current = new Map<ContextKey, boolean | string>();

/** Sets a context key, skipping the round trip when the value has not changed. */
export function setContext(key: ContextKey, value: boolean | string): void {
  if (current.get(key) === value) return;
  current.set(key, value);
  void vscode.commands.executeCommand('setContext', key, value);
}
