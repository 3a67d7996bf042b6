import type { SourcedRecord } from '../model';

/**
 * Records in arrays: the public shape of a record stream from a reader to the check. Awaiting once
 * per record costs about as much as judging one (two promise turns per `for await` step), so
 * readers hand over arrays (a whole file's records 64 at a time, a streamed file's per chunk)
 * and the check awaits once per array.
 */
export type RecordBatches = AsyncIterable<readonly SourcedRecord[]>;

/** A record stream offered as arrays (what `runCheck` reads best); see `batched`. */
export interface Batched {
  readonly batches: RecordBatches;
}

/** Wraps arrays of records for `runCheck`. */
export function batched(batches: RecordBatches): Batched {
  return { batches };
}

/** The stream's records in arrays: its own arrays when it is `Batched`, else arrays of one. */
export async function* recordBatches(events: AsyncIterable<SourcedRecord> | Batched): AsyncGenerator<readonly SourcedRecord[]> {
  if ('batches' in events) {
    yield* events.batches;
    return;
  }
  for await (const r of events) yield [r];
}

/** The records of arrays one by one, for consumers that take one record at a time. */
export async function* oneByOne(batches: AsyncIterable<Iterable<SourcedRecord>>): AsyncGenerator<SourcedRecord> {
  // Plain loops: `yield*` over an array would await once more per record.
  for await (const batch of batches) for (const r of batch) yield r;
}
