/**
 * The live entry point for the CLI and the extension: who we are, what is tagged, and the events of
 * a window, from one AWS profile. Everything goes through the read-only clients of `clients.ts`.
 */
import { GetCallerIdentityCommand } from '@aws-sdk/client-sts';
import type { Inventory, ReadError, SourcedRecord } from '../model';
import { persist } from './concurrency';
import type { MfaCodeProvider } from './credentials';
import type { ReadStats } from '../ingest/readStats';
import { awsClients, awsProfile } from '../source/awsSession';
import { cachedLookup, type LookupStats } from './eventCache';
import { TagTrailAwsError, explainAwsError, isPlausibleRegion } from './errors';
import { liveInventory } from './inventory';
import { configInventory, type InventorySource } from './config/inventory';
import { RateLimiter } from './limiter';
import { toSourcedRecord, type LookupQuery } from './lookupEvents';
import { mergeAsync } from './merge';
import { describeTrails, parseS3Uri, trailRecords, type TrailInfo } from './trailLogs';
import { scopeNotesFor } from './scopeNotes';
import { readLiveTrailConfig } from '../coverage/readLive';
import type { TrailConfig } from '../coverage/trailConfig';

export interface LiveInputOptions {
  profile?: string;
  /** Regions to check; empty means the profile's region (or AWS_REGION). */
  regions: string[];
  since: Date;
  until?: Date;
  /** `s3://bucket/prefix` of a trail's delivery location: adds data events from its log files. */
  trailBucket?: string;
  /** Folder for the incremental LookupEvents cache; no cache without it. */
  cacheDir?: string;
  signal?: AbortSignal;
  mfaCodeProvider?: MfaCodeProvider;
  /** Gets one line per AWS call (operation, region, duration, outcome) and progress notes; never credentials. */
  log?: (line: string) => void;
  /** LookupEvents attribute filters (one query each); default: the whole window, unfiltered. */
  lookups?: NonNullable<LookupQuery['attribute']>[];
  /** Unreadable records (LookupEvents bodies, trail files) are reported here and skipped. */
  onError?: (e: ReadError) => void;
  /** SDK attempts per call; default 8. */
  maxAttempts?: number;
  /** Counts of what is read (records, unreadable records), filled while `events` is read. */
  readStats?: ReadStats;
  /** Where tags come from: the tagging API (default), AWS Config, or a Config aggregator. */
  inventorySource?: InventorySource;
  /** The aggregator of `config-aggregator`. */
  configAggregator?: string;
  /** Bound on AWS Config history calls per check (Config sources); default 200, 0 reads none. */
  maxHistoryCalls?: number;
}

export interface CallerIdentity { account: string; arn: string; userId: string }

export interface LiveInputs {
  inventory: Inventory;
  /** Every event of the window as read: LookupEvents and trail files overlap, and the runner drops the duplicates. */
  events: AsyncIterable<SourcedRecord>;
  /** Sentences for the report's scope section (what was and was not looked at). */
  scopeNotes: string[];
  callerIdentity: CallerIdentity;
  /** True when no trail files are read: data events are then missing. */
  managementEventsOnly: boolean;
  trails: TrailInfo[];
  /** Filled in while `events` is read. */
  stats: { lookup: LookupStats; trailFiles: number; trailRecords: number };
  /** Reads the trails covering the account and regions (DescribeTrails, GetTrailStatus, GetEventSelectors): one call per region, two per trail. */
  trailConfig(): Promise<TrailConfig>;
  /** Closes connections; `events` closes them too when it finishes. */
  close(): void;
}

function resolveRegions(opts: LiveInputOptions, profileRegion: string | undefined): string[] {
  const fromEnv = process.env.AWS_REGION || process.env.AWS_DEFAULT_REGION;
  const regions = opts.regions.length ? [...new Set(opts.regions)] : [profileRegion ?? fromEnv].filter((r): r is string => Boolean(r));
  if (!regions.length) throw new TagTrailAwsError('unknown-region', 'No region chosen and the profile sets none: pass --region (e.g. us-east-1).', false);
  const bad = regions.find((r) => !isPlausibleRegion(r));
  if (bad) throw new TagTrailAwsError('unknown-region', `Unknown AWS region "${bad.slice(0, 40)}": use a region code such as us-east-1.`, false);
  return regions;
}

/** Connects with a profile and gathers the live inputs of a check. Throws `TagTrailAwsError` with a clear message. */
/**
 * One limiter for the whole process: AWS counts LookupEvents per account and region, whoever in the
 * process calls, so back-to-back checks (a re-check in the editor, a second CLI check in a test) must
 * share the budget rather than each start with a fresh one.
 */
const LOOKUP_LIMITER = new RateLimiter();

export async function loadLiveInputs(opts: LiveInputOptions): Promise<LiveInputs> {
  const { signal, log } = opts;
  const profile = await awsProfile(opts.profile);
  const profileName = profile.name;
  const regions = resolveRegions(opts, profile.info?.region);
  const until = opts.until ?? new Date();
  let account = '';
  const limiter = LOOKUP_LIMITER;
  const clients = awsClients(profile, regions[0]!, {
    ...(opts.mfaCodeProvider ? { mfaCodeProvider: opts.mfaCodeProvider } : {}),
    ...(log ? { log } : {}),
    beforeAttempt: async ({ action, region }) => { if (action === 'cloudtrail:LookupEvents') await limiter.acquire(`${account}:${region}`, signal); },
    ...(opts.maxAttempts ? { maxAttempts: opts.maxAttempts } : {}),
  });
  try {
    const who = await persist(() => clients.sts(regions[0]!).send(new GetCallerIdentityCommand({}), { abortSignal: signal }), signal ? { signal } : {});
    if (!who.Account || !who.Arn) throw new TagTrailAwsError('other', 'sts:GetCallerIdentity returned no account.', false);
    account = who.Account;
    const callerIdentity: CallerIdentity = { account, arn: who.Arn, userId: who.UserId ?? '' };
    log?.(`checking as ${callerIdentity.arn} in ${account}, regions ${regions.join(', ')}`);
    const source = opts.inventorySource ?? 'tagging';
    const fromConfig = source === 'tagging' ? undefined : await configInventory({
      source, ...(opts.configAggregator ? { aggregator: opts.configAggregator } : {}),
      clients: { config: (r) => clients.configService(r), iam: (r) => clients.iam(r), tagging: (r) => clients.tagging(r) },
      regions, account, since: opts.since, until, ...(opts.maxHistoryCalls !== undefined ? { maxHistoryCalls: opts.maxHistoryCalls } : {}), ...(signal ? { signal } : {}),
    });
    if (fromConfig) log?.(`inventory from ${source}: ${Object.entries(fromConfig.calls).map(([a, n]) => `${a} ×${n}`).join(', ')}`);
    const inventory = fromConfig?.inventory ?? await liveInventory({ iam: clients.iam(regions[0]!), tagging: (r) => clients.tagging(r), regions, ...(signal ? { signal } : {}) });
    let trails: TrailInfo[] = [];
    let trailsError: string | undefined;
    try {
      trails = await describeTrails(clients.cloudTrail(regions[0]!), signal);
    } catch (e) {
      if (signal?.aborted) throw e;
      trailsError = explainAwsError(e).message;
    }
    const location = opts.trailBucket ? parseS3Uri(opts.trailBucket) : undefined;
    const stats: LiveInputs['stats'] = { lookup: { pages: 0, fetched: 0, fromCache: 0 }, trailFiles: 0, trailRecords: 0 };
    const queries = opts.lookups?.length ? opts.lookups : [undefined];
    const lookupStreams = regions.flatMap((region) => queries.map((attribute) => (async function* () {
      const source = `lookup-events:${account}:${region}`;
      let position = 0;
      const query: LookupQuery = { start: opts.since, end: until, ...(attribute ? { attribute } : {}) };
      for await (const e of cachedLookup({ client: clients.cloudTrail(region), account, region, query, stats: stats.lookup, ...(opts.cacheDir ? { cacheDir: opts.cacheDir } : {}), ...(signal ? { signal } : {}) })) {
        const r = toSourcedRecord(e, source, ++position, (message) => {
          if (opts.readStats) opts.readStats.recordsRejected++;
          opts.onError?.({ source, position, message });
        });
        if (r && opts.readStats) opts.readStats.recordsRead++;
        if (r) yield r;
      }
    })()));
    // Every event as read: the runner drops the duplicates (LookupEvents and trail files overlap).
    const events = (async function* () {
      try {
        for await (const r of mergeAsync(lookupStreams)) yield r;
        if (location) {
          const trailStats = { files: 0, records: 0 };
          try {
            yield* trailRecords({ s3: clients.s3(regions[0]!), location, account, regions, since: opts.since, until, stats: trailStats, ...(signal ? { signal } : {}), ...(opts.onError ? { onError: opts.onError } : {}), ...(opts.readStats ? { readStats: opts.readStats } : {}) });
          } finally {
            stats.trailFiles = trailStats.files;
            stats.trailRecords = trailStats.records;
          }
        }
      } finally {
        clients.destroy();
      }
    })();
    const scopeNotes = [...(fromConfig?.notes ?? []), ...scopeNotesFor({ callerIdentity, regions, since: opts.since, until, trails, ...(trailsError ? { trailsError } : {}), ...(location ? { location } : {}), cached: Boolean(opts.cacheDir) })];
    const trailConfig = (): Promise<TrailConfig> => readLiveTrailConfig({ cloudTrail: (r) => clients.cloudTrail(r), regions, ...(signal ? { signal } : {}) });
    return { inventory, events, scopeNotes, callerIdentity, managementEventsOnly: !location, trails, stats, trailConfig, close: () => clients.destroy() };
  } catch (e) {
    clients.destroy();
    throw explainAwsError(e, { ...(profileName ? { profile: profileName } : {}) });
  }
}
