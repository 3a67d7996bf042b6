/**
 * The rows of one events panel, indexed for filtering as the user types: each row's search text is
 * built once (aligned with the rows by position), the order of each sort is computed once, and a
 * filter is a pass over that order that compares precomputed strings. A filter that only narrows
 * the previous one (more text typed, the same toggles) passes over the previous result only.
 * Plain code without the DOM, so that it is tested and benchmarked in Node.
 */
import { isUnresolved, type EventRow } from '../../src/shared/eventRow';
import type { SortSpec } from '../../src/shared/protocol';
import { keyOf, searchTextOf, type RowFilter } from './filter';

function sortKey(s: SortSpec): string {
  return `${s.key}:${s.descending ? 'desc' : 'asc'}`;
}

function wordsOf(text: string): string[] {
  return text.toLowerCase().split(/\s+/).filter((w) => w.length > 0);
}

/** True when every row passing `next` also passes `prev`: the same toggles and the text typed on. */
function narrows(prev: RowFilter, next: RowFilter): boolean {
  return prev.violationsOnly === next.violationsOnly && prev.unresolvedOnly === next.unresolvedOnly && prev.writesOnly === next.writesOnly
    && next.text.toLowerCase().startsWith(prev.text.toLowerCase());
}

export class RowIndex {
  private rows: EventRow[] = [];
  /** Lower-cased search text per row position; filled lazily and by `warm`. */
  private hay: (string | undefined)[] = [];
  private readonly orders = new Map<string, Uint32Array>();
  private last: { filter: RowFilter; sort: string; result: Uint32Array } | undefined;

  get size(): number {
    return this.rows.length;
  }

  get all(): readonly EventRow[] {
    return this.rows;
  }

  setRows(rows: EventRow[]): void {
    this.rows = rows;
    this.hay = new Array<string | undefined>(rows.length);
    this.orders.clear();
    this.last = undefined;
  }

  appendRows(rows: readonly EventRow[]): void {
    if (rows.length === 0) return;
    this.rows = this.rows.concat(rows);
    this.hay.length = this.rows.length;
    this.orders.clear();
    this.last = undefined;
  }

  /** Builds the search text of rows [from, to); returns where it stopped. */
  warm(from: number, to: number): number {
    const end = Math.min(this.rows.length, to);
    for (let i = from; i < end; i++) this.textAt(i);
    return end;
  }

  private textAt(i: number): string {
    let h = this.hay[i];
    if (h === undefined) {
      h = searchTextOf(this.rows[i] as EventRow);
      this.hay[i] = h;
    }
    return h;
  }

  /** Row positions in the order of `spec` (stable; ties by id, as `sortRows`). */
  order(spec: SortSpec): Uint32Array {
    const k = sortKey(spec);
    let o = this.orders.get(k);
    if (!o) {
      // The same order as `sortRows` (key, then id, then arrival), computed on positions.
      const rows = this.rows;
      const keys = rows.map((r) => keyOf(r, spec.key));
      const dir = spec.descending ? -1 : 1;
      const idx = Array.from({ length: rows.length }, (_, i) => i);
      idx.sort((a, b) => {
        const ka = keys[a] as string | number;
        const kb = keys[b] as string | number;
        if (ka < kb) return -dir;
        if (ka > kb) return dir;
        const ia = (rows[a] as EventRow).id;
        const ib = (rows[b] as EventRow).id;
        if (ia < ib) return -1;
        if (ia > ib) return 1;
        return a - b;
      });
      o = Uint32Array.from(idx);
      this.orders.set(k, o);
    }
    return o;
  }

  /** Positions of the rows passing `f`, in the order of `spec`. */
  visible(f: RowFilter, spec: SortSpec): Uint32Array {
    const sk = sortKey(spec);
    const from = this.last && this.last.sort === sk && narrows(this.last.filter, f) ? this.last.result : this.order(spec);
    const words = wordsOf(f.text);
    const out = new Uint32Array(from.length);
    let n = 0;
    for (let k = 0; k < from.length; k++) {
      const i = from[k] as number;
      const row = this.rows[i] as EventRow;
      if (f.violationsOnly && !row.violation) continue;
      if (f.unresolvedOnly && !isUnresolved(row)) continue;
      if (f.writesOnly && !row.write) continue;
      if (words.length > 0) {
        const h = this.textAt(i);
        let all = true;
        for (const w of words) if (!h.includes(w)) { all = false; break; }
        if (!all) continue;
      }
      out[n++] = i;
    }
    const result = out.slice(0, n);
    this.last = { filter: { ...f }, sort: sk, result };
    return result;
  }

  /** The rows at `positions`. */
  rowsAt(positions: Uint32Array): EventRow[] {
    const out = new Array<EventRow>(positions.length);
    for (let k = 0; k < positions.length; k++) out[k] = this.rows[positions[k] as number] as EventRow;
    return out;
  }
}
