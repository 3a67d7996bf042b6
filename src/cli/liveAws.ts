import { homedir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline/promises';
import { liveSource } from '../core/source/liveSource';
import { InputError } from './inputs';
import type { LiveProvider } from './liveHook';

/** Where the incremental LookupEvents cache lives, per account and region below it. */
function cacheDir(): string {
  const base = process.env['XDG_CACHE_HOME'] || join(homedir(), '.cache');
  return join(base, 'tagtrail', 'lookup-events');
}

/** Asks for an MFA code on the terminal; fails clearly when there is no terminal to ask on. */
async function askMfaCode(mfaSerial: string): Promise<string> {
  if (!process.stdin.isTTY) throw new InputError(`the profile needs an MFA code for ${mfaSerial}, and there is no terminal to ask on`);
  const rl = createInterface({ input: process.stdin, output: process.stderr });
  try {
    return (await rl.question(`MFA code for ${mfaSerial}: `)).trim();
  } finally {
    rl.close();
  }
}

/** The CLI's adapter from `tagtrail check --profile …` to the live source: terminal MFA prompt, on-disk cache. */
export const cliLiveProvider: LiveProvider = (req) => liveSource({
  ...(req.profile !== undefined ? { profile: req.profile } : {}),
  ...(req.trailBucket !== undefined ? { trailBucket: req.trailBucket } : {}),
  ...(req.until !== undefined ? { until: req.until } : {}),
  ...(req.mappingFile !== undefined ? { mappingFile: req.mappingFile } : {}),
  ...(req.inventorySource !== undefined ? { inventorySource: req.inventorySource } : {}),
  ...(req.configAggregator !== undefined ? { configAggregator: req.configAggregator } : {}),
  ...(req.maxHistoryCalls !== undefined ? { maxHistoryCalls: req.maxHistoryCalls } : {}),
  regions: req.regions,
  since: req.since,
  cacheDir: cacheDir(),
  mfaCodeProvider: askMfaCode,
  log: req.log,
  onConnected: (live) => req.log(`tagtrail: checking account ${live.callerIdentity.account} as ${live.callerIdentity.arn}`),
});
