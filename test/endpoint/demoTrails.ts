/**
 * The demo's trail configuration (demo/trail-config: AWS CLI outputs of describe-trails,
 * get-trail-status.<trail>.json and get-event-selectors.<trail>.json) as the endpoint's stored
 * trails, so that a live check of the demo sees the trails the offline files describe.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { StoredTrail } from './state';

interface Described { Name: string; S3BucketName: string; S3KeyPrefix?: string; HomeRegion: string; IsMultiRegionTrail?: boolean; IsOrganizationTrail?: boolean; IncludeGlobalServiceEvents?: boolean }

/** The stored trails of the demo folder's trail-config/, or undefined when it has none. */
export function demoTrails(demoDir: string): StoredTrail[] | undefined {
  const dir = join(demoDir, 'trail-config');
  let names: string[];
  try {
    names = readdirSync(dir).filter((n) => n.endsWith('.json')).sort();
  } catch {
    return undefined;
  }
  const read = (n: string): Record<string, unknown> => JSON.parse(readFileSync(join(dir, n), 'utf8')) as Record<string, unknown>;
  const trails = new Map<string, StoredTrail>();
  for (const n of names.filter((x) => x.startsWith('describe-trails'))) {
    for (const d of (read(n).trailList ?? []) as Described[]) {
      trails.set(d.Name, {
        Name: d.Name, S3BucketName: d.S3BucketName, ...(d.S3KeyPrefix ? { S3KeyPrefix: d.S3KeyPrefix } : {}), HomeRegion: d.HomeRegion,
        IsMultiRegionTrail: d.IsMultiRegionTrail === true, IsOrganizationTrail: d.IsOrganizationTrail === true,
        IncludeGlobalServiceEvents: d.IncludeGlobalServiceEvents !== false,
      });
    }
  }
  for (const t of trails.values()) {
    const status = names.find((x) => x === `get-trail-status.${t.Name}.json`);
    if (status) {
      const s = read(status);
      t.IsLogging = s.IsLogging !== false;
      if (typeof s.StopLoggingTime === 'string') t.StopLoggingTime = s.StopLoggingTime;
    }
    const sel = names.find((x) => x === `get-event-selectors.${t.Name}.json`);
    if (sel) {
      const s = read(sel);
      if (Array.isArray(s.AdvancedEventSelectors)) t.AdvancedEventSelectors = s.AdvancedEventSelectors;
      else if (Array.isArray(s.EventSelectors)) t.EventSelectors = s.EventSelectors;
    }
  }
  return [...trails.values()];
}
