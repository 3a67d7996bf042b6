import * as vscode from 'vscode';
import { escapeTerminal } from '../../core/report/escape';
import { renderMarkdown } from '../../core/report/markdown';
import { recheck } from '../loader';
import { nodeArg, type CommandContext } from './context';

/**
 * Writes the last check's findings as markdown to a file the user picks, then opens it with its
 * preview beside. From a product's context menu the check is first narrowed to that product.
 */
export async function exportMarkdown(ctx: CommandContext, arg?: unknown): Promise<vscode.Uri | undefined> {
  const product = nodeArg(arg)?.product;
  if (product !== undefined && ctx.session.lastCheckProduct !== product) {
    if ((await recheck(ctx.session, product, ctx.log)) !== 'done') return undefined;
  }
  const result = ctx.session.lastResult;
  if (!result) {
    void vscode.window.showInformationMessage('TagTrail: run Check Violations first.');
    return undefined;
  }
  const folder = vscode.workspace.workspaceFolders?.[0]?.uri;
  const name = `tagtrail-findings${product ? `-${product.replace(/[^\w.-]+/g, '_')}` : ''}.md`;
  const target = await vscode.window.showSaveDialog({
    title: 'TagTrail: export findings', filters: { Markdown: ['md'] },
    ...(folder ? { defaultUri: vscode.Uri.joinPath(folder, name) } : {}),
  });
  if (!target) return undefined;
  await vscode.workspace.fs.writeFile(target, Buffer.from(renderMarkdown(result), 'utf8'));
  ctx.log.info(`exported ${result.findings.length} findings to ${escapeTerminal(target.fsPath)}`);
  const doc = await vscode.workspace.openTextDocument(target);
  await vscode.window.showTextDocument(doc, { preview: false });
  await vscode.commands.executeCommand('markdown.showPreviewToSide', target);
  return target;
}
