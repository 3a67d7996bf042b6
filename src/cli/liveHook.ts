import type { Inventory, ReadError, SourcedRecord } from '../core/model';

/** What `tagtrail check --profile/--trail-bucket` asks of live AWS. */
export interface LiveRequest {
  profile?: string;
  regions: string[];
  since: Date;
  until?: Date;
  trailBucket?: string;
  signal?: AbortSignal;
  log: (line: string) => void;
}

/** What live AWS hands back: the same inputs a file-based check has, plus sentences for the scope. */
export interface LiveResult {
  inventory: Inventory;
  events: AsyncIterable<SourcedRecord>;
  scopeNotes: string[];
  managementEventsOnly?: boolean;
  /** Unreadable records met while `events` is read (the array fills as it is consumed). */
  readErrors?: ReadError[];
}

/** Gathers live inputs for a check; throws with a message fit for the user. */
export type LiveProvider = (req: LiveRequest) => Promise<LiveResult>;

let provider: LiveProvider | undefined;

/**
 * The extension point for live AWS input. The CLI core stays free of the AWS SDK; the entry point
 * that wants live checks registers `src/core/aws/liveInputs.ts`' `loadLiveInputs` (adapted) here.
 */
export function registerLiveProvider(p: LiveProvider | undefined): void {
  provider = p;
}

/** The registered provider, if this build has one. */
export function liveProvider(): LiveProvider | undefined {
  return provider;
}
