import * as vscode from 'vscode';
import { liveSource } from '../../core/source/liveSource';
import { escapeTerminal } from '../../core/report/escape';
import { resolvePath, type TagTrailConfig } from '../config';
import type { Inputs } from './inputs';
import { athenaFromConfig } from './athenaSource';

/** Asks for an MFA code when a profile's role needs one; the code is passed on and never logged. */
async function askMfaCode(serial: string): Promise<string> {
  const code = await vscode.window.showInputBox({
    title: 'TagTrail: MFA code', prompt: `Code of MFA device ${serial}`, password: true, ignoreFocusOut: true,
    validateInput: (v) => (/^\d{6}$/.test(v.trim()) ? undefined : 'Six digits'),
  });
  if (code === undefined) throw new Error('MFA code not given.');
  return code.trim();
}

function bucketUri(v: string): string {
  return v.startsWith('s3://') ? v : `s3://${v}`;
}

/**
 * The live account of the settings (`core/source/liveSource.ts`), or its Athena scan when
 * `tagtrail.athena.table` is set (tags from the account, events from Athena). Every AWS call is
 * logged (operation, region, duration, outcome; never credentials).
 */
export function liveInputsFromConfig(c: TagTrailConfig, log: vscode.LogOutputChannel, cacheDir?: string, label?: string): Inputs {
  const live = liveSource({
    ...(label ? { label } : {}),
    ...(c.profile ? { profile: c.profile } : {}),
    regions: c.regions,
    since: new Date(Date.now() - c.lookbackDays * 86_400_000),
    ...(c.trailBucket ? { trailBucket: bucketUri(c.trailBucket) } : {}),
    ...(c.inventorySource && c.inventorySource !== 'tagging' ? { inventorySource: c.inventorySource } : {}),
    ...(c.configAggregator ? { configAggregator: c.configAggregator } : {}),
    ...(cacheDir ? { cacheDir } : {}),
    ...(c.mappingFile ? { mappingFile: resolvePath(c.mappingFile) } : {}),
    mfaCodeProvider: askMfaCode,
    log: (line) => log.info(`aws: ${escapeTerminal(line)}`),
    onConnected: (l) => { for (const note of l.scopeNotes) log.info(`scope: ${escapeTerminal(note)}`); },
  });
  return athenaFromConfig(c, live, { log: (line) => log.info(`athena: ${escapeTerminal(line)}`), mfaCodeProvider: askMfaCode }) ?? live;
}
