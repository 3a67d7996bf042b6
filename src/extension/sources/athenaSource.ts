/**
 * The live check's events from an Athena scan (`tagtrail.athena.table`): the tags still come from
 * the live account, the events from the rows Athena brings back (`core/source/athenaSource.ts`).
 */
import { athenaSource } from '../../core/source/athenaSource';
import type { MfaCodeProvider } from '../../core/aws/credentials';
import type { CheckSource } from '../../core/source/types';
import type { TagTrailConfig } from '../config';
import { athenaTableSetting } from './athenaChoice';

/** The event source label for the report's scope, or undefined when Athena is not set. */
export function athenaEventSource(c: TagTrailConfig): string | undefined {
  const t = c.athenaTable.trim();
  return t === '' ? undefined : `athena:${t}`;
}

/**
 * The Athena source of the settings, or undefined when `tagtrail.athena.table` is empty. Throws when
 * the setting is malformed (a typo never silently falls back to another source). The workgroup's
 * region is the first checked region, else AWS_REGION, else the profile's.
 */
export function athenaFromConfig(c: TagTrailConfig, tags: CheckSource, opts: { log: (line: string) => void; mfaCodeProvider: MfaCodeProvider }): CheckSource | undefined {
  const table = athenaTableSetting(c.athenaTable);
  if (!table) return undefined;
  return athenaSource({
    table, tags, log: opts.log, mfaCodeProvider: opts.mfaCodeProvider,
    ...(c.profile ? { profile: c.profile } : {}), ...(c.regions[0] ? { region: c.regions[0] } : {}),
  });
}
