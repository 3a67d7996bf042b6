/**
 * Turns resolved events into the webview's rows, and indexes them by resource and principal so that
 * opening a panel does not scan every event. No `vscode` here: tested in Node.
 */
import type { ResolvedEvent } from '../../core/model';
import type { ProductIndex } from '../../core/attribute/productIndex';
import { judgeEvent } from '../../core/check/judge';
import { isReadOnly } from '../../core/check/severity';
import type { EventRow } from '../../shared/eventRow';
import { identifiersOf, mentionsAny } from './mentions';

function str(v: unknown): string {
  return typeof v === 'string' ? v : '';
}

/** The stable id of an event: its eventID, else where it was read from. */
export function eventKey(ev: Pick<ResolvedEvent, 'record' | 'source' | 'position'>): string {
  const id = str(ev.record.eventID);
  return id !== '' ? id : `${ev.source}#${ev.position}`;
}

/** One table row for an event; `id` is given so that duplicates within a panel can be told apart. */
export function toEventRow(ev: ResolvedEvent, products: ProductIndex, id: string = eventKey(ev)): EventRow {
  const { record, resolution, principal } = ev;
  const judged = principal.type === 'aws-service' ? undefined : judgeEvent(ev, products);
  const seen = new Set<string>();
  const targets: EventRow['targets'] = [];
  for (const t of resolution.targets) {
    if (seen.has(t.arn)) continue;
    seen.add(t.arn);
    const product = products.productOfResource(t.arn);
    targets.push({ arn: t.arn, via: t.via, ...(product !== undefined ? { product } : {}) });
  }
  const principalProduct = judged?.principalProduct ?? (principal.type === 'aws-service' ? undefined : products.productOfPrincipal(principal));
  const time = str(record.eventTime) || str(record['@timestamp']);
  const errorCode = str(record.errorCode);
  return {
    id,
    time,
    eventName: str(record.eventName),
    eventSource: str(record.eventSource),
    region: str(record.awsRegion),
    principal: principal.arn,
    ...(principal.displayName ? { principalName: principal.displayName } : {}),
    ...(principalProduct !== undefined ? { principalProduct } : {}),
    targets,
    // The report's severity decides too (readOnly, else the verb): a panel and a report never disagree.
    write: !isReadOnly(record),
    ...(errorCode !== '' ? { errorCode } : {}),
    status: resolution.status,
    ...(resolution.status !== 'resolved' && resolution.reason !== undefined ? { unresolvedReason: resolution.reason } : {}),
    violation: (judged?.findings.length ?? 0) > 0,
  };
}

/**
 * Events held for the panels, with indexes by target ARN and principal ARN. Capped: the check itself
 * streams without limit, but the panels keep records in memory.
 */
export class EventStore {
  private readonly events: ResolvedEvent[] = [];
  private readonly byResource = new Map<string, number[]>();
  private readonly byPrincipal = new Map<string, number[]>();
  /** Events whose targets could not all be named: the only ones a resource panel scans for mentions. */
  private readonly unresolved: number[] = [];
  /** Events not kept because the cap was reached (the check still counted them). */
  dropped = 0;
  /** Rows already built for the panels; valid as long as this store (one session, one product index) lives. */
  readonly rows = new WeakMap<ResolvedEvent, EventRow>();

  constructor(readonly cap = 250_000) {}

  get size(): number {
    return this.events.length;
  }

  add(ev: ResolvedEvent): void {
    if (this.events.length >= this.cap) {
      this.dropped++;
      return;
    }
    const i = this.events.push(ev) - 1;
    const seen = new Set<string>();
    for (const t of ev.resolution.targets) {
      for (const arn of [t.arn, ...containersOf(t.arn)]) {
        if (seen.has(arn)) continue;
        seen.add(arn);
        push(this.byResource, arn, i);
      }
    }
    push(this.byPrincipal, ev.principal.arn, i);
    if (ev.resolution.status === 'unresolved' || ev.resolution.status === 'partial') this.unresolved.push(i);
  }

  all(): readonly ResolvedEvent[] {
    return this.events;
  }

  forResource(arn: string): ResolvedEvent[] {
    return (this.byResource.get(arn) ?? []).map((i) => this.events[i]).filter((e): e is ResolvedEvent => e !== undefined);
  }

  /**
   * What a resource's events panel lists: the events resolved to it, then the unresolved or partly
   * resolved events that mention it somewhere in their record (see mentions.ts). Only those are
   * scanned, once per panel fill, so the cost follows the number of unresolved events.
   */
  forResourcePanel(arn: string): ResolvedEvent[] {
    const own = this.byResource.get(arn) ?? [];
    const seen = new Set(own);
    const ids = identifiersOf(arn);
    const mentioning = this.unresolved.filter((i) => !seen.has(i) && mentionsAny(recordText(this.events[i]), ids));
    return [...own, ...mentioning].map((i) => this.events[i]).filter((e): e is ResolvedEvent => e !== undefined);
  }

  forPrincipal(arn: string): ResolvedEvent[] {
    return (this.byPrincipal.get(arn) ?? []).map((i) => this.events[i]).filter((e): e is ResolvedEvent => e !== undefined);
  }

  resourceArns(): string[] {
    return [...this.byResource.keys()];
  }

  principals(): Map<string, ResolvedEvent['principal']> {
    const out = new Map<string, ResolvedEvent['principal']>();
    for (const [arn, idx] of this.byPrincipal) {
      const ev = idx[0] === undefined ? undefined : this.events[idx[0]];
      if (ev) out.set(arn, ev.principal);
    }
    return out;
  }

  /** Finds an event by its key (eventID or source#position). */
  find(key: string): ResolvedEvent | undefined {
    return this.events.find((e) => eventKey(e) === key);
  }
}

/**
 * The resources an ARN lives in, for the events panel of a container: the events of a bucket
 * include those on its objects (S3 data events name the object, not always the bucket). Only S3
 * buckets for now: elsewhere a `/` in an ARN does not reliably mean containment.
 */
export function containersOf(arn: string): string[] {
  const m = /^(arn:[^:]*:s3:::[^/]+)\/./.exec(arn);
  return m?.[1] ? [m[1]] : [];
}

/** A record's text without its caller: a role's own calls do not mention it as a resource. */
function recordText(ev: ResolvedEvent | undefined): string {
  if (!ev) return '';
  const { userIdentity: _caller, ...rest } = ev.record;
  return JSON.stringify(rest);
}

function push(map: Map<string, number[]>, key: string, i: number): void {
  const list = map.get(key);
  if (list) list.push(i);
  else map.set(key, [i]);
}

/**
 * Rows for a set of events, with ids made unique (eventIDs repeat across copied trail files).
 * `cache` keeps each event's row for the life of one product index: reopening a panel, or
 * refreshing it while events stream in, then costs no judging.
 */
export function rowsFor(events: readonly ResolvedEvent[], products: ProductIndex, cache?: WeakMap<ResolvedEvent, EventRow>,
  byId = new Map<string, ResolvedEvent>()): { rows: EventRow[]; byId: Map<string, ResolvedEvent> } {
  const rows: EventRow[] = [];
  for (const ev of events) {
    let id = eventKey(ev);
    if (byId.has(id)) id = `${id}~${ev.source}#${ev.position}`;
    if (byId.has(id)) continue; // the very same record twice
    byId.set(id, ev);
    let row = cache?.get(ev);
    if (!row) {
      row = toEventRow(ev, products);
      cache?.set(ev, row);
    }
    rows.push(row.id === id ? row : { ...row, id });
  }
  return { rows, byId };
}
