import * as vscode from 'vscode';
import type { CheckResult, Finding, Gap, Inventory, ResolvedEvent } from '../core/model';
import type { ProductIndex } from '../core/attribute/productIndex';
import type { Judgement } from '../core/check/judge';
import type { SourceCheck } from '../core/source/runner';
import { EventStore } from './model/eventRows';
import { buildProductsModel, type ProductsModel } from './model/productsModel';
import type { Inputs } from './sources/inputs';

/** Findings and gaps of a check still running, shown until the result replaces them. */
const PARTIAL_CAP = 5_000;
/** As many findings as a check lists by default (`maxListed`): the ones its result will hold. */
const STREAMED_CAP = 100_000;

/**
 * Everything loaded: the source, inventory, product index, events and the last check. Trees and
 * panels read it and listen to `onDidChange`; loaders and commands write it. Change notifications
 * are coalesced so that streaming 100,000 events does not refresh the trees 100,000 times.
 */
export class Session implements vscode.Disposable {
  source: Inputs | undefined;
  inventory: Inventory | undefined;
  products: ProductIndex | undefined;
  model: ProductsModel | undefined;
  store = new EventStore();
  lastResult: CheckResult | undefined;
  /** The load's check of the source, with what a re-check needs (read errors, notes, counts). */
  lastRun: SourceCheck | undefined;
  /** The product the last check was limited to, if any. */
  lastCheckProduct: string | undefined;
  partialFindings: Finding[] = [];
  partialGaps: Gap[] = [];
  /**
   * Every finding of the running load's check as judged, in order (up to the check's listing cap):
   * the Findings tree groups them while the check runs, so that it is drawn at once when it ends.
   */
  streamedFindings: Finding[] = [];
  loading = false;
  /** Account id the live source reported (STS GetCallerIdentity), for the status bar. */
  account: string | undefined;

  private readonly changed = new vscode.EventEmitter<'inventory' | 'events' | 'result' | 'state'>();
  readonly onDidChange = this.changed.event;
  private eventsTimer: ReturnType<typeof setTimeout> | undefined;
  /** True when events brought principals the model does not list yet. */
  private modelStale = false;

  /** Starts over with a new source: everything loaded before is dropped. */
  reset(source: Inputs): void {
    this.source = source;
    this.inventory = undefined;
    this.products = undefined;
    this.model = undefined;
    this.store = new EventStore();
    this.lastResult = undefined;
    this.lastRun = undefined;
    this.lastCheckProduct = undefined;
    this.partialFindings = [];
    this.partialGaps = [];
    this.streamedFindings = [];
    this.account = source.account;
    this.changed.fire('state');
  }

  setInventory(inventory: Inventory, products: ProductIndex): void {
    this.inventory = inventory;
    this.products = products;
    this.model = buildProductsModel(inventory, products);
    this.changed.fire('inventory');
  }

  /**
   * Adds an event read by a running check with the check's judgement of it (the one judgement: the
   * views do not judge again); its findings show at once, before the check ends.
   */
  addEvent(ev: ResolvedEvent, judgement?: Judgement): void {
    this.store.add(ev);
    if (!this.modelStale && this.model && ev.principal.type !== 'aws-service' && !this.model.productOf.has(ev.principal.arn)) this.modelStale = true;
    if (judgement && this.streamedFindings.length < STREAMED_CAP) for (const f of judgement.findings) this.streamedFindings.push(f);
    if (judgement && this.partialFindings.length < PARTIAL_CAP) {
      this.partialFindings.push(...judgement.findings);
      if (this.partialGaps.length < PARTIAL_CAP) this.partialGaps.push(...judgement.gaps);
    }
    if (this.eventsTimer === undefined) {
      this.eventsTimer = setTimeout(() => {
        this.eventsTimer = undefined;
        this.rebuildModel();
        this.changed.fire('events');
      }, 300);
    }
  }

  /**
   * Principals seen in events join the model (callers the inventory does not list). Rebuilt only
   * when such a principal arrived: at 10,000 resources a rebuild is not free.
   */
  private rebuildModel(): void {
    if (!this.modelStale || !this.inventory || !this.products) return;
    this.modelStale = false;
    this.model = buildProductsModel(this.inventory, this.products, this.store.principals().values());
    this.changed.fire('inventory');
  }

  setResult(result: CheckResult, product: string | undefined): void {
    this.lastResult = result;
    this.lastCheckProduct = product;
    this.partialFindings = [];
    this.partialGaps = [];
    this.flushEvents();
    this.changed.fire('result');
  }

  setLoading(loading: boolean): void {
    this.loading = loading;
    if (!loading) this.flushEvents();
    this.changed.fire('state');
  }

  private flushEvents(): void {
    if (this.eventsTimer !== undefined) {
      clearTimeout(this.eventsTimer);
      this.eventsTimer = undefined;
    }
    this.rebuildModel();
    this.changed.fire('events');
  }

  dispose(): void {
    if (this.eventsTimer !== undefined) clearTimeout(this.eventsTimer);
    this.changed.dispose();
  }
}
