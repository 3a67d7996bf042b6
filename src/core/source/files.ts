import { access, readFile } from 'node:fs/promises';
import { constants } from 'node:fs';
import type { Inventory, ProductMapping } from '../model';
import { parseMapping } from '../attribute/mapping';
import { loadInventory } from '../inventory/loadInventory';
import { SourceError } from './errors';

/** Fails early, naming the path, when an input file or folder does not exist or cannot be read. */
export async function assertReadable(paths: string[], what: string): Promise<void> {
  for (const p of paths) {
    try {
      await access(p, constants.R_OK);
    } catch {
      throw new SourceError(`cannot read ${what} "${p}" (no such file or folder, or no permission)`);
    }
  }
}

/**
 * The one mapping-file loader (CLI and editor): reads and validates it; any problem is a
 * SourceError naming the file, because an ignored mapping would hide or invent findings.
 */
export async function loadMappingFile(path: string | undefined): Promise<ProductMapping | undefined> {
  if (path === undefined || path === '') return undefined;
  await assertReadable([path], 'mapping file');
  let json: unknown;
  try {
    json = JSON.parse(await readFile(path, 'utf8'));
  } catch (e) {
    throw new SourceError(`mapping file ${path} is not valid JSON: ${e instanceof Error ? e.message : String(e)}`);
  }
  try {
    return parseMapping(json, path);
  } catch (e) {
    throw new SourceError(e instanceof Error ? e.message : String(e));
  }
}

/** Loads inventory files or folders; any problem is a SourceError naming the file. */
export async function loadInventoryFiles(paths: string[]): Promise<Inventory> {
  await assertReadable(paths, 'inventory');
  try {
    return await loadInventory(paths);
  } catch (e) {
    if (e instanceof SourceError) throw e;
    throw new SourceError(e instanceof Error ? e.message : String(e));
  }
}
