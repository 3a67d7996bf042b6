import * as vscode from 'vscode';
import type { ResolvedEvent } from '../../core/model';

/** Opens an event's CloudTrail record as a read-only JSON document (a preview tab beside the panel's). */
export async function openRecordDocument(ev: ResolvedEvent): Promise<void> {
  const doc = await vscode.workspace.openTextDocument({ language: 'json', content: JSON.stringify(ev.record, null, 2) });
  await vscode.window.showTextDocument(doc, { preview: true });
}
