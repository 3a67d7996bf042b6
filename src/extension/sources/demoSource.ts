import { readdir, stat } from 'node:fs/promises';
import { join } from 'node:path';
import type { Inputs } from './inputs';
import { offlineInputs } from './offlineSource';

/**
 * Finds the demo account's files in the extension's demo/ folder (see demo/EXPECTED.md): the
 * inventory folder, the mapping, and the trail files under AWSLogs/. The lookup-events/ copy is used
 * only when there are no trail files: it repeats the trail's management events, and reading both
 * would count them twice.
 */
export async function demoInputs(demoDir: string): Promise<Inputs> {
  const names = (await readdir(demoDir)).sort();
  const inventory: string[] = [];
  const trail: string[] = [];
  const lookup: string[] = [];
  let mappingFile: string | undefined;
  for (const name of names) {
    const p = join(demoDir, name);
    const isDir = (await stat(p)).isDirectory();
    if (!isDir && /^mapping.*\.json$/i.test(name)) mappingFile = p;
    else if (isDir && /^inventory/i.test(name)) inventory.push(p);
    else if (isDir && /^(AWSLogs|events|trail|cloudtrail)/i.test(name)) trail.push(p);
    else if (isDir && /^lookup-events/i.test(name)) lookup.push(p);
  }
  const events = trail.length > 0 ? trail : lookup;
  if (inventory.length === 0 || events.length === 0) {
    throw new Error(`The demo account in ${demoDir} is incomplete (inventory: ${inventory.length}, events: ${events.length}).`);
  }
  return offlineInputs({ kind: 'demo', label: 'demo account', inventory, events, ...(mappingFile ? { mappingFile } : {}) });
}
