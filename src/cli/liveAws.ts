import { homedir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline/promises';
import { loadLiveInputs } from '../core/aws/liveInputs';
import { TagTrailAwsError } from '../core/aws/errors';
import type { ReadError } from '../core/model';
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

/**
 * The CLI's adapter from `tagtrail check --profile …` to the live AWS layer. AWS errors that a user
 * can act on (expired SSO session, missing permission, unknown region) become input errors, so the
 * CLI prints their one-line explanation and exits 2 instead of a stack trace.
 */
export const cliLiveProvider: LiveProvider = async (req) => {
  const readErrors: ReadError[] = [];
  try {
    const live = await loadLiveInputs({
      ...(req.profile !== undefined ? { profile: req.profile } : {}),
      ...(req.trailBucket !== undefined ? { trailBucket: req.trailBucket } : {}),
      ...(req.until !== undefined ? { until: req.until } : {}),
      ...(req.signal !== undefined ? { signal: req.signal } : {}),
      regions: req.regions,
      since: req.since,
      cacheDir: cacheDir(),
      mfaCodeProvider: askMfaCode,
      log: req.log,
      onError: (e) => readErrors.push(e),
    });
    req.log(`tagtrail: checking account ${live.callerIdentity.account} as ${live.callerIdentity.arn}`);
    return {
      inventory: live.inventory,
      events: live.events,
      scopeNotes: live.scopeNotes,
      managementEventsOnly: live.managementEventsOnly,
      readErrors,
    };
  } catch (e) {
    if (e instanceof TagTrailAwsError) throw new InputError(e.message);
    throw e;
  }
};
