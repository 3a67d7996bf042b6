import { access, readFile } from 'node:fs/promises';
import { constants } from 'node:fs';
import type { CheckStats, Inventory, ProductMapping, ReadError, SourcedRecord } from '../core/model';
import { parseMapping } from '../core/attribute/mapping';
import { loadInventory } from '../core/inventory/loadInventory';
import { newReadStats, readEvents, type ReadStats } from '../core/ingest/readEvents';
import { escapeTerminal } from '../core/report/escape';

/** An input the user named cannot be used; main exits with status 2. */
export class InputError extends Error {}

/** Fails early, naming the path, when an input file or folder does not exist or cannot be read. */
export async function assertReadable(paths: string[], what: string): Promise<void> {
  for (const p of paths) {
    try {
      await access(p, constants.R_OK);
    } catch {
      throw new InputError(`cannot read ${what} "${p}" (no such file or folder, or no permission)`);
    }
  }
}

/** Reads and validates a mapping file; any problem is an InputError naming the file. */
export async function loadMappingFile(path: string): Promise<ProductMapping> {
  await assertReadable([path], 'mapping file');
  let json: unknown;
  try {
    json = JSON.parse(await readFile(path, 'utf8'));
  } catch (e) {
    throw new InputError(`mapping file ${path} is not valid JSON: ${e instanceof Error ? e.message : String(e)}`);
  }
  try {
    return parseMapping(json, path);
  } catch (e) {
    throw new InputError(e instanceof Error ? e.message : String(e));
  }
}

/** Loads inventory files or folders; any problem is an InputError naming the file. */
export async function loadInventoryFiles(paths: string[]): Promise<Inventory> {
  await assertReadable(paths, 'inventory');
  try {
    return await loadInventory(paths);
  } catch (e) {
    throw new InputError(e instanceof Error ? e.message : String(e));
  }
}

/** One line per read error, `file:line: message`, escaped: file names and messages may quote record text. */
export function formatReadError(e: ReadError): string {
  return `${escapeTerminal(e.source)}${e.position !== undefined ? `:${e.position}` : ''}: ${escapeTerminal(e.message)}`;
}

/**
 * Streams events from files and folders; every read error goes to `report` as it happens (so a
 * long run shows problems early) and is collected for the report's read-error section. `readStats`
 * fills in as the events are read: records the reader rejected (broken JSON, not an object) never
 * reach the check, so only these counts know them.
 */
export function eventsFrom(paths: string[], report: (line: string) => void, signal?: AbortSignal): { events: AsyncIterable<SourcedRecord>; readErrors: ReadError[]; readStats: ReadStats } {
  const readErrors: ReadError[] = [];
  const readStats = newReadStats();
  const onError = (e: ReadError): void => {
    readErrors.push(e);
    report(`tagtrail: read error: ${formatReadError(e)}`);
  };
  return { events: readEvents(paths, { onError, stats: readStats, ...(signal ? { signal } : {}) }), readErrors, readStats };
}

/**
 * Adds the records the reader rejected to a check's counts, so that `recordsRead` is every record
 * position seen and still equals `recordsInScope + recordsRejected`. Call once, after the check.
 */
export function countReaderRejections(stats: CheckStats, readStats: ReadStats | undefined): void {
  if (!readStats) return;
  stats.recordsRead += readStats.recordsRejected;
  stats.recordsRejected += readStats.recordsRejected;
}
