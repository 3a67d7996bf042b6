import * as vscode from 'vscode';
import { loadLiveInputs, type LiveInputs } from '../../core/aws/liveInputs';
import type { ReadError } from '../../core/model';
import { escapeTerminal } from '../../core/report/escape';
import { resolvePath, type TagTrailConfig } from '../config';
import type { Inputs } from './inputs';
import { readMappingFile } from './offlineSource';
import { athenaEventSource, athenaEvents } from './athenaSource';

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
 * Inputs from a live account through the core's read-only clients. One connection serves inventory
 * and events; every AWS call is logged (operation, region, duration, outcome; never credentials).
 */
export function liveInputsFromConfig(c: TagTrailConfig, log: vscode.LogOutputChannel, cacheDir?: string): Inputs {
  let live: LiveInputs | undefined;
  let consumed = false;
  let errorSink: ((e: ReadError) => void) | undefined;
  const connect = async (signal: AbortSignal): Promise<LiveInputs> => {
    live?.close();
    live = await loadLiveInputs({
      ...(c.profile ? { profile: c.profile } : {}),
      regions: c.regions,
      since: new Date(Date.now() - c.lookbackDays * 86_400_000),
      ...(c.trailBucket ? { trailBucket: bucketUri(c.trailBucket) } : {}),
      ...(cacheDir ? { cacheDir } : {}),
      signal,
      mfaCodeProvider: askMfaCode,
      onError: (e) => errorSink?.(e),
      log: (line) => log.info(`aws: ${escapeTerminal(line)}`),
    });
    consumed = false;
    inputs.account = live.callerIdentity.account;
    inputs.regions = [...new Set(live.inventory.sources.flatMap((s) => /^aws:tag:GetResources:(.+)$/.exec(s)?.[1] ?? []))];
    // An Athena scan reads the trail's table: data events included, whatever LookupEvents would say.
    inputs.managementEventsOnly = athena ? false : live.managementEventsOnly;
    for (const note of live.scopeNotes) log.info(`scope: ${escapeTerminal(note)}`);
    return live;
  };
  const athena = athenaEventSource(c);
  const inputs: Inputs = {
    kind: 'live',
    label: c.profile || 'default credentials',
    regions: c.regions,
    eventSources: athena ? [athena] : [],
    ...(athena ? { scopeNotes: [] } : {}),
    inventory: async (signal) => (await connect(signal)).inventory,
    mapping: () => readMappingFile(c.mappingFile ? resolvePath(c.mappingFile) : undefined),
    events: (signal, onError, onNote) => (async function* () {
      // The live event stream can be read once; a second read (a re-check that needs every event) reconnects.
      const l = live && !consumed ? live : await connect(signal);
      consumed = true;
      errorSink = onError;
      // A second read (re-check) scans again; its notes replace the first scan's.
      inputs.scopeNotes?.splice(0);
      const events = athena
        ? athenaEvents({ config: c, inventory: l.inventory, mapping: await inputs.mapping(), signal, log, mfaCodeProvider: askMfaCode, notes: inputs.scopeNotes ?? [], ...(onNote ? { onNote } : {}) })
        : l.events;
      for await (const r of events) {
        signal.throwIfAborted();
        yield r;
      }
    })(),
  };
  return inputs;
}
