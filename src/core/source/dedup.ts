import type { SourcedRecord } from '../model';
import { EventIdTable } from './eventIdTable';

/**
 * Drops events already read: one event is one eventID in one recipient account and event source,
 * however many sources carry it (a trail's files and LookupEvents, two trails delivering to one
 * bucket). Events without an eventID are kept: nothing says they are the same.
 */
export class EventIds {
  dropped = 0;
  // account → eventSource → eventIDs: two map lookups per record and no key string built. The ids
  // are held as 128-bit words where they are UUIDs (see eventIdTable.ts), not as 1M retained strings.
  private readonly byAccount = new Map<string, Map<string, EventIdTable>>();
  private lastAccount: string | undefined;
  private lastSources: Map<string, EventIdTable> | undefined;

  /** True the first time an event is seen. */
  fresh(sr: SourcedRecord): boolean {
    const r = sr.record;
    const id = r.eventID;
    if (typeof id !== 'string' || id === '') return true;
    const account = typeof r.recipientAccountId === 'string' ? r.recipientAccountId : '';
    let sources = this.lastSources;
    if (account !== this.lastAccount || sources === undefined) {
      sources = this.byAccount.get(account);
      if (!sources) this.byAccount.set(account, (sources = new Map()));
      this.lastAccount = account;
      this.lastSources = sources;
    }
    const src = typeof r.eventSource === 'string' ? r.eventSource : '';
    let ids = sources.get(src);
    if (!ids) sources.set(src, (ids = new EventIdTable()));
    if (ids.add(id)) return true;
    this.dropped++;
    return false;
  }

  /** The batches without the events already seen. */
  async *filter(batches: AsyncIterable<readonly SourcedRecord[]>): AsyncGenerator<readonly SourcedRecord[]> {
    for await (const batch of batches) {
      let kept: SourcedRecord[] | undefined;
      for (let i = 0; i < batch.length; i++) {
        const sr = batch[i] as SourcedRecord;
        if (this.fresh(sr)) kept?.push(sr);
        // The first duplicate of an array copies what came before it; most arrays pass untouched.
        else kept ??= batch.slice(0, i);
      }
      const out = kept ?? batch;
      if (out.length > 0) yield out;
    }
  }
}
