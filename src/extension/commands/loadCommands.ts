import * as vscode from 'vscode';
import { hasOfflineSource, readConfig, resolvePath } from '../config';
import { demoInputs } from '../sources/demoSource';
import { offlineInputs } from '../sources/offlineSource';
import { liveInputsFromConfig } from '../sources/liveSource';
import type { Inputs } from '../sources/inputs';
import type { Outcome } from '../loader';
import type { CommandContext } from './context';
import { escapeNotice, escapeTerminal } from '../../core/report/escape';

/** The live account of the profile in the settings. */
export function liveInputs(ctx: CommandContext, label?: string): Inputs {
  return liveInputsFromConfig(readConfig(), ctx.log, vscode.Uri.joinPath(ctx.extension.globalStorageUri, 'lookup-cache').fsPath, label);
}

/** The source named by the settings: offline files when set, else the AWS profile. */
export function inputsFromSettings(ctx: CommandContext): Inputs {
  const c = readConfig();
  if (hasOfflineSource(c)) {
    return offlineInputs({
      label: 'offline files',
      inventory: c.offlineInventory.map(resolvePath),
      events: c.offlineEvents.map(resolvePath),
      ...(c.mappingFile ? { mappingFile: resolvePath(c.mappingFile) } : {}),
      ...(c.offlineTrailConfig?.length ? { trailConfig: c.offlineTrailConfig.map(resolvePath) } : {}),
    });
  }
  return liveInputs(ctx);
}

/**
 * Loads again: the files or demo already open are re-read; otherwise the settings decide (offline
 * files when set, else live AWS with the chosen profile).
 */
export async function refresh(ctx: CommandContext): Promise<Outcome> {
  const current = ctx.session.source;
  if (current && current.kind !== 'live' && current.kind !== 'athena' && !hasOfflineSource(readConfig())) return ctx.load(current);
  return ctx.load(inputsFromSettings(ctx));
}

/** Opens the demo account bundled with the extension: no AWS account needed. */
export async function openDemo(ctx: CommandContext): Promise<Outcome> {
  const dir = vscode.Uri.joinPath(ctx.extension.extensionUri, 'demo').fsPath;
  let inputs: Inputs;
  try {
    inputs = await demoInputs(dir);
  } catch (e) {
    const message = e instanceof Error ? e.message : String(e);
    ctx.log.error(escapeTerminal(message));
    void vscode.window.showErrorMessage(escapeNotice(`TagTrail: ${message}`));
    return 'failed';
  }
  return ctx.load(inputs);
}

/** Asks for trail files or folders, an inventory file and optionally a mapping file, then loads them. */
export async function loadFiles(ctx: CommandContext): Promise<Outcome | undefined> {
  const events = await vscode.window.showOpenDialog({
    title: 'TagTrail: CloudTrail files or folders (.json, .json.gz, JSONL, LookupEvents output)',
    canSelectFiles: true, canSelectFolders: true, canSelectMany: true, openLabel: 'Use these events',
  });
  if (!events?.length) return undefined;
  const inventory = await vscode.window.showOpenDialog({
    title: 'TagTrail: inventory (TagTrail snapshot, get-resources or IAM authorization details)',
    canSelectFiles: true, canSelectMany: true, openLabel: 'Use this inventory', filters: { JSON: ['json'], 'All files': ['*'] },
  });
  if (!inventory?.length) return undefined;
  const mapping = await vscode.window.showOpenDialog({
    title: 'TagTrail: mapping file (optional; cancel to skip)', canSelectFiles: true, canSelectMany: false,
    openLabel: 'Use this mapping', filters: { JSON: ['json'] },
  });
  const mappingFile = mapping?.[0]?.fsPath ?? (readConfig().mappingFile ? resolvePath(readConfig().mappingFile) : undefined);
  return ctx.load(offlineInputs({
    label: `${events.length} event source(s)`,
    inventory: inventory.map((u) => u.fsPath),
    events: events.map((u) => u.fsPath),
    ...(mappingFile ? { mappingFile } : {}),
  }));
}
