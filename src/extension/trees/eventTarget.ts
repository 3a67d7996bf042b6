import type { EventEntry } from '../../core/report/group';

/**
 * Where a finding or gap of the Findings tree opens: the event to select, the panel it sits in,
 * and the group it belongs to. The group's entries are the tree's own (not copied): a group of
 * 100,000 events costs nothing until it is opened.
 */
export interface EventTarget {
  /** The event's key, as the events panel names its row (eventID, else `source#position`). */
  eventKey: string;
  /** The resource whose events panel shows it; absent: the caller's activity panel. */
  resourceArn?: string;
  /** Every event of the finding or gap group, the selected one included. */
  group?: readonly EventEntry[];
  /** How the tree names the group (e.g. `GetObject ×25`), for the panel's status line. */
  groupLabel?: string;
}

/** The key of a group's event as the event store and the events panel name it. */
export function entryKey(e: Pick<EventEntry, 'eventID' | 'source' | 'position'>): string {
  return e.eventID !== '' ? e.eventID : `${e.source}#${e.position ?? ''}`;
}

/** The group's latest event: groups list their events oldest first. */
export function latestOf(events: readonly EventEntry[]): EventEntry | undefined {
  return events[events.length - 1];
}

/** Reads a target from a command argument (a tree node or a click's `{ target }`), defensively. */
export function targetArg(arg: unknown): EventTarget | undefined {
  if (typeof arg !== 'object' || arg === null) return undefined;
  const t = (arg as { target?: unknown }).target;
  if (typeof t !== 'object' || t === null) return undefined;
  const o = t as Record<string, unknown>;
  if (typeof o.eventKey !== 'string' || o.eventKey === '') return undefined;
  return {
    eventKey: o.eventKey,
    ...(typeof o.resourceArn === 'string' ? { resourceArn: o.resourceArn } : {}),
    ...(Array.isArray(o.group) ? { group: o.group as EventEntry[] } : {}),
    ...(typeof o.groupLabel === 'string' ? { groupLabel: o.groupLabel } : {}),
  };
}
