import { readFile } from 'node:fs/promises';
import type { ProductMapping } from '../../core/model';
import { readEvents } from '../../core/ingest/readEvents';
import { loadInventory } from '../../core/inventory/loadInventory';
import { parseMapping } from '../../core/attribute/mapping';
import type { Inputs } from './inputs';

/** Reads the mapping file, if one is configured; a broken file is an error the user must see. */
export async function readMappingFile(path: string | undefined): Promise<ProductMapping | undefined> {
  if (!path) return undefined;
  const text = await readFile(path, 'utf8');
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (e) {
    throw new Error(`Mapping file ${path} is not valid JSON: ${e instanceof Error ? e.message : String(e)}`);
  }
  return parseMapping(json, path);
}

/** Inputs read from disk: inventory files, trail files or folders, and an optional mapping file. */
export function offlineInputs(opts: {
  kind?: 'offline' | 'demo';
  label: string;
  inventory: string[];
  events: string[];
  mappingFile?: string;
}): Inputs {
  return {
    kind: opts.kind ?? 'offline',
    label: opts.label,
    eventSources: opts.events,
    inventory: () => loadInventory(opts.inventory),
    mapping: () => readMappingFile(opts.mappingFile),
    events: (signal, onError) => readEvents(opts.events, { signal, onError }),
  };
}
