import { DEFAULT_TAG_KEYS } from '../core/attribute/productIndex';
import { parseTimeBound } from '../core/check/window';
import type { CheckFilter } from '../core/check/scopeFilter';
import type { CheckResult } from '../core/model';
import { escapeTerminal } from '../core/report/escape';
import { ArgumentError } from '../core/source/errors';
import { fileSource } from '../core/source/fileSource';
import { assertUsableFilter, checkSource } from '../core/source/runner';
import type { CheckSource, SourceKind } from '../core/source/types';
import { parseArgs, UsageError, type OptionSpec, type ParsedArgs } from './args';
import { formatReadError } from './inputs';
import { liveProvider } from './liveHook';
import { ATHENA_CHECK_HELP, ATHENA_CHECK_OPTIONS, asInputError, athenaSourceFromArgs, printAthenaSql } from './athenaCheck';
import { exitStatus, noteTagKeyCase, OUTPUT_HELP, OUTPUT_OPTIONS, outputChoice, writeReport, type OutputChoice } from './output';
import { wantsLive } from './currentProfile';
import { INVENTORY_SOURCE_HELP, INVENTORY_SOURCE_OPTIONS, inventorySourceFrom } from './inventorySourceArgs';
import type { Io } from './io';
import { speaking, VERBOSITY_HELP, VERBOSITY_OPTIONS, verbosityOf, warn, type Speaking } from './verbosity';
import { watchedSource } from './watchRead';

const SPEC: OptionSpec = {
  events: 'list', inventory: 'list', mapping: 'string', 'tag-key': 'list', product: 'string', since: 'string', until: 'string', 'no-history': 'flag',
  region: 'list', account: 'list', 'trail-config': 'list', ...OUTPUT_OPTIONS, help: 'flag',
  profile: 'string', 'trail-bucket': 'string', ...ATHENA_CHECK_OPTIONS, ...INVENTORY_SOURCE_OPTIONS, ...VERBOSITY_OPTIONS,
};

/** `tagtrail check --help`. */
export const CHECK_HELP = `tagtrail check: did a principal of one product act on a resource of another?

  tagtrail check --events <file-or-folder>... --inventory <file>... [options]

  --events <path>...     CloudTrail input: trail files (.json/.json.gz), S3 layout folders, JSONL,
                         lookup-events output (format detected from content)
  --inventory <path>...  tags: TagTrail snapshot, tagging get-resources, IAM authorization details
  --mapping <file>       principal/resource patterns, shared products, exemptions (JSON)
  --trail-config <path>... outputs of aws cloudtrail describe-trails, get-trail-status and
                         get-event-selectors (files or folders): which resources the trail can see
  --tag-key <key>...     product tag keys in priority order (default: product; case-sensitive)
  --product <name>       only findings and gaps where either side is this product
  --since <t> --until <t>  time window: 7d, 12h, 30m, 2w back from now, or ISO dates
  --region <r>...        only these regions     --account <id>...  only these recipient accounts
  --no-history           judge every event by today's tags; by default each event is judged by
                         the tags in force at its time (the trail's tag calls, creations and
                         deletions, and the inventory's history), at the cost of a first pass
${OUTPUT_HELP}
  --profile <name>, --trail-bucket s3://bucket/prefix   live AWS input (when this build has it);
                         with no --events, the current profile is checked (AWS_PROFILE, then
                         environment keys, then the default profile)
${INVENTORY_SOURCE_HELP}
${ATHENA_CHECK_HELP}
${VERBOSITY_HELP}

Exit status: 0 done; 1 a --fail-on condition met (or --fail-on-findings and a finding);
2 bad arguments or unreadable input;
4 incomplete: no record in scope, no event of --product, inputs skipped for read errors, or
resources in scope invisible to the trail (data or management events not logged, no trail)
(the reasons are on stderr and in the report; 1 wins when both apply).`;

/** Duration back from now, or a date: the live window's start when --since is not given. */
const LIVE_DEFAULT_SINCE = '7d';

function fileSourceFromArgs(args: ParsedArgs): CheckSource {
  const eventPaths = args.lists.get('events') ?? [];
  const inventoryPaths = args.lists.get('inventory') ?? [];
  if (eventPaths.length === 0) throw new UsageError('--events is required (or --profile for live AWS); see tagtrail check --help');
  if (inventoryPaths.length === 0) throw new UsageError('--inventory is required: without tags no product can be told; see tagtrail check --help');
  const mappingFile = args.strings.get('mapping');
  const trailConfig = args.lists.get('trail-config') ?? [];
  return fileSource({ events: eventPaths, inventory: inventoryPaths, ...(mappingFile ? { mappingFile } : {}), ...(trailConfig.length ? { trailConfig } : {}) });
}

function liveSourceFromArgs(args: ParsedArgs, io: Io, filter: CheckFilter): CheckSource {
  const live = liveProvider();
  if (!live) throw new UsageError('live AWS input (--profile, --trail-bucket) is not available in this build; pass --events and --inventory files');
  if (args.lists.has('events') || args.lists.has('inventory')) throw new UsageError('use either --profile/--trail-bucket (live) or --events/--inventory (files), not both');
  if (args.lists.has('trail-config')) throw new UsageError('--trail-config goes with --events/--inventory; a live check reads the trails of the account itself');
  const now = io.now();
  const mappingFile = args.strings.get('mapping');
  return live({
    ...(args.strings.has('profile') ? { profile: args.strings.get('profile') } : {}),
    ...(args.strings.has('trail-bucket') ? { trailBucket: args.strings.get('trail-bucket') } : {}),
    ...(mappingFile ? { mappingFile } : {}),
    ...inventorySourceFrom(args, true),
    regions: filter.regions ?? [], since: new Date(parseTimeBound(filter.since ?? LIVE_DEFAULT_SINCE, now)),
    ...(filter.until ? { until: new Date(parseTimeBound(filter.until, now)) } : {}),
    log: io.info ?? io.err,
  });
}

/** The source `check`'s options name: Athena, live AWS or files. */
export async function sourceFromArgs(args: ParsedArgs, io: Io, filter: CheckFilter): Promise<CheckSource> {
  if (args.strings.has('athena')) { inventorySourceFrom(args, false); return athenaSourceFromArgs(args, io); }
  if (await wantsLive(args, io)) return liveSourceFromArgs(args, io, filter);
  inventorySourceFrom(args, false);
  return fileSourceFromArgs(args);
}

/**
 * Runs the runner on a source for the CLI (`check` and `demo`): read errors and warnings go to
 * stderr as they happen, the reading to the progress line of `talk` (erased before the report is
 * written); the runner's own errors become the CLI's (exit 2).
 */
export async function checkWith(opts: { source: CheckSource; tagKeys: readonly string[]; filter: CheckFilter; io: Io; talk?: Speaking; history?: boolean }): Promise<CheckResult> {
  const { io, talk } = opts;
  try {
    const source = talk ? watchedSource(opts.source, talk.progress, io.signal) : opts.source;
    const run = await checkSource(source, {
      tagKeys: opts.tagKeys, filter: opts.filter, now: io.now(),
      onError: (e) => io.err(`tagtrail: read error: ${formatReadError(e)}`),
      onWarning: (w) => warn(io, `tagtrail: warning: ${escapeTerminal(w)}`),
      ...(io.signal ? { signal: io.signal } : {}),
      ...(opts.history === false ? { history: false } : {}),
    });
    talk?.progress.stop();
    const summary = talk?.verbosity === 'verbose' ? talk.progress.summary() : undefined;
    if (summary) io.err(`tagtrail: ${summary}`);
    noteTagKeyCase(run.result, run.inventory, opts.tagKeys, (line) => warn(io, line));
    return run.result;
  } catch (e) {
    if (e instanceof ArgumentError) throw new UsageError(e.message);
    throw asInputError(e);
  } finally {
    talk?.progress.stop();
  }
}

/** The check filter from `--product/--since/--until/--region/--account`, validated (bad values are UsageErrors). */
export function filterFrom(args: ParsedArgs, now: number): CheckFilter {
  const filter: CheckFilter = {};
  const product = args.strings.get('product');
  if (product !== undefined) filter.product = product;
  for (const k of ['since', 'until'] as const) {
    const v = args.strings.get(k);
    if (v !== undefined) filter[k] = v;
  }
  const regions = args.lists.get('region');
  if (regions) filter.regions = regions;
  const accounts = args.lists.get('account');
  if (accounts) {
    const bad = accounts.find((a) => !/^\d{12}$/.test(a));
    if (bad !== undefined) throw new UsageError(`--account takes 12-digit account ids (got "${bad}")`);
    filter.accounts = accounts;
  }
  try {
    assertUsableFilter(filter, now);
  } catch (e) {
    throw new UsageError(e instanceof Error ? e.message : String(e));
  }
  return filter;
}

/**
 * What the CLI says after a check besides the report, and the exit status: 2 when nothing could be
 * read at all, 1 for findings with --fail-on-findings, 4 when the check looked at less than it was
 * asked to (no record in scope, no event of the product, inputs skipped), else 0.
 */
export function concludeCheck(result: CheckResult, io: Io, output: OutputChoice, sourceKind?: SourceKind): number {
  const s = result.stats;
  // A live check reads LookupEvents and the trail's files, which overlap: dropping copies is expected there.
  const dropped = `tagtrail: ${s.duplicatesDropped} duplicate events dropped (same eventID, eventSource and account read twice); each event was checked once`;
  if (s.duplicatesDropped) (sourceKind === 'live' ? io.info ?? io.err : io.warn ?? io.err)(dropped);
  for (const note of result.scope.notes ?? []) if (/ in the event folders not read: /.test(note)) warn(io, `tagtrail: ${escapeTerminal(note)}`);
  if (result.readErrors.length > 0) io.err(`tagtrail: ${result.readErrors.length} read errors (inputs skipped, listed above and in the report)`);
  if (s.recordsRead === (s.recordsUnreadable ?? 0) && result.readErrors.length > 0) {
    // Nothing readable at all: a report of "no findings" would be misleading, so fail like bad input.
    io.err('tagtrail check: no CloudTrail record could be read from the inputs');
    return 2;
  }
  for (const why of result.incomplete ?? []) io.err(`tagtrail check: incomplete: ${escapeTerminal(why)}`);
  const failed = exitStatus(result, output, io.err);
  if (failed !== 0) return failed;
  return (result.incomplete ?? []).length > 0 ? EXIT_INCOMPLETE : 0;
}

/** Exit status of a check that looked at less than it was asked to (see `concludeCheck`). */
export const EXIT_INCOMPLETE = 4;

/** `tagtrail check`: returns the exit status. */
export async function checkCommand(argv: string[], rawIo: Io): Promise<number> {
  const args = parseArgs(argv, SPEC);
  if (args.flags.has('help')) {
    rawIo.out(`${CHECK_HELP}\n`);
    return 0;
  }
  const talk = speaking(rawIo, verbosityOf(args));
  try {
    return await checkTalking(args, talk);
  } finally {
    talk.progress.stop();
  }
}

async function checkTalking(args: ParsedArgs, talk: Speaking): Promise<number> {
  const { io } = talk;
  if (args.positional.length > 0) throw new UsageError(`unexpected argument "${args.positional[0]}" (event files go after --events)`);
  const output = outputChoice(args);
  const filter = filterFrom(args, io.now());
  const tagKeys = args.lists.get('tag-key') ?? DEFAULT_TAG_KEYS;
  if (args.flags.has('print-sql')) {
    if (!args.strings.has('athena')) throw new UsageError('--print-sql shows the query of an --athena check');
    return printAthenaSql(args, io, filter, tagKeys);
  }
  const source = await sourceFromArgs(args, io, filter);
  const result = await checkWith({ source, tagKeys, filter, io, talk, ...(args.flags.has('no-history') ? { history: false } : {}) });
  await writeReport(result, output, io.stdout);
  return concludeCheck(result, io, output, source.kind);
}
