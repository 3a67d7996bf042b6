import { fileSource } from '../../core/source/fileSource';
import type { Inputs } from './inputs';

export { loadMappingFile as readMappingFile } from '../../core/source/files';

/** Inputs read from disk: inventory files, trail files or folders, and an optional mapping file. */
export function offlineInputs(opts: {
  kind?: 'offline' | 'demo';
  label: string;
  inventory: string[];
  events: string[];
  mappingFile?: string;
  /** Trail configuration files or folders (see `check --trail-config`). */
  trailConfig?: string[];
}): Inputs {
  return fileSource({
    kind: opts.kind === 'demo' ? 'demo' : 'files', label: opts.label, inventory: opts.inventory, events: opts.events,
    ...(opts.mappingFile ? { mappingFile: opts.mappingFile } : {}),
    ...(opts.trailConfig?.length ? { trailConfig: opts.trailConfig } : {}),
  });
}
