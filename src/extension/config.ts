import * as vscode from 'vscode';
import { INVENTORY_SOURCES, type InventorySource } from '../core/aws/config/sources';

/** The `tagtrail.*` settings, read fresh each time (the user may change them at any moment). */
export interface TagTrailConfig {
  productTagKeys: string[];
  regions: string[];
  lookbackDays: number;
  profile: string;
  trailBucket: string;
  /** Where a live check reads tags (`tagtrail.inventorySource`), and the aggregator of `config-aggregator`. */
  inventorySource?: InventorySource;
  configAggregator?: string;
  /** `<workgroup>/<database>.<table>`: the live check's events come from an Athena scan; empty means no Athena. */
  athenaTable: string;
  mappingFile: string;
  /** Inventory files: a list, as `check --inventory` takes several (resource tags and principal tags). */
  offlineInventory: string[];
  offlineEvents: string[];
  /** describe-trails, get-trail-status and get-event-selectors outputs: the trail coverage of offline checks. */
  offlineTrailConfig?: string[];
}

function strings(v: unknown): string[] {
  return Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string' && x.trim() !== '').map((x) => x.trim()) : [];
}

/** A list setting that used to be a single string: an old one-file value still reads. */
export function stringOrStrings(v: unknown): string[] {
  return typeof v === 'string' ? strings([v]) : strings(v);
}

/** An unknown value reads as the default, the tagging API. */
function inventorySourceOf(v: unknown): InventorySource {
  return (INVENTORY_SOURCES as readonly unknown[]).includes(v) ? (v as InventorySource) : 'tagging';
}

/** Reads the settings, dropping values of the wrong type rather than failing on them. */
export function readConfig(): TagTrailConfig {
  const c = vscode.workspace.getConfiguration('tagtrail');
  const tagKeys = strings(c.get('productTagKeys'));
  const days = Number(c.get('lookbackDays'));
  return {
    productTagKeys: tagKeys.length > 0 ? tagKeys : ['product'],
    regions: strings(c.get('regions')),
    lookbackDays: Number.isFinite(days) && days >= 1 ? Math.min(90, Math.floor(days)) : 7,
    profile: String(c.get('profile') ?? '').trim(),
    trailBucket: String(c.get('trailBucket') ?? '').trim(),
    inventorySource: inventorySourceOf(c.get('inventorySource')),
    configAggregator: String(c.get('configAggregator') ?? '').trim(),
    athenaTable: String(c.get('athena.table') ?? '').trim(),
    mappingFile: String(c.get('mappingFile') ?? '').trim(),
    offlineInventory: stringOrStrings(c.get('offline.inventory')),
    offlineEvents: strings(c.get('offline.events')),
    offlineTrailConfig: strings(c.get('offline.trailConfig')),
  };
}

/** True when the settings name an offline source: then TagTrail works from disk, without AWS. */
export function hasOfflineSource(c: TagTrailConfig): boolean {
  return c.offlineInventory.length > 0 && c.offlineEvents.length > 0;
}

/** Settings hold paths as users write them: `~` and workspace-relative paths are resolved here. */
export function resolvePath(p: string): string {
  const home = process.env.HOME ?? process.env.USERPROFILE ?? '';
  if (p === '~' || p.startsWith('~/')) return home + p.slice(1);
  if (/^([a-zA-Z]:)?[\\/]/.test(p)) return p;
  const folder = vscode.workspace.workspaceFolders?.[0]?.uri.fsPath;
  return folder ? `${folder}/${p}` : p;
}
