import type { Inventory, ProductMapping } from '../model';
import { athenaPlan, athenaScan } from '../athena/athenaSource';
import type { LogsLocation } from '../athena/estimate';
import type { AthenaTableRef } from '../athena/tableRef';
import { describeScan } from '../athena/cost';
import { partitionPrefixes } from '../athena/estimate';
import { createTableSql } from '../athena/ddl';
import type { ScanSpec } from '../athena/scanSpec';
import { newReadStats } from '../ingest/readStats';
import type { CheckFilter } from '../check/scopeFilter';
import type { MfaCodeProvider } from '../aws/credentials';
import { awsClients, awsProfile, defaultRegion, type AwsProfile } from './awsSession';
import { ArgumentError } from './errors';
import type { CheckSource } from './types';

/** Where an Athena check's tags come from: inventory files (CLI) or the live account (editor). */
export interface TagOrigin {
  inventory(signal?: AbortSignal): Promise<Inventory>;
  mapping(): Promise<ProductMapping | undefined>;
  readonly notes?: string[];
  readonly warnings?: string[];
  /** The account and regions, when the tags come from a live account. */
  readonly account?: string;
  readonly regions?: string[];
  close?(): void;
}

export interface AthenaSourceOptions {
  table: AthenaTableRef;
  tags: TagOrigin;
  profile?: string;
  /** The workgroup's region; default AWS_REGION, AWS_DEFAULT_REGION, then the profile's. */
  region?: string;
  /** Where the logs are, for the cost estimate. */
  logs?: LogsLocation;
  outputLocation?: string;
  mfaCodeProvider?: MfaCodeProvider;
  /** One line per AWS call and per step of the scan. */
  log?: (line: string) => void;
  /** First delay between status polls. */
  pollMs?: number;
}

/** The label of an Athena table in the report's scope. */
export function athenaLabel(t: AthenaTableRef): string {
  return `athena:${t.workgroup}/${t.database}.${t.table}`;
}

/**
 * Events from an Athena scan of the trail's table (data events included), tags from `tags`. The
 * query is built from the check's filter and products when the events are read; each read scans
 * again, and its notes (the estimate, the bytes scanned) are that read's.
 */
export function athenaSource(opts: AthenaSourceOptions): CheckSource {
  let profile: AwsProfile | undefined;
  let region: string | undefined;
  return {
    kind: 'athena',
    label: athenaLabel(opts.table),
    eventSources: [athenaLabel(opts.table)],
    notes: opts.tags.notes ?? [],
    get warnings() { return opts.tags.warnings ?? []; },
    managementEventsOnly: false,
    get account() { return opts.tags.account; },
    get regions() { return opts.tags.regions; },
    async inventory(signal) {
      profile = await awsProfile(opts.profile);
      region = opts.region ?? defaultRegion(profile);
      if (!region) throw new ArgumentError('no region for Athena: pass --athena-region (e.g. us-east-1), or set AWS_REGION or the profile\'s region');
      return opts.tags.inventory(signal);
    },
    mapping: () => opts.tags.mapping(),
    read(req) {
      const stats = newReadStats();
      const notes: string[] = [];
      const batches = (async function* () {
        profile ??= await awsProfile(opts.profile);
        region ??= opts.region ?? defaultRegion(profile);
        if (!region) throw new ArgumentError('no region for Athena');
        const log = (line: string): void => {
          opts.log?.(line);
          if (/^Athena /.test(line)) req.onNote?.(line);
        };
        const clients = awsClients(profile, region, { ...(opts.mfaCodeProvider ? { mfaCodeProvider: opts.mfaCodeProvider } : {}), ...(opts.log ? { log: opts.log } : {}) });
        try {
          const scan = athenaScan({
            clients, region, table: opts.table, inventory: req.inventory, tagKeys: req.tagKeys, now: req.now, log,
            ...(req.mapping ? { mapping: req.mapping } : {}), ...(Object.keys(req.filter).length ? { filter: req.filter } : {}),
            ...(opts.logs ? { logs: opts.logs } : {}), ...(opts.outputLocation ? { outputLocation: opts.outputLocation } : {}),
            ...(req.signal ? { signal: req.signal } : {}), ...(opts.pollMs !== undefined ? { pollMs: opts.pollMs } : {}),
            onBadRow: (e) => {
              stats.recordsRejected++;
              req.onError(e);
            },
          });
          notes.push(...scan.spec.notes);
          let batch: import('../model').SourcedRecord[] = [];
          for await (const r of scan.events) {
            stats.recordsRead++;
            batch.push(r);
            if (batch.length === 1024) {
              yield batch;
              batch = [];
            }
          }
          if (batch.length > 0) yield batch;
          notes.splice(0, notes.length, ...scan.notes);
        } finally {
          clients.destroy();
        }
      })();
      return { batches, stats, notes };
    },
    close: () => opts.tags.close?.(),
  };
}

/**
 * What `--print-sql` shows: the exact SELECT a run would send, the table definition it assumes,
 * and the cost estimate when it can be known without a call (it cannot: Athena bills the objects
 * in the partitions, which only listing the bucket tells). No AWS call is made.
 */
export function athenaSqlPreview(p: { table: AthenaTableRef; filter: CheckFilter; inventory: Inventory; mapping: ProductMapping | undefined; tagKeys: readonly string[]; now: number; logs?: LogsLocation }): string {
  const { spec, sql } = athenaPlan({ table: p.table, filter: p.filter, inventory: p.inventory, tagKeys: p.tagKeys, now: p.now, ...(p.mapping ? { mapping: p.mapping } : {}) });
  const lines = [`-- TagTrail: the query a check with these options sends to Athena (workgroup ${p.table.workgroup}, database ${p.table.database}).`];
  lines.push(...assumedTable(p.table, spec, p.logs));
  for (const note of spec.notes) lines.push(`-- ${note}`);
  if (p.logs) {
    const prefixes = partitionPrefixes(spec, p.logs);
    lines.push(typeof prefixes === 'string'
      ? `-- Cost estimate: unknown (${prefixes}).`
      : `-- Cost estimate: the scan reads every object under ${prefixes.length} partition prefix(es) of s3://${p.logs.bucket}/${p.logs.root}; their size (listed by a run, not here: --print-sql makes no AWS call) times $5/TB is the cost, at least ${describeScan(0).replace(/^0 B, /, '')} per query.`);
  } else {
    lines.push('-- Cost estimate: unknown without --athena-logs s3://bucket/prefix/AWSLogs/ (a run then lists the partitions first).');
  }
  return `${lines.join('\n')}\n${sql};\n`;
}

/** The table definition the SELECT assumes, as SQL comments (printed, never run). */
function assumedTable(table: AthenaTableRef, spec: ScanSpec, logs: LogsLocation | undefined): string[] {
  const how = `tagtrail athena-table --bucket <b> --account <id>... --region <r>... --database ${table.database} --table ${table.table}`;
  const m = logs ? /^(?:(.*)\/)?AWSLogs\/(?:(o-[a-z0-9]+)\/)?$/.exec(logs.root) : null;
  if (!logs || !m || !spec.accounts?.length || !spec.regions?.length) {
    return [`-- It assumes the table ${table.database}.${table.table} that \`${how}\` creates (AWS's documented CloudTrail table, partition projection on account, region and day); with --athena-logs, --account and --region its DDL is printed here.`];
  }
  try {
    const ddl = createTableSql({ bucket: logs.bucket, database: table.database, table: table.table, accounts: spec.accounts, regions: spec.regions, ...(m[1] ? { prefix: m[1] } : {}), ...(m[2] ? { organizationId: m[2] } : {}) });
    return [`-- It assumes this table (what \`${how}\` prints; TagTrail runs it only with athena-table --run):`, ...ddl.split('\n').map((l) => `--   ${l}`)];
  } catch (e) {
    return [`-- It assumes the table ${table.database}.${table.table} that \`${how}\` creates (${e instanceof Error ? e.message : String(e)}).`];
  }
}
