import type { ResolutionStatus, SourceResolution } from '../model';

/** Distinct event sources counted one by one; the rest (a hostile input inventing sources) go into one row. */
const MAX_SOURCES = 500;
const OTHER = '(other event sources)';

/**
 * How the resolver fared per event source, counted from the check itself: where TagTrail could not
 * read the record (unresolved, partial), as opposed to where the trail did not log it.
 */
export class ResolutionByService {
  private readonly bySource = new Map<string, SourceResolution>();

  add(eventSource: unknown, status: ResolutionStatus): void {
    let key = typeof eventSource === 'string' && eventSource !== '' ? eventSource : '(no event source)';
    let row = this.bySource.get(key);
    if (!row) {
      if (this.bySource.size >= MAX_SOURCES) key = OTHER;
      row = this.bySource.get(key) ?? { eventSource: key, events: 0, resolved: 0, partial: 0, unresolved: 0, noTarget: 0 };
      this.bySource.set(key, row);
    }
    row.events++;
    if (status === 'no-target') row.noTarget++;
    else row[status]++;
  }

  /** Worst first: the largest share of events not fully read (unresolved, then partial), then the most of them, then by name. */
  rows(): SourceResolution[] {
    const blind = (r: SourceResolution): number => (r.unresolved + r.partial) / r.events;
    return [...this.bySource.values()].sort((a, b) => blind(b) - blind(a) || b.unresolved - a.unresolved || b.partial - a.partial || b.events - a.events || a.eventSource.localeCompare(b.eventSource));
  }
}
