/** Display helpers shared by the text and Markdown reports (never used for machine outputs). */

/**
 * Keeps the start and end of `s` and puts `…` in the middle, at most `max` code points. Two thirds
 * are kept from the end: an ARN's service is at its start, but what names the resource is at its end.
 */
export function shortenMiddle(s: string, max: number): string {
  const cps = Array.from(s);
  if (cps.length <= max) return s;
  if (max < 3) return cps.slice(0, max).join('');
  const keep = max - 1;
  const head = Math.ceil(keep / 3);
  return `${cps.slice(0, head).join('')}…${cps.slice(cps.length - (keep - head)).join('')}`;
}

/** Cuts the end of `s` at `max` code points with `…`. */
export function shortenEnd(s: string, max: number): string {
  const cps = Array.from(s);
  return cps.length <= max ? s : `${cps.slice(0, Math.max(0, max - 1)).join('')}…`;
}

/** Words of `s` in lines of at most `max` code points, at most `maxLines` lines (the last cut with `…`). */
export function wrap(s: string, max: number, maxLines: number): string[] {
  const lines: string[] = [];
  let line = '';
  for (const word of s.split(' ')) {
    const next = line === '' ? word : `${line} ${word}`;
    if (width(next) <= max || line === '') {
      line = next;
      continue;
    }
    lines.push(line);
    line = word;
  }
  if (line !== '') lines.push(line);
  const out = lines.slice(0, maxLines).map((l) => shortenEnd(l, max));
  if (lines.length > maxLines) out[maxLines - 1] = shortenEnd(`${out[maxLines - 1]} ${lines[maxLines] ?? ''}`, max);
  return out;
}

/** Width in code points (what a terminal shows for the text TagTrail prints, which is escaped). */
export function width(s: string): number {
  let n = 0;
  for (const _ of s) n++;
  return n;
}

const ISO = /^(\d{4}-\d\d-\d\d)T(\d\d:\d\d)(:\d\d(?:\.\d+)?)?(Z|[+-]\d\d:?\d\d)?$/;

/** `2026-10-08T13:05:00Z` → `2026-10-08 13:05`; anything else as it is (record times are untrusted). */
export function shortTime(time: string): string {
  const m = ISO.exec(time);
  return m ? `${m[1]} ${m[2]}` : time;
}

/** First and last seen, short: `2026-10-08 13:05`, `2026-10-08 13:05-13:40`, `2026-10-06 13:10 to 2026-10-09 02:40`. */
export function timeRange(first: string, last: string): string {
  if (first === last || last === '') return shortTime(first);
  const a = ISO.exec(first);
  const b = ISO.exec(last);
  if (a && b && a[1] === b[1]) return a[2] === b[2] ? shortTime(first) : `${a[1]} ${a[2]}-${b[2]}`;
  return `${shortTime(first)} to ${shortTime(last)}`;
}

/** `dynamodb.amazonaws.com` → `dynamodb`: the service as people name it. */
export function serviceOf(eventSource: string): string {
  return eventSource.replace(/\.amazonaws\.com(\.cn)?$/, '');
}

/** First and last seen as dates: `2026-10-09`, `2026-10-09 to 2026-10-11`. */
export function dateRange(first: string, last: string): string {
  const a = ISO.exec(first)?.[1] ?? first;
  const b = ISO.exec(last)?.[1] ?? last;
  return a === b || b === '' ? a : `${a} to ${b}`;
}
