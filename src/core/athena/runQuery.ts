/**
 * Runs one statement on Athena through the project's allowlisted client: start it in a workgroup,
 * poll until it ends, page through its results, and stop it if the caller aborts. Athena answers
 * a query with a header row and then strings; rows come back keyed by column name.
 */
import {
  GetQueryExecutionCommand, GetQueryResultsCommand, StartQueryExecutionCommand, StopQueryExecutionCommand,
  type AthenaClient, type QueryExecution,
} from '@aws-sdk/client-athena';

export interface QueryOptions {
  workgroup: string;
  /** Database the statement's unqualified names refer to. */
  database?: string;
  /** `s3://…/` for results, when the workgroup does not set one. */
  outputLocation?: string;
  signal?: AbortSignal;
  /** Delay between status polls; grows by half up to 5 s. Default 500 ms. */
  pollMs?: number;
  /** Told about every state Athena reports (QUEUED, RUNNING…). */
  onState?: (state: string) => void;
  /** Allows the table's CREATE EXTERNAL TABLE, the one statement that is not a SELECT. */
  allowCreateTable?: boolean;
}

export interface QueryOutcome {
  queryId: string;
  state: string;
  /** What Athena charges for: bytes it read. */
  bytesScanned?: number;
  engineMs?: number;
}

export class AthenaQueryError extends Error {
  constructor(message: string, readonly queryId?: string) {
    super(message);
    this.name = 'AthenaQueryError';
  }
}

/**
 * Refuses anything but a SELECT (or WITH … SELECT), and the table's CREATE when allowed. The SQL is
 * TagTrail's own; this is the second lock behind the allowlist, so that a bug cannot write.
 */
export function assertReadOnlySql(sql: string, allowCreateTable = false): void {
  const head = sql.trimStart().slice(0, 40).toUpperCase();
  if (head.startsWith('SELECT ') || head.startsWith('WITH ')) {
    if (/;\s*\S/.test(sql)) throw new AthenaQueryError('TagTrail sends one statement per query');
    return;
  }
  if (allowCreateTable && head.startsWith('CREATE EXTERNAL TABLE')) return;
  throw new AthenaQueryError(`TagTrail runs only SELECT statements on Athena${allowCreateTable ? ' and its table definition' : ''}; refused: ${head.slice(0, 30)}…`);
}

function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(signal.reason as Error);
    const t = setTimeout(() => { signal?.removeEventListener('abort', onAbort); resolve(); }, ms);
    const onAbort = (): void => { clearTimeout(t); reject(signal?.reason as Error); };
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}

function outcome(queryId: string, q: QueryExecution | undefined): QueryOutcome {
  const out: QueryOutcome = { queryId, state: q?.Status?.State ?? 'UNKNOWN' };
  if (q?.Statistics?.DataScannedInBytes !== undefined) out.bytesScanned = q.Statistics.DataScannedInBytes;
  if (q?.Statistics?.EngineExecutionTimeInMillis !== undefined) out.engineMs = q.Statistics.EngineExecutionTimeInMillis;
  return out;
}

/** Best effort: the query may already have ended, and the user is leaving anyway. */
async function stop(client: AthenaClient, queryId: string): Promise<void> {
  try {
    await client.send(new StopQueryExecutionCommand({ QueryExecutionId: queryId }));
  } catch {
    // nothing to do: a query that cannot be stopped has ended
  }
}

/**
 * Starts `sql` and waits for it to finish. On abort the query is stopped before the abort reason
 * is thrown. Throws AthenaQueryError when Athena reports FAILED or CANCELLED, with its reason.
 */
export async function runQuery(client: AthenaClient, sql: string, opts: QueryOptions): Promise<QueryOutcome> {
  assertReadOnlySql(sql, opts.allowCreateTable);
  opts.signal?.throwIfAborted();
  const started = await client.send(new StartQueryExecutionCommand({
    QueryString: sql,
    WorkGroup: opts.workgroup,
    ...(opts.database ? { QueryExecutionContext: { Database: opts.database } } : {}),
    ...(opts.outputLocation ? { ResultConfiguration: { OutputLocation: opts.outputLocation } } : {}),
  }), { abortSignal: opts.signal });
  const queryId = started.QueryExecutionId;
  if (!queryId) throw new AthenaQueryError('Athena started no query (no QueryExecutionId)');
  let delay = opts.pollMs ?? 500;
  try {
    for (;;) {
      const got = await client.send(new GetQueryExecutionCommand({ QueryExecutionId: queryId }), { abortSignal: opts.signal });
      const state = got.QueryExecution?.Status?.State ?? 'UNKNOWN';
      opts.onState?.(state);
      if (state === 'SUCCEEDED') return outcome(queryId, got.QueryExecution);
      if (state === 'FAILED' || state === 'CANCELLED') {
        const why = got.QueryExecution?.Status?.StateChangeReason ?? 'no reason given';
        throw new AthenaQueryError(`Athena query ${queryId} ${state.toLowerCase()}: ${why}`, queryId);
      }
      await sleep(delay, opts.signal);
      delay = Math.min(5000, Math.ceil(delay * 1.5));
    }
  } catch (e) {
    if (opts.signal?.aborted) await stop(client, queryId);
    throw e;
  }
}

/**
 * The rows of a finished query, page by page (Athena's NextToken), keyed by column name; NULL
 * cells are null. The header row Athena puts first in a SELECT's results is skipped.
 */
export async function* queryRows(client: AthenaClient, queryId: string, signal?: AbortSignal): AsyncGenerator<Record<string, string | null>> {
  let token: string | undefined;
  let columns: string[] | undefined;
  let first = true;
  do {
    const page = await client.send(new GetQueryResultsCommand({ QueryExecutionId: queryId, MaxResults: 1000, ...(token ? { NextToken: token } : {}) }), { abortSignal: signal });
    columns ??= (page.ResultSet?.ResultSetMetadata?.ColumnInfo ?? []).map((c) => c.Name ?? '');
    const rows = page.ResultSet?.Rows ?? [];
    for (let i = first ? 1 : 0; i < rows.length; i++) {
      const data = rows[i]?.Data ?? [];
      const row: Record<string, string | null> = {};
      columns.forEach((name, j) => { row[name] = data[j]?.VarCharValue ?? null; });
      yield row;
    }
    first = false;
    token = page.NextToken;
  } while (token);
}
