/**
 * Athena over awsJson1_1 (target prefix `AmazonAthena`): StartQueryExecution, GetQueryExecution,
 * GetQueryResults and StopQueryExecution, with Athena's states (QUEUED, RUNNING, SUCCEEDED,
 * FAILED, CANCELLED), its header row on the first result page and its NextToken pagination. What a
 * query returns comes from a backend the test supplies (e.g. DuckDB over the same fixture files).
 */
import { randomUUID } from 'node:crypto';
import { ServiceError, makeToken, readToken } from './wire';

/** A query's answer: column names, rows of strings (null for SQL NULL) and the bytes it read. */
export interface AthenaAnswer {
  columns: string[];
  rows: (string | null)[][];
  bytesScanned: number;
}

export interface AthenaEndpoint {
  /** Runs a statement; a rejection becomes a FAILED query with the error's message. */
  backend: (sql: string, ctx: { workgroup: string; database?: string }) => Promise<AthenaAnswer>;
  /** Status polls answered RUNNING before a finished query reports its end; default 2. */
  runningPolls?: number;
  /** Workgroups that exist; default `primary` only. */
  workgroups?: string[];
  /** Every statement received, in order, for tests to inspect. */
  received?: { sql: string; workgroup: string; database?: string; outputLocation?: string }[];
}

interface Query {
  id: string;
  sql: string;
  workgroup: string;
  state: 'QUEUED' | 'RUNNING' | 'SUCCEEDED' | 'FAILED' | 'CANCELLED';
  reason?: string;
  polls: number;
  answer?: AthenaAnswer;
  settled: boolean;
  submitted: number;
}

function str(v: unknown): string | undefined {
  return typeof v === 'string' && v !== '' ? v : undefined;
}

/** The Athena service of one endpoint: owns its queries. */
export function athenaService(cfg: AthenaEndpoint): (operation: string, input: Record<string, unknown>) => unknown {
  const queries = new Map<string, Query>();
  const workgroups = new Set(cfg.workgroups ?? ['primary']);

  function find(input: Record<string, unknown>): Query {
    const q = queries.get(String(input.QueryExecutionId ?? ''));
    if (!q) throw new ServiceError(400, 'InvalidRequestException', `QueryExecution ${String(input.QueryExecutionId)} was not found`);
    return q;
  }

  function start(input: Record<string, unknown>): unknown {
    const sql = str(input.QueryString);
    if (!sql) throw new ServiceError(400, 'InvalidRequestException', 'QueryString is required.');
    const workgroup = str(input.WorkGroup) ?? 'primary';
    if (!workgroups.has(workgroup)) throw new ServiceError(400, 'InvalidRequestException', `WorkGroup ${workgroup} is not found.`);
    const database = str((input.QueryExecutionContext as Record<string, unknown> | undefined)?.Database);
    const outputLocation = str((input.ResultConfiguration as Record<string, unknown> | undefined)?.OutputLocation);
    cfg.received?.push({ sql, workgroup, ...(database ? { database } : {}), ...(outputLocation ? { outputLocation } : {}) });
    const q: Query = { id: randomUUID(), sql, workgroup, state: 'QUEUED', polls: 0, settled: false, submitted: Date.now() / 1000 };
    queries.set(q.id, q);
    cfg.backend(sql, { workgroup, ...(database ? { database } : {}) }).then(
      (answer) => { q.answer = answer; q.settled = true; },
      (e: unknown) => { q.reason = e instanceof Error ? e.message : String(e); q.settled = true; },
    );
    return { QueryExecutionId: q.id };
  }

  function status(q: Query): unknown {
    if (q.state === 'QUEUED') q.state = 'RUNNING';
    else if (q.state === 'RUNNING' && q.settled && ++q.polls > (cfg.runningPolls ?? 2)) q.state = q.answer ? 'SUCCEEDED' : 'FAILED';
    return {
      QueryExecution: {
        QueryExecutionId: q.id, Query: q.sql, StatementType: 'DML', WorkGroup: q.workgroup,
        Status: { State: q.state, SubmissionDateTime: q.submitted, ...(q.state === 'FAILED' || q.state === 'CANCELLED' ? { StateChangeReason: q.reason ?? 'Query was cancelled by the user' } : {}) },
        Statistics: q.state === 'SUCCEEDED' ? { DataScannedInBytes: q.answer?.bytesScanned ?? 0, EngineExecutionTimeInMillis: 1 } : {},
      },
    };
  }

  function results(q: Query, input: Record<string, unknown>): unknown {
    if (q.state !== 'SUCCEEDED' || !q.answer) throw new ServiceError(400, 'InvalidRequestException', `Query has not yet finished. Current state: ${q.state}`);
    const max = input.MaxResults === undefined ? 1000 : Number(input.MaxResults);
    if (!Number.isInteger(max) || max < 1 || max > 1000) throw new ServiceError(400, 'InvalidRequestException', 'MaxResults must be between 1 and 1000.');
    const token = str(input.NextToken);
    const offset = readToken(token, q.id, 'InvalidRequestException');
    // Row 0 of the whole result is the header, as Athena returns it for a SELECT.
    const all = q.answer.rows.length + 1;
    const rows: { Data: { VarCharValue?: string }[] }[] = [];
    for (let i = offset; i < Math.min(all, offset + max); i++) {
      const cells = i === 0 ? q.answer.columns : (q.answer.rows[i - 1] ?? []);
      rows.push({ Data: cells.map((c) => (c === null ? {} : { VarCharValue: c })) });
    }
    return {
      ResultSet: { Rows: rows, ResultSetMetadata: { ColumnInfo: q.answer.columns.map((Name) => ({ Name, Type: 'varchar', CatalogName: 'hive', Nullable: 'UNKNOWN' })) } },
      ...(offset + max < all ? { NextToken: makeToken(offset + max, q.id) } : {}),
      UpdateCount: 0,
    };
  }

  return (operation, input) => {
    switch (operation) {
      case 'StartQueryExecution': return start(input);
      case 'GetQueryExecution': return status(find(input));
      case 'GetQueryResults': return results(find(input), input);
      case 'StopQueryExecution': {
        const q = find(input);
        if (q.state === 'QUEUED' || q.state === 'RUNNING') { q.state = 'CANCELLED'; q.reason = 'Query was cancelled by the user'; }
        return {};
      }
      default: throw new ServiceError(400, 'UnknownOperationException', `Unknown operation ${operation}`);
    }
  };
}
