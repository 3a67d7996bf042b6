/**
 * The live check's events from an Athena scan (`tagtrail.athena.table`): the tags still come from
 * the live inventory, the events from the rows Athena brings back. The same read-only client
 * factory and profile credentials as the rest of the live path; cancelling aborts the query.
 */
import type * as vscode from 'vscode';
import { athenaScan } from '../../core/athena/athenaSource';
import { AwsClients } from '../../core/aws/clients';
import { credentialsFor, type MfaCodeProvider } from '../../core/aws/credentials';
import { activeProfileName, configuredEndpoint, listProfiles, type ServiceId } from '../../core/aws/profiles';
import type { Inventory, ProductMapping, SourcedRecord } from '../../core/model';
import { escapeTerminal } from '../../core/report/escape';
import type { TagTrailConfig } from '../config';
import { chooseAthena } from './athenaChoice';

export interface AthenaEventsRequest {
  config: TagTrailConfig;
  inventory: Inventory;
  mapping: ProductMapping | undefined;
  signal: AbortSignal;
  log: vscode.LogOutputChannel;
  mfaCodeProvider: MfaCodeProvider;
  /** Short lines for the progress notification (the estimate, Athena's state, the bytes scanned). */
  onNote?: (message: string) => void;
  /** Scope sentences for the report (the scan's own notes and what it scanned). */
  notes: string[];
}

/** The event source label for the report's scope, or undefined when Athena is not set. */
export function athenaEventSource(c: TagTrailConfig): string | undefined {
  const t = c.athenaTable.trim();
  return t === '' ? undefined : `athena:${t}`;
}

/**
 * Streams the scan's records. Throws (before any query) when the setting is malformed or no region
 * is known. The clients are closed when the stream ends, fails or is abandoned.
 */
export async function* athenaEvents(req: AthenaEventsRequest): AsyncGenerator<SourcedRecord> {
  const c = req.config;
  const profile = c.profile || process.env.AWS_PROFILE || undefined;
  const info = (await listProfiles().catch(() => [])).find((p) => p.name === activeProfileName(profile));
  const choice = chooseAthena(c.athenaTable, c.regions, process.env, info?.region);
  if (!choice) return;
  const endpoints: Partial<Record<ServiceId, string>> = {};
  for (const id of ['ATHENA', 'S3', 'STS'] as const) {
    const url = configuredEndpoint(id, info);
    if (url) endpoints[id] = url;
  }
  const log = (line: string): void => req.log.info(`athena: ${escapeTerminal(line)}`);
  const clients = new AwsClients({
    ...(profile ? { profile } : {}),
    credentials: credentialsFor({ ...(profile ? { profile } : {}), region: choice.region, mfaCodeProvider: req.mfaCodeProvider, ...(endpoints.STS ? { stsEndpoint: endpoints.STS } : {}) }),
    log,
    endpoints,
    forcePathStyle: Boolean(endpoints.S3),
  });
  try {
    const scan = athenaScan({
      clients, region: choice.region, table: choice.table, inventory: req.inventory, tagKeys: c.productTagKeys,
      filter: { since: `${c.lookbackDays}d` }, ...(req.mapping ? { mapping: req.mapping } : {}), signal: req.signal,
      log: (line) => {
        log(line);
        // Only the estimate, the states and the bytes scanned are progress; AWS call lines are not.
        if (/^Athena /.test(line)) req.onNote?.(line);
      },
    });
    yield* scan.events;
    req.notes.push(...scan.notes);
  } finally {
    clients.destroy();
  }
}
