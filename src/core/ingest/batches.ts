import type { SourcedRecord } from '../model';

/**
 * A record stream may also offer its records in arrays under this key. Awaiting once per record
 * costs about as much as judging one (two promise turns per `for await` step), so `runCheck` takes
 * the arrays when they are offered; every other consumer still sees one record at a time.
 */
export const RECORD_BATCHES: unique symbol = Symbol('tagtrail.recordBatches');

/** A record stream that can also be read in arrays (see `RECORD_BATCHES`). */
export interface Batchable {
  [RECORD_BATCHES]?: () => AsyncIterable<readonly SourcedRecord[]>;
}

/** The stream's records in arrays: its own batches when it offers them, else arrays of one. */
export async function* recordBatches(events: AsyncIterable<SourcedRecord>): AsyncGenerator<readonly SourcedRecord[]> {
  const offer = (events as Batchable)[RECORD_BATCHES];
  if (typeof offer === 'function') {
    yield* offer.call(events);
    return;
  }
  for await (const r of events) yield [r];
}
