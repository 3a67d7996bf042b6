import { loadLiveInputs, type LiveInputOptions, type LiveInputs } from '../aws/liveInputs';
import { newReadStats, type ReadStats } from '../ingest/readStats';
import type { SourcedRecord } from '../model';
import { loadMappingFile } from './files';
import type { CheckSource } from './types';

export interface LiveSourceOptions extends Pick<LiveInputOptions, 'profile' | 'regions' | 'since' | 'until' | 'trailBucket' | 'cacheDir' | 'mfaCodeProvider' | 'log' | 'maxAttempts' | 'inventorySource' | 'configAggregator' | 'maxHistoryCalls'> {
  mappingFile?: string;
  label?: string;
  /** Told who the check runs as once connected (the CLI prints it). */
  onConnected?: (live: LiveInputs) => void;
}

/** Arrays of one: the live streams merge several paginated APIs one event at a time. */
async function* asArrays(events: AsyncIterable<SourcedRecord>, signal?: AbortSignal): AsyncGenerator<readonly SourcedRecord[]> {
  for await (const r of events) {
    signal?.throwIfAborted();
    yield [r];
  }
}

/**
 * A live AWS account: tags from the tagging and IAM APIs, events from LookupEvents and (with a
 * trail bucket) the trail's log files. One connection serves the inventory and the first read;
 * a second read (a re-check that needs every event again) connects again.
 */
export function liveSource(opts: LiveSourceOptions): CheckSource {
  let live: LiveInputs | undefined;
  let consumed = false;
  let readStats: ReadStats = newReadStats();
  let errorSink: ((e: import('../model').ReadError) => void) | undefined;
  const notes: string[] = [];
  const warnings: string[] = [];
  const source: { -readonly [K in keyof CheckSource]: CheckSource[K] } = {
    kind: 'live',
    label: opts.label ?? (opts.profile || process.env.AWS_PROFILE || 'default credentials'),
    eventSources: ['live AWS'],
    notes,
    warnings,
    regions: opts.regions,
    inventory: async (signal) => (await connect(signal)).inventory,
    mapping: () => loadMappingFile(opts.mappingFile),
    trailConfig: async (signal) => (live ?? await connect(signal)).trailConfig(),
    read(req) {
      readStats = newReadStats();
      const stats = readStats;
      errorSink = req.onError;
      const batches = (async function* () {
        const l = live && !consumed ? live : await connect(req.signal);
        consumed = true;
        yield* asArrays(l.events, req.signal);
      })();
      return { batches, stats, notes: [] };
    },
    close: () => live?.close(),
  };
  async function connect(signal: AbortSignal | undefined): Promise<LiveInputs> {
    live?.close();
    live = await loadLiveInputs({
      ...opts,
      ...(signal ? { signal } : {}),
      onError: (e) => errorSink?.(e),
      // The stats object of the read in progress (replaced by each read).
      get readStats() { return readStats; },
    } as LiveInputOptions);
    consumed = false;
    source.account = live.callerIdentity.account;
    // The regions actually read: the tagging API was asked once per region.
    const read = live.inventory.sources.flatMap((s) => /^aws:(?:tag:GetResources|config:SelectResourceConfig):(.+)$/.exec(s)?.[1] ?? []);
    if (read.length > 0) source.regions = [...new Set(read)];
    source.managementEventsOnly = live.managementEventsOnly;
    notes.splice(0, notes.length, ...live.scopeNotes);
    warnings.splice(0, warnings.length, ...(live.inventory.warnings ?? []));
    opts.onConnected?.(live);
    return live;
  }
  return source;
}
