/**
 * The virtualised events table: holds all rows, shows the filtered and sorted ones, and keeps only
 * the rows in view in the DOM (a few dozen, whether the panel has 50 or 50,000). Filtering runs on
 * row positions over precomputed search text and cached sort orders (`model/rowIndex.ts`), never on
 * the DOM. Redraws are batched into one animation frame.
 */
import type { EventRow } from '../src/shared/eventRow';
import type { SortSpec } from '../src/shared/protocol';
import { NO_FILTER, type RowFilter } from './model/filter';
import { RowIndex } from './model/rowIndex';
import { rowTop, viewportFor, type Expanded } from './model/viewport';
import { renderDetail, renderRow } from './rowView';

const ROW_HEIGHT = 28;
const DETAIL_HEIGHT = 320;

export class EventsTable {
  private readonly index = new RowIndex();
  private shown: EventRow[] = [];
  private filter: RowFilter = NO_FILTER;
  private sort: SortSpec = { key: 'time', descending: true };
  private expandedId: string | undefined;
  /** The selected row (a finding's event the host asked for, or the row last clicked). */
  private selectedId: string | undefined;
  /** Ids of the selected finding's or gap's group: drawn marked, and the only rows with `groupOnly`. */
  private marked = new Set<string>();
  private groupOnly = false;
  private readonly records = new Map<string, string | undefined>();
  private frame = 0;
  private readonly spacer: HTMLElement;
  private readonly body: HTMLElement;

  constructor(
    private readonly scroller: HTMLElement,
    private readonly onRequestRecord: (id: string) => void,
    private readonly onShownChanged: (shown: number, total: number) => void,
    private readonly onOpenArn: (arn: string, kind: 'resource' | 'principal') => void,
    private readonly onSelected: (id: string) => void = () => undefined,
    private readonly onOpenRecord: (id: string) => void = () => undefined,
  ) {
    this.spacer = document.createElement('div');
    this.spacer.className = 'spacer';
    this.body = document.createElement('div');
    this.body.className = 'body';
    this.body.setAttribute('role', 'rowgroup');
    this.spacer.appendChild(this.body);
    scroller.appendChild(this.spacer);
    scroller.addEventListener('scroll', () => this.schedule(), { passive: true });
    new ResizeObserver(() => this.schedule()).observe(scroller);
    this.body.addEventListener('click', (e) => this.onClick(e));
    scroller.addEventListener('keydown', (e) => this.onKey(e));
  }

  /**
   * Replaces all rows. With `keepView` (the same subject, refreshed while events stream in) the
   * scroll position and the expanded row stay, so that reading is not interrupted.
   */
  setRows(rows: EventRow[], keepView = false): void {
    this.index.setRows(rows);
    delete this.scroller.dataset.searchReady;
    if (!keepView) {
      this.records.clear();
      this.expandedId = undefined;
      this.selectedId = undefined;
      this.marked = new Set();
      this.groupOnly = false;
      this.scroller.scrollTop = 0;
    }
    this.recompute();
    const all = this.index.all;
    setTimeout(() => this.warm(all), 50);
  }

  appendRows(rows: EventRow[]): void {
    this.index.appendRows(rows);
    delete this.scroller.dataset.searchReady;
    this.recompute();
    const all = this.index.all;
    setTimeout(() => this.warm(all), 50);
  }

  setFilter(f: RowFilter): void {
    this.filter = f;
    this.recompute();
  }

  setSort(s: SortSpec): void {
    this.sort = s;
    this.recompute();
  }

  get sortSpec(): SortSpec {
    return this.sort;
  }

  /** True when row `id` is held but the filter hides it. */
  hides(id: string): boolean {
    return this.index.all.some((r) => r.id === id) && !this.shown.some((r) => r.id === id);
  }

  /**
   * Selects row `id` and marks `group`: scrolls the row to the middle of the view and draws it now,
   * so that when this returns the selected row is in the DOM. Returns whether the row is shown and
   * how many rows of the group the table holds.
   */
  select(id: string, group: readonly string[] = []): { found: boolean; marked: number } {
    this.selectedId = id;
    this.marked = new Set(group);
    if (this.groupOnly && this.marked.size === 0) this.groupOnly = false;
    if (this.groupOnly) this.recompute();
    const index = this.shown.findIndex((r) => r.id === id);
    if (index >= 0) {
      // The spacer must have the table's full height first, or the scroll position is clamped to
      // the height of what was drawn before (rows just arrived, or Group only just turned off).
      this.drawNow();
      const top = rowTop(index, ROW_HEIGHT, this.expanded());
      this.scroller.scrollTop = Math.max(0, top - Math.max(0, this.scroller.clientHeight - ROW_HEIGHT) / 2);
    }
    this.drawNow();
    return { found: index >= 0, marked: this.markedHeld() };
  }

  /** How many of the marked group's rows the table holds (shown or filtered out). */
  markedHeld(): number {
    if (this.marked.size === 0) return 0;
    let n = 0;
    for (const r of this.index.all) if (this.marked.has(r.id)) n++;
    return n;
  }

  /** Shows only the marked group's rows (or all rows again). */
  setGroupOnly(on: boolean): void {
    this.groupOnly = on && this.marked.size > 0;
    this.recompute();
    if (this.selectedId !== undefined) this.select(this.selectedId, [...this.marked]);
  }

  setRecord(id: string, json: string | undefined): void {
    this.records.set(id, json);
    if (id === this.expandedId) this.schedule();
  }

  /** Draws synchronously; returns how many rows are in the DOM. */
  drawNow(): number {
    cancelAnimationFrame(this.frame);
    this.frame = 0;
    return this.draw();
  }

  /**
   * Builds the rows' search text in small slices while the user reads, so that the first
   * keystroke in the filter does not pay for 50,000 rows at once.
   */
  private warm(rows: readonly EventRow[], from = 0): void {
    if (rows !== this.index.all) return;
    if (from >= rows.length) {
      // A state tests and benchmarks can wait on: every row's search text is built.
      this.scroller.dataset.searchReady = String(rows.length);
      return;
    }
    // Slices of about 5 ms, so that frames (scrolling, typing) keep their pace meanwhile.
    const t0 = performance.now();
    let end = from;
    while (end < rows.length && performance.now() - t0 < 5) end = this.index.warm(end, end + 250);
    setTimeout(() => this.warm(rows, end), 0);
  }

  private recompute(): void {
    this.shown = this.index.rowsAt(this.index.visible(this.filter, this.sort));
    if (this.groupOnly) this.shown = this.shown.filter((r) => this.marked.has(r.id));
    this.scroller.setAttribute('aria-rowcount', String(this.shown.length));
    this.onShownChanged(this.shown.length, this.index.size);
    this.schedule();
  }

  private schedule(): void {
    if (this.frame === 0) this.frame = requestAnimationFrame(() => { this.frame = 0; this.draw(); });
  }

  private expanded(): Expanded | undefined {
    if (this.expandedId === undefined) return undefined;
    const index = this.shown.findIndex((r) => r.id === this.expandedId);
    return index < 0 ? undefined : { index, extra: DETAIL_HEIGHT };
  }

  private draw(): number {
    const ex = this.expanded();
    const vp = viewportFor(this.shown.length, ROW_HEIGHT, this.scroller.scrollTop, this.scroller.clientHeight, ex);
    this.spacer.style.height = `${vp.totalHeight}px`;
    this.body.style.transform = `translateY(${vp.offsetTop}px)`;
    const focusedId = (document.activeElement as HTMLElement | null)?.dataset?.eventId;
    const fragment = document.createDocumentFragment();
    for (let i = vp.start; i < vp.end; i++) {
      const row = this.shown[i];
      if (!row) continue;
      const isOpen = ex?.index === i;
      const el = renderRow(row, i, isOpen);
      if (row.id === this.selectedId) {
        el.classList.add('selected');
        el.setAttribute('aria-selected', 'true');
      }
      if (this.marked.has(row.id)) {
        el.classList.add('in-group');
        el.dataset.inGroup = '';
      }
      fragment.appendChild(el);
      if (isOpen) fragment.appendChild(renderDetail(row, this.records.get(row.id), DETAIL_HEIGHT));
    }
    this.body.replaceChildren(fragment);
    if (focusedId !== undefined) this.focusRow(focusedId);
    return vp.end - vp.start;
  }

  private focusRow(id: string): void {
    for (const el of this.body.children) {
      if (el instanceof HTMLElement && el.dataset.eventId === id) { el.focus({ preventScroll: true }); return; }
    }
  }

  private toggle(id: string): void {
    this.expandedId = this.expandedId === id ? undefined : id;
    if (this.expandedId !== undefined && !this.records.has(id)) this.onRequestRecord(id);
    this.schedule();
  }

  private onClick(e: MouseEvent): void {
    const open = (e.target as HTMLElement).closest<HTMLElement>('[data-open-arn]');
    if (open?.dataset.openArn !== undefined) {
      this.onOpenArn(open.dataset.openArn, open.dataset.openKind === 'principal' ? 'principal' : 'resource');
      return;
    }
    const record = (e.target as HTMLElement).closest<HTMLElement>('[data-open-record]');
    if (record?.dataset.openRecord !== undefined) {
      this.onOpenRecord(record.dataset.openRecord);
      return;
    }
    const rowEl = (e.target as HTMLElement).closest<HTMLElement>('.row');
    if (rowEl?.dataset.eventId !== undefined) {
      rowEl.focus({ preventScroll: true });
      if (this.selectedId !== rowEl.dataset.eventId) {
        this.selectedId = rowEl.dataset.eventId;
        this.onSelected(rowEl.dataset.eventId);
      }
      this.toggle(rowEl.dataset.eventId);
    }
  }

  private onKey(e: KeyboardEvent): void {
    const current = (e.target as HTMLElement).closest<HTMLElement>('.row');
    // With no row focused yet, the keys move on from the selected row.
    const index = current ? Number(current.dataset.index) : this.shown.findIndex((r) => r.id === this.selectedId);
    let next = index;
    if (e.key === 'ArrowDown') next = Math.min(this.shown.length - 1, index + 1);
    else if (e.key === 'ArrowUp') next = Math.max(0, index - 1);
    else if ((e.key === 'Enter' || e.key === ' ') && current?.dataset.eventId !== undefined) {
      e.preventDefault();
      this.toggle(current.dataset.eventId);
      return;
    } else return;
    e.preventDefault();
    const row = this.shown[next];
    if (!row) return;
    const top = rowTop(next, ROW_HEIGHT, this.expanded());
    if (top < this.scroller.scrollTop) this.scroller.scrollTop = top;
    else if (top + ROW_HEIGHT > this.scroller.scrollTop + this.scroller.clientHeight) this.scroller.scrollTop = top + ROW_HEIGHT - this.scroller.clientHeight;
    this.drawNow();
    this.focusRow(row.id);
  }
}
