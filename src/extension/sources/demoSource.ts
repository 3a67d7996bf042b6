import { readdir, stat } from 'node:fs/promises';
import { join } from 'node:path';
import type { Inputs } from './inputs';
import { offlineInputs } from './offlineSource';

/**
 * Finds the demo account's files in the extension's demo/ folder: inventory files and the mapping
 * by name, events as the folder holding the trail files. Discovered rather than hard-coded so that
 * the demo can grow files without a change here.
 */
export async function demoInputs(demoDir: string): Promise<Inputs> {
  const names = (await readdir(demoDir)).sort();
  const inventory: string[] = [];
  const events: string[] = [];
  let mappingFile: string | undefined;
  for (const name of names) {
    const p = join(demoDir, name);
    const isDir = (await stat(p)).isDirectory();
    if (/^mapping.*\.json$|-mapping\.json$/i.test(name)) mappingFile = p;
    else if (isDir && /^(events|trail|cloudtrail|logs)/i.test(name)) events.push(p);
    else if (isDir && /^inventory/i.test(name)) inventory.push(p);
    else if (!isDir && /(inventory|tagging|get-resources|authorization|iam).*\.json$/i.test(name)) inventory.push(p);
    else if (!isDir && /(events|trail|cloudtrail).*\.(jsonl|json|gz)$/i.test(name)) events.push(p);
  }
  if (inventory.length === 0 || events.length === 0) {
    throw new Error(`The demo account in ${demoDir} is incomplete (inventory: ${inventory.length}, events: ${events.length}).`);
  }
  return offlineInputs({ kind: 'demo', label: 'demo account', inventory, events, ...(mappingFile ? { mappingFile } : {}) });
}
