/**
 * `tagtrail check --athena <workgroup>/<database>.<table>`: the events come from Athena's scan of
 * the trail bucket instead of files; tags still come from `--inventory`. And `tagtrail athena-table`,
 * which prints the table's CREATE statement and runs it only with `--run`.
 */
import { parseAthenaTableRef, type AthenaTableRef } from '../core/athena/tableRef';
import { parseLogsLocation, type LogsLocation } from '../core/athena/estimate';
import { createTableSql } from '../core/athena/ddl';
import { AthenaQueryError, runQuery } from '../core/athena/runQuery';
import { TagTrailAwsError } from '../core/aws/errors';
import { athenaSource, athenaSqlPreview } from '../core/source/athenaSource';
import { fileSource } from '../core/source/fileSource';
import { awsClients, awsProfile, defaultRegion } from '../core/source/awsSession';
import { assertUsableFilter } from '../core/source/runner';
import type { CheckFilter } from '../core/check/scopeFilter';
import type { CheckSource } from '../core/source/types';
import { parseArgs, UsageError, type OptionSpec, type ParsedArgs } from './args';
import { InputError, loadInventoryFiles, loadMappingFile } from './inputs';
import type { Io } from './io';

/** Options `check` accepts for the Athena source. */
export const ATHENA_CHECK_OPTIONS: OptionSpec = { athena: 'string', 'athena-output': 'string', 'athena-logs': 'string', 'athena-region': 'string', 'print-sql': 'flag' };

export const ATHENA_CHECK_HELP = `  --athena <workgroup>/<database>.<table>  read events with an Athena scan of the trail's table (with --inventory)
  --athena-output s3://…/  query results location (when the workgroup sets none)
  --athena-logs s3://bucket/prefix/AWSLogs/[o-…/]  where the logs are, to estimate the cost first
  --athena-region <r>    region of the workgroup (default: AWS_REGION or the profile's)
  --print-sql            print the SELECT (and the table it assumes) a run would send; no AWS call`;

function invalid(flag: string, e: unknown): UsageError {
  return new UsageError(`${flag}: ${e instanceof Error ? e.message : String(e)}`);
}

/** Athena and AWS failures are the input's problem, reported in one line like unreadable files. */
export function asInputError(e: unknown): unknown {
  return e instanceof AthenaQueryError || e instanceof TagTrailAwsError ? new InputError(e.message) : e;
}

interface AthenaArgs { table: AthenaTableRef; logs?: LogsLocation; output?: string; inventoryPaths: string[] }

function athenaArgs(args: ParsedArgs): AthenaArgs {
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
  return { table, inventoryPaths, ...(logs ? { logs } : {}), ...(output ? { output } : {}) };
}

/** The Athena source of `check`; the query starts when the runner reads the events. */
export function athenaSourceFromArgs(args: ParsedArgs, io: Io): CheckSource {
  const a = athenaArgs(args);
  const mappingPath = args.strings.get('mapping');
  const region = args.strings.get('athena-region');
  const profile = args.strings.get('profile');
  return athenaSource({
    table: a.table,
    // The tags of inventory files, with their warnings (conflicts, truncated exports).
    tags: fileSource({ events: [], inventory: a.inventoryPaths, ...(mappingPath ? { mappingFile: mappingPath } : {}) }),
    log: io.info ?? io.err,
    ...(profile ? { profile } : {}), ...(region ? { region } : {}), ...(a.logs ? { logs: a.logs } : {}), ...(a.output ? { outputLocation: a.output } : {}),
  });
}

/** `check --athena … --print-sql`: the SELECT a run would send, from local files only; returns the exit status. */
export async function printAthenaSql(args: ParsedArgs, io: Io, filter: CheckFilter, tagKeys: readonly string[]): Promise<number> {
  const a = athenaArgs(args);
  assertUsableFilter(filter, io.now());
  const inventory = await loadInventoryFiles(a.inventoryPaths);
  const mapping = await loadMappingFile(args.strings.get('mapping'));
  io.out(athenaSqlPreview({ table: a.table, filter, inventory, mapping, tagKeys, now: io.now(), ...(a.logs ? { logs: a.logs } : {}) }));
  return 0;
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
  const profile = await awsProfile(args.strings.get('profile'));
  const region = args.strings.get('athena-region') ?? defaultRegion(profile);
  if (!region) throw new UsageError('no region for Athena: pass --athena-region (e.g. us-east-1)');
  const clients = awsClients(profile, region, { log: (line) => io.err(`aws: ${line}`) });
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
