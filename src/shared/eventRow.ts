/**
 * One row of the events table: what the webview needs to show, filter and sort an event, flattened
 * so that 50,000 of them cross the postMessage boundary cheaply. The full record stays on the host
 * and is sent only when a row is expanded. Every string here came from CloudTrail: untrusted.
 */
export interface EventRow {
  /** Stable id within one panel's data set (the eventID, or source:position when the record has none). */
  id: string;
  /** ISO 8601, as the record gave it; sorting compares it as text, which is correct for ISO times. */
  time: string;
  eventName: string;
  eventSource: string;
  region: string;
  /** The principal's ARN as the check judges it (a role, not its session). */
  principal: string;
  /** Session or user name shown beside the ARN (e.g. an SSO user's e-mail). */
  principalName?: string;
  principalProduct?: string;
  targets: RowTarget[];
  /**
   * True for writes, as the report's severity says (`isReadOnly` in src/core/check/severity.ts):
   * `readOnly` when the record has it, else the verb of the event name (`Get*`, `List*`… read).
   */
  write: boolean;
  errorCode?: string;
  /** Resolution status, as the resolver said. */
  status: 'resolved' | 'partial' | 'unresolved' | 'no-target';
  /** Why targets could not be (fully) named; present for unresolved and partial rows. */
  unresolvedReason?: string;
  /** True when the caller's product differs from a target's product and no exemption applies. */
  violation: boolean;
}

export interface RowTarget {
  arn: string;
  /** How the resolver found it (`resources`, `template`, …). */
  via: string;
  product?: string;
}

/** True when the row needs a person's attention because its targets could not all be named. */
export function isUnresolved(row: Pick<EventRow, 'status'>): boolean {
  return row.status === 'unresolved' || row.status === 'partial';
}
