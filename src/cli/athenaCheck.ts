/**
 * `tagtrail check --athena <workgroup>/<database>.<table>`: the events come from Athena's scan of
 * the trail bucket instead of files; tags still come from `--inventory`. And `tagtrail athena-table`,
 * which prints the table's CREATE statement and runs it only with `--run`.
 */
import type { CheckFilter } from '../core/check/scopeFilter';
import type { Inventory, ProductMapping, ReadError, SourcedRecord } from '../core/model';
import { AwsClients } from '../core/aws/clients';
import { credentialsFor } from '../core/aws/credentials';
import { activeProfileName, configuredEndpoint, listProfiles, type ServiceId } from '../core/aws/profiles';
import { athenaScan } from '../core/athena/athenaSource';
import { parseAthenaTableRef } from '../core/athena/tableRef';
import { parseLogsLocation } from '../core/athena/estimate';
import { createTableSql } from '../core/athena/ddl';
import { AthenaQueryError, runQuery } from '../core/athena/runQuery';
import { TagTrailAwsError } from '../core/aws/errors';
import { parseArgs, UsageError, type OptionSpec, type ParsedArgs } from './args';
import { assertReadable, InputError, loadInventoryFiles } from './inputs';
import type { Io } from './io';

/** Options `check` accepts for the Athena source. */
export const ATHENA_CHECK_OPTIONS: OptionSpec = { athena: 'string', 'athena-output': 'string', 'athena-logs': 'string', 'athena-region': 'string' };

export const ATHENA_CHECK_HELP = `  --athena <workgroup>/<database>.<table>  read events with an Athena scan of the trail's table (with --inventory)
  --athena-output s3://…/  query results location (when the workgroup sets none)
  --athena-logs s3://bucket/prefix/AWSLogs/[o-…/]  where the logs are, to estimate the cost first
  --athena-region <r>    region of the workgroup (default: AWS_REGION or the profile's)`;

function invalid(flag: string, e: unknown): UsageError {
  return new UsageError(`${flag}: ${e instanceof Error ? e.message : String(e)}`);
}

/** A session for the profile (or the default chain) with the endpoints the profile or environment configure. */
async function sessionClients(profile: string | undefined, regionOption: string | undefined, io: Io): Promise<{ clients: AwsClients; region: string }> {
  const info = (await listProfiles().catch(() => [])).find((p) => p.name === activeProfileName(profile));
  const region = regionOption ?? process.env.AWS_REGION ?? process.env.AWS_DEFAULT_REGION ?? info?.region;
  if (!region) throw new UsageError('no region for Athena: pass --athena-region (e.g. us-east-1)');
  const endpoints: Partial<Record<ServiceId, string>> = {};
  for (const id of ['ATHENA', 'S3', 'STS'] as const) {
    const url = configuredEndpoint(id, info);
    if (url) endpoints[id] = url;
  }
  const clients = new AwsClients({
    ...(profile ? { profile } : {}),
    credentials: credentialsFor({ ...(profile ? { profile } : {}), region, ...(endpoints.STS ? { stsEndpoint: endpoints.STS } : {}) }),
    log: (line) => io.err(`aws: ${line}`),
    endpoints,
    forcePathStyle: Boolean(endpoints.S3),
  });
  return { clients, region };
}

/** Athena and AWS failures are the input's problem, reported in one line like unreadable files. */
function asInputError(e: unknown): unknown {
  return e instanceof AthenaQueryError || e instanceof TagTrailAwsError ? new InputError(e.message) : e;
}

async function* reported(events: AsyncIterable<SourcedRecord>): AsyncGenerator<SourcedRecord> {
  try {
    yield* events;
  } catch (e) {
    throw asInputError(e);
  }
}

/** What `check` needs from the Athena source: the same shape as its file and live inputs. */
export interface AthenaInputs {
  events: AsyncIterable<SourcedRecord>;
  readErrors: ReadError[];
  inventory: Inventory;
  eventSources: string[];
  notes: string[];
  dispose: () => void;
}

/** Prepares the Athena scan for `check`; the query starts when the check reads the events. */
export async function athenaInputs(args: ParsedArgs, io: Io, filter: CheckFilter, mapping: ProductMapping | undefined, tagKeys: string[]): Promise<AthenaInputs> {
  if (args.lists.has('events')) throw new UsageError('use either --athena or --events, not both');
  const inventoryPaths = args.lists.get('inventory') ?? [];
  if (inventoryPaths.length === 0) throw new UsageError('--athena needs --inventory: Athena brings the events, the tags come from inventory files');
  let table;
  try {
    table = parseAthenaTableRef(args.strings.get('athena') ?? '');
  } catch (e) {
    throw new UsageError(e instanceof Error ? e.message : String(e));
  }
  const logsText = args.strings.get('athena-logs');
  let logs;
  try {
    logs = logsText !== undefined ? parseLogsLocation(logsText) : undefined;
  } catch (e) {
    throw invalid('--athena-logs', e);
  }
  const output = args.strings.get('athena-output');
  if (output !== undefined && !/^s3:\/\/[a-z0-9][a-z0-9.-]{1,61}[a-z0-9](\/.*)?$/.test(output)) throw new UsageError('--athena-output must be an s3:// location');
  await assertReadable(inventoryPaths, 'inventory');
  const inventory = await loadInventoryFiles(inventoryPaths);
  const { clients, region } = await sessionClients(args.strings.get('profile'), args.strings.get('athena-region'), io);
  const scan = athenaScan({
    clients, region, table, inventory, tagKeys, now: io.now(), log: io.err,
    ...(mapping ? { mapping } : {}), ...(Object.keys(filter).length ? { filter } : {}), ...(logs ? { logs } : {}),
    ...(output ? { outputLocation: output } : {}), ...(io.signal ? { signal: io.signal } : {}),
  });
  return { events: reported(scan.events), readErrors: [], inventory, eventSources: [`athena:${table.workgroup}/${table.database}.${table.table}`], notes: scan.notes, dispose: () => clients.destroy() };
}

const TABLE_SPEC: OptionSpec = {
  bucket: 'string', prefix: 'string', organization: 'string', account: 'list', region: 'list', database: 'string', table: 'string',
  'first-day': 'string', run: 'string', 'athena-output': 'string', 'athena-region': 'string', profile: 'string', help: 'flag',
};

export const ATHENA_TABLE_HELP = `tagtrail athena-table: the Athena table over a trail bucket (AWS's documented definition, partition projection)

  tagtrail athena-table --bucket <b> [--prefix p] [--organization o-…] --account <id>... --region <r>...
                        [--database security] [--table cloudtrail_logs] [--first-day yyyy/MM/dd]
                        [--run <workgroup>] [--athena-output s3://…/] [--athena-region r] [--profile p]

Prints the CREATE EXTERNAL TABLE statement. With --run it is executed in that workgroup: the only
statement TagTrail runs that is not a SELECT.`;

/** `tagtrail athena-table`: returns the exit status. */
export async function athenaTableCommand(argv: string[], io: Io): Promise<number> {
  const args = parseArgs(argv, TABLE_SPEC);
  if (args.flags.has('help')) {
    io.out(`${ATHENA_TABLE_HELP}\n`);
    return 0;
  }
  const bucket = args.strings.get('bucket');
  if (!bucket) throw new UsageError('--bucket is required; see tagtrail athena-table --help');
  const database = args.strings.get('database') ?? 'security';
  const table = args.strings.get('table') ?? 'cloudtrail_logs';
  let sql: string;
  try {
    sql = createTableSql({
      bucket, database, table, accounts: args.lists.get('account') ?? [], regions: args.lists.get('region') ?? [],
      ...(args.strings.has('prefix') ? { prefix: args.strings.get('prefix') } : {}),
      ...(args.strings.has('organization') ? { organizationId: args.strings.get('organization') } : {}),
      ...(args.strings.has('first-day') ? { firstDay: args.strings.get('first-day') } : {}),
    });
  } catch (e) {
    throw new UsageError(e instanceof Error ? e.message : String(e));
  }
  io.out(`${sql};\n`);
  const workgroup = args.strings.get('run');
  if (workgroup === undefined) return 0;
  const { clients, region } = await sessionClients(args.strings.get('profile'), args.strings.get('athena-region'), io);
  try {
    const output = args.strings.get('athena-output');
    const done = await runQuery(clients.athena(region), sql, {
      workgroup, allowCreateTable: true, onState: (s) => io.err(`Athena: ${s.toLowerCase()}`),
      ...(output ? { outputLocation: output } : {}), ...(io.signal ? { signal: io.signal } : {}),
    });
    io.err(`tagtrail athena-table: created ${database}.${table} (query ${done.queryId})`);
    return 0;
  } catch (e) {
    throw asInputError(e);
  } finally {
    clients.destroy();
  }
}
