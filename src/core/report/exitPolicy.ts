import type { CheckResult } from '../model';

/** What can make a check fail a CI job (`--fail-on`). */
export const FAIL_ON = ['write', 'denied', 'read', 'gaps', 'read-errors'] as const;
export type FailOn = (typeof FAIL_ON)[number];

/** `--fail-on-findings`: any finding, whatever its severity. */
export const FAIL_ON_FINDINGS: readonly FailOn[] = ['write', 'denied', 'read'];

/**
 * Parses `--fail-on` values (`write,denied`, or repeated); throws an Error naming the bad value and
 * the allowed ones, so a typo never silently turns the gate off.
 */
export function parseFailOn(values: string[]): Set<FailOn> {
  const out = new Set<FailOn>();
  for (const v of values.flatMap((x) => x.split(',')).map((x) => x.trim()).filter((x) => x !== '')) {
    if (!(FAIL_ON as readonly string[]).includes(v)) throw new Error(`--fail-on takes ${FAIL_ON.join(', ')} (comma-separated, any subset); got "${v}"`);
    out.add(v as FailOn);
  }
  if (values.length > 0 && out.size === 0) throw new Error(`--fail-on needs at least one of ${FAIL_ON.join(', ')}`);
  return out;
}

/** Why the check fails under `policy`, one phrase per condition met (empty: it passes). Counts are exact, listed or not. */
export function failReasons(result: CheckResult, policy: ReadonlySet<FailOn>): string[] {
  const s = result.stats;
  const out: string[] = [];
  for (const sev of ['write', 'denied', 'read'] as const) {
    const n = s.findingsBySeverity[sev];
    if (policy.has(sev) && n > 0) out.push(`${n} ${sev} finding${n === 1 ? '' : 's'}`);
  }
  if (policy.has('gaps') && s.gaps > 0) out.push(`${s.gaps} coverage gap${s.gaps === 1 ? '' : 's'}`);
  if (policy.has('read-errors') && result.readErrors.length > 0) out.push(`${result.readErrors.length} read error${result.readErrors.length === 1 ? '' : 's'}`);
  return out;
}
