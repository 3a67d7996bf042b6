/**
 * Whether the live check reads its events from Athena, and in which region: kept apart from the
 * editor so the choice can be tested in plain Node.
 */
import { parseAthenaTableRef, type AthenaTableRef } from '../../core/athena/tableRef';

/** The Athena scan a live check runs instead of LookupEvents and trail files. */
export interface AthenaChoice {
  table: AthenaTableRef;
  region: string;
}

/**
 * Reads `tagtrail.athena.table`: undefined when empty (LookupEvents and trail files then). The
 * workgroup's region is the first checked region, else AWS_REGION, else the profile's region.
 * Throws an Error saying what is wrong with a malformed table or a missing region, so a typo never
 * silently falls back to another source.
 */
export function chooseAthena(setting: string, regions: readonly string[], env: NodeJS.ProcessEnv, profileRegion: string | undefined): AthenaChoice | undefined {
  const table = athenaTableSetting(setting);
  if (!table) return undefined;
  const region = regions[0] ?? (env.AWS_REGION || env.AWS_DEFAULT_REGION || profileRegion);
  if (!region) throw new Error('tagtrail.athena.table is set but no region is known for Athena: set tagtrail.regions (e.g. us-east-1)');
  return { table, region };
}

/** The table `tagtrail.athena.table` names, undefined when empty; throws naming the setting when malformed. */
export function athenaTableSetting(setting: string): AthenaTableRef | undefined {
  const text = setting.trim();
  if (text === '') return undefined;
  try {
    return parseAthenaTableRef(text);
  } catch (e) {
    // The core's message names the CLI flag; the user set a setting.
    throw new Error(`tagtrail.athena.table${(e instanceof Error ? e.message : String(e)).replace(/^--athena/, '')}`);
  }
}
