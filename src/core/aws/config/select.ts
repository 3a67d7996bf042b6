/**
 * Runs an advanced query to its last page: SelectResourceConfig against one region's recorder, or
 * SelectAggregateResourceConfig against an aggregator (every account and region it gathers).
 */
import { SelectAggregateResourceConfigCommand, SelectResourceConfigCommand, type ConfigServiceClient } from '@aws-sdk/client-config-service';
import { persist } from '../concurrency';
import { parseRow, type ConfigRow } from './query';

/** Config's largest page. */
const PAGE = 100;

export interface SelectResult {
  rows: ConfigRow[];
  /** Calls made (pages; SDK retries of one page count once). */
  calls: number;
  /** Rows that could not be read, by reason. */
  problems: string[];
}

async function pages(fetch: (token: string | undefined) => Promise<{ Results?: string[]; NextToken?: string }>): Promise<SelectResult> {
  const out: SelectResult = { rows: [], calls: 0, problems: [] };
  const seen = new Set<string>();
  let token: string | undefined;
  do {
    const page = await fetch(token);
    out.calls++;
    for (const text of page.Results ?? []) {
      const { row, problem } = parseRow(text);
      if (problem) out.problems.push(problem);
      if (row) out.rows.push(row);
    }
    const next = page.NextToken || undefined;
    // A token handed back twice would loop for ever: stop and say so.
    if (next && seen.has(next)) { out.problems.push('AWS Config returned the same page token twice; the rest was not read'); break; }
    if (next) seen.add(next);
    token = next;
  } while (token);
  return out;
}

/** Every row of `expression` in the client's region. */
export function selectResources(client: ConfigServiceClient, expression: string, signal?: AbortSignal): Promise<SelectResult> {
  return pages((NextToken) => persist(() => client.send(new SelectResourceConfigCommand({ Expression: expression, Limit: PAGE, ...(NextToken ? { NextToken } : {}) }), { abortSignal: signal }), signal ? { signal } : {}));
}

/** Every row of `expression` across the aggregator's accounts and regions. */
export function selectAggregate(client: ConfigServiceClient, aggregator: string, expression: string, signal?: AbortSignal): Promise<SelectResult> {
  return pages((NextToken) => persist(() => client.send(new SelectAggregateResourceConfigCommand({ Expression: expression, ConfigurationAggregatorName: aggregator, Limit: PAGE, ...(NextToken ? { NextToken } : {}) }), { abortSignal: signal }), signal ? { signal } : {}));
}
