import { readdir, readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import type { Inventory, InventoryItem, InventorySnapshot, Tag, TagConflict } from '../model';
import { bomLength, isGzip } from '../ingest/detectFormat';
import { JsonRecordSplitter } from '../ingest/jsonSplitter';
import { InventoryFormatError, inventoryFromJson, truncationOf } from './inventoryFormats';

export { InventoryFormatError, inventoryFromJson } from './inventoryFormats';

/** Inventory files are small next to event logs; this only stops a wrong file from exhausting memory. */
const MAX_INVENTORY_BYTES = 512 * 1024 * 1024;

/** Conflicts listed one by one in the warnings; the rest are counted (all are in `conflicts`). */
const CONFLICTS_SHOWN = 20;

/**
 * Loads and merges inventory files (a folder means every `.json`/`.json.gz` file in it, sorted).
 * When the same ARN appears in several places its tags are merged, and where two sources give one
 * tag key different values, the last source read wins (files in the order named, a folder's files
 * sorted by path). Every such conflict is in `conflicts`, and said in `warnings` with the value used,
 * so that a product that changed between exports never changes a finding silently. Exports that
 * stopped at a page (a `PaginationToken` or `IsTruncated` left in) are warnings too.
 * @throws InventoryFormatError naming the file when a file cannot be read or is not an inventory.
 */
export async function loadInventory(paths: string[]): Promise<Inventory> {
  const inv: Inventory = { principals: new Map(), resources: new Map(), sources: [], warnings: [], conflicts: [] };
  const provenance = new Provenance();
  for (const file of await expand(paths)) {
    const json = await readJson(file);
    const items = inventoryFromJson(json, file);
    provenance.note(inv, items, file);
    addItems(inv, items);
    inv.sources.push(file);
    const truncated = truncationOf(json);
    if (truncated) inv.warnings!.push(`${file}: ${truncated}`);
  }
  inv.conflicts = provenance.conflicts();
  inv.warnings!.push(...conflictWarnings(inv.conflicts));
  return inv;
}

/** Which source gave each tag, so that a later source that disagrees is caught. */
class Provenance {
  private readonly from = new Map<string, string>();
  private readonly found = new Map<string, TagConflict>();

  /** Call before `addItems` merges `items` of `source` into `inv`. */
  note(inv: Inventory, items: InventoryItem[], source: string): void {
    for (const it of items) {
      const had = (it.kind === 'principal' ? inv.principals : inv.resources).get(it.arn);
      for (const t of it.tags) {
        const id = `${it.arn}\u0000${t.key}`;
        const before = this.from.get(id);
        const old = had?.find((h) => h.key === t.key)?.value ?? this.found.get(id)?.used;
        if (before !== undefined && old !== undefined && old !== t.value) {
          const c = this.found.get(id) ?? { arn: it.arn, key: t.key, values: [{ source: before, value: old }], used: old };
          c.values.push({ source, value: t.value });
          c.used = t.value;
          this.found.set(id, c);
        }
        this.from.set(id, source);
      }
    }
  }

  conflicts(): TagConflict[] {
    return [...this.found.values()];
  }
}

function conflictWarnings(conflicts: TagConflict[]): string[] {
  const lines = conflicts.slice(0, CONFLICTS_SHOWN).map((c) =>
    `${c.arn}: tag "${c.key}" differs between inventory files (${c.values.map((v) => `"${v.value}" in ${v.source}`).join(', ')}); the check uses "${c.used}" (the last file read wins)`);
  if (conflicts.length > CONFLICTS_SHOWN) lines.push(`${conflicts.length - CONFLICTS_SHOWN} more tag conflicts between inventory files (all in the JSON output's inventory conflicts)`);
  return lines;
}

/** Adds items to an inventory, merging tags of ARNs already present. */
export function addItems(inv: Inventory, items: InventoryItem[]): void {
  for (const it of items) {
    const map = it.kind === 'principal' ? inv.principals : inv.resources;
    const had = map.get(it.arn);
    map.set(it.arn, had ? mergeTags(had, it.tags) : dedupe(it.tags));
  }
}

/** The TagTrail snapshot of an inventory, sorted by ARN so that snapshots diff cleanly. */
export function toSnapshot(inv: Inventory, takenAt?: string): InventorySnapshot {
  const entries = (m: Map<string, Tag[]>) =>
    [...m.entries()]
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
      .map(([arn, tags]) => ({ arn, tags: Object.fromEntries(tags.map((t) => [t.key, t.value])) as Record<string, string> }));
  const arns = [...inv.principals.keys(), ...inv.resources.keys()];
  const field = (i: number) => [...new Set(arns.map((a) => a.split(':')[i] ?? '').filter((x) => /^[a-z0-9-]+$/.test(x)))].sort();
  const snap: InventorySnapshot = {
    format: 'tagtrail-inventory',
    version: 1,
    accounts: field(4),
    regions: field(3),
    principals: entries(inv.principals),
    resources: entries(inv.resources),
  };
  if (takenAt !== undefined) snap.takenAt = takenAt;
  return snap;
}

function mergeTags(a: Tag[], b: Tag[]): Tag[] {
  return dedupe([...a, ...b]);
}

/** One tag per key, the last one winning, as AWS allows only one value per (case-sensitive) key. */
function dedupe(tags: Tag[]): Tag[] {
  const byKey = new Map<string, string>();
  for (const t of tags) byKey.set(t.key, t.value);
  return [...byKey].map(([key, value]) => ({ key, value }));
}

async function expand(paths: string[]): Promise<string[]> {
  const out: string[] = [];
  for (const p of paths) {
    let isDir: boolean;
    try {
      isDir = (await stat(p)).isDirectory();
    } catch (e) {
      throw new InventoryFormatError(p, `cannot read inventory: ${(e as Error).message}`);
    }
    if (!isDir) {
      out.push(p);
      continue;
    }
    const names = (await readdir(p, { recursive: true })).filter((n) => /\.json(\.gz)?$/i.test(n)).sort();
    out.push(...names.map((n) => join(p, n)));
  }
  return out;
}

/** One file's JSON; gzip is recognised by content, and concatenated pages become an array. */
async function readJson(file: string): Promise<unknown> {
  let buf: Buffer;
  try {
    buf = await readFile(file);
    if (isGzip(buf)) buf = gunzipSync(buf, { maxOutputLength: MAX_INVENTORY_BYTES });
  } catch (e) {
    throw new InventoryFormatError(file, `cannot read inventory: ${(e as Error).message}`);
  }
  buf = buf.subarray(bomLength(buf));
  try {
    return JSON.parse(buf.toString('utf8'));
  } catch (e) {
    const pages = concatenatedPages(buf);
    if (pages) return pages;
    throw new InventoryFormatError(file, `not valid JSON (${(e as Error).message.slice(0, 160)})`);
  }
}

/** `{…}{…}` or `{…}\n{…}`: several CLI pages written into one file. Undefined if it is not that. */
function concatenatedPages(buf: Buffer): unknown[] | undefined {
  const splitter = new JsonRecordSplitter('concat', MAX_INVENTORY_BYTES);
  const pages: unknown[] = [];
  try {
    for (const p of splitter.push(buf)) {
      if (p.kind !== 'element') return undefined;
      pages.push(JSON.parse(p.text));
    }
  } catch {
    return undefined;
  }
  const end = splitter.end();
  return end.truncated || end.failure !== undefined || pages.length < 2 ? undefined : pages;
}
