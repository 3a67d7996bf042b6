import { readdir, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { readEventBatches } from '../ingest/readEvents';
import { newReadStats } from '../ingest/readStats';
import { assertReadable, loadInventoryFiles, loadMappingFile } from './files';
import { SourceError } from './errors';
import type { CheckSource, SourceKind } from './types';
import { readTrailConfigFiles } from '../coverage/readFiles';

export interface FileSourceOptions {
  /** Trail files or folders, JSONL, lookup-events output. */
  events: string[];
  /** Inventory files or folders (snapshot, get-resources, IAM authorization details). */
  inventory: string[];
  mappingFile?: string;
  /** AWS CLI outputs of describe-trails, get-trail-status and get-event-selectors (files or folders): the trail coverage. */
  trailConfig?: string[];
  label?: string;
  kind?: Extract<SourceKind, 'files' | 'demo'>;
}

/** Events, tags and mapping from files on disk. */
export function fileSource(opts: FileSourceOptions): CheckSource {
  const warnings: string[] = [];
  return {
    kind: opts.kind ?? 'files',
    label: opts.label ?? `${opts.events.length} event source(s)`,
    eventSources: opts.events,
    notes: [],
    warnings,
    async inventory() {
      await assertReadable(opts.events, 'events');
      const inventory = await loadInventoryFiles(opts.inventory);
      warnings.splice(0, warnings.length, ...(inventory.warnings ?? []));
      return inventory;
    },
    mapping: () => loadMappingFile(opts.mappingFile),
    ...(opts.trailConfig?.length ? { trailConfig: () => readTrailConfigFiles(opts.trailConfig!) } : {}),
    read(req) {
      const stats = newReadStats();
      const batches = readEventBatches(opts.events, { onError: req.onError, stats, ...(req.signal ? { signal: req.signal } : {}) });
      return { batches, stats, notes: [] };
    },
  };
}

/**
 * The demo account in a folder (see demo/EXPECTED.md): the inventory folder, the mapping, and the
 * trail files under AWSLogs/. The lookup-events/ copy is read only when there are no trail files:
 * it repeats the trail's management events (the runner would drop them as duplicates anyway).
 */
export async function demoSource(demoDir: string): Promise<CheckSource> {
  let names: string[];
  try {
    names = (await readdir(demoDir)).sort();
  } catch {
    throw new SourceError(`The demo account folder ${demoDir} cannot be read.`);
  }
  const inventory: string[] = [];
  const trail: string[] = [];
  const lookup: string[] = [];
  const trailConfig: string[] = [];
  let mappingFile: string | undefined;
  for (const name of names) {
    const p = join(demoDir, name);
    const isDir = (await stat(p)).isDirectory();
    if (!isDir && /^mapping.*\.json$/i.test(name)) mappingFile = p;
    else if (isDir && /^inventory/i.test(name)) inventory.push(p);
    else if (isDir && /^trail-config/i.test(name)) trailConfig.push(p);
    else if (isDir && /^(AWSLogs|events|trail|cloudtrail)/i.test(name)) trail.push(p);
    else if (isDir && /^lookup-events/i.test(name)) lookup.push(p);
  }
  const events = trail.length > 0 ? trail : lookup;
  if (inventory.length === 0 || events.length === 0) {
    throw new SourceError(`The demo account in ${demoDir} is incomplete (inventory: ${inventory.length}, events: ${events.length}).`);
  }
  return fileSource({ kind: 'demo', label: 'demo account', inventory, events, ...(mappingFile ? { mappingFile } : {}), ...(trailConfig.length ? { trailConfig } : {}) });
}
