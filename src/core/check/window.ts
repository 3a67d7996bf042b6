const UNIT_MS: Record<string, number> = { m: 60_000, h: 3_600_000, d: 86_400_000, w: 604_800_000 };

/**
 * A time bound as users type it: a duration back from `now` (`30m`, `12h`, `7d`, `2w`) or an ISO
 * 8601 date/time (`2024-05-01`, `2024-05-01T12:00:00Z`). Returns epoch milliseconds; throws an
 * Error that quotes the input when it is neither.
 */
export function parseTimeBound(text: string, now: number = Date.now()): number {
  const s = text.trim();
  const rel = /^(\d{1,6})\s*([mhdw])$/i.exec(s);
  if (rel) return now - Number(rel[1]) * (UNIT_MS[(rel[2] ?? 'd').toLowerCase()] ?? 0);
  // Only date-shaped strings reach Date.parse, which otherwise accepts oddities such as "1".
  if (/^\d{4}-\d{2}-\d{2}(?:[T ][\d:.]+(?:Z|[+-]\d{2}:?\d{2})?)?$/.test(s)) {
    const t = Date.parse(s);
    if (!Number.isNaN(t)) return t;
  }
  throw new Error(`not a time: "${text}" (use e.g. 7d, 12h, 30m, 2024-05-01 or 2024-05-01T12:00:00Z)`);
}

/** Event time in epoch ms, or undefined when missing or unparseable (such records match no window). */
export function eventTimeMs(eventTime: unknown): number | undefined {
  if (typeof eventTime !== 'string') return undefined;
  const t = Date.parse(eventTime);
  return Number.isNaN(t) ? undefined : t;
}
