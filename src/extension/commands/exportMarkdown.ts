import * as vscode from 'vscode';
import { escapeTerminal } from '../../core/report/escape';
import { renderMarkdown } from '../../core/report/markdown';
import { recheck } from '../loader';
import { nodeArg, type CommandContext } from './context';

/**
 * Writes the last check's findings as markdown to a file the user picks, then opens it with its
 * preview beside. From a product's context menu the check is first narrowed to that product.
 * A `vscode.Uri` as second argument (`executeCommand('tagtrail.exportMarkdown', node, uri)`, for
 * scripts and tests) is written without asking. Only the second: menus pass a Uri first in some
 * places (editor and explorer menus), and that file must never be overwritten by a click.
 */
export async function exportMarkdown(ctx: CommandContext, arg?: unknown, target?: unknown): Promise<vscode.Uri | undefined> {
  const product = nodeArg(arg)?.product;
  if (product !== undefined && ctx.session.lastCheckProduct !== product) {
    if ((await recheck(ctx.session, product, ctx.log)) !== 'done') return undefined;
  }
  const result = ctx.session.lastResult;
  if (!result) {
    void vscode.window.showInformationMessage('TagTrail: run Check Violations first.');
    return undefined;
  }
  // Named after the scope of what is written, however the command was reached: the palette and the
  // Findings title pass no product, and a tree item whose handle VS Code could no longer resolve
  // (its tree refreshed under the menu) arrives as undefined, yet the last check may be one product's.
  const file = target instanceof vscode.Uri ? target : await askTarget(product ?? ctx.session.lastCheckProduct);
  if (!file) return undefined;
  await vscode.workspace.fs.writeFile(file, Buffer.from(renderMarkdown(result), 'utf8'));
  ctx.log.info(`exported ${result.findings.length} findings to ${escapeTerminal(file.fsPath)}`);
  const doc = await vscode.workspace.openTextDocument(file);
  await vscode.window.showTextDocument(doc, { preview: false });
  await vscode.commands.executeCommand('markdown.showPreviewToSide', file);
  return file;
}

/** The save dialog, offering a product-named file in the first workspace folder. */
function askTarget(product: string | undefined): Thenable<vscode.Uri | undefined> {
  const folder = vscode.workspace.workspaceFolders?.[0]?.uri;
  const name = `tagtrail-findings${product ? `-${product.replace(/[^\w.-]+/g, '_')}` : ''}.md`;
  return vscode.window.showSaveDialog({
    title: 'TagTrail: export findings', filters: { Markdown: ['md'] },
    ...(folder ? { defaultUri: vscode.Uri.joinPath(folder, name) } : {}),
  });
}
