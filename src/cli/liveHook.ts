import type { InventorySource } from '../core/aws/config/sources';
import type { CheckSource } from '../core/source/types';

/** What `tagtrail check --profile/--trail-bucket` asks of live AWS. */
export interface LiveRequest {
  profile?: string;
  regions: string[];
  since: Date;
  until?: Date;
  trailBucket?: string;
  mappingFile?: string;
  /** Where tags come from (`--inventory-source`), the aggregator and the history call bound. */
  inventorySource?: InventorySource;
  configAggregator?: string;
  maxHistoryCalls?: number;
  log: (line: string) => void;
}

/** Makes the live source of a check (nothing is called until the runner reads it). */
export type LiveProvider = (req: LiveRequest) => CheckSource;

let provider: LiveProvider | undefined;

/**
 * The extension point for live AWS input. The CLI's check stays free of the AWS SDK; the entry
 * point that wants live checks registers `src/core/source/liveSource.ts` (adapted) here.
 */
export function registerLiveProvider(p: LiveProvider | undefined): void {
  provider = p;
}

/** The registered provider, if this build has one. */
export function liveProvider(): LiveProvider | undefined {
  return provider;
}
