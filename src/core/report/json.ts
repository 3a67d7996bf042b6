import type { CheckResult } from '../model';
import { INVISIBLE as INVISIBLE_ONE } from './escape';
import { groupResult, type Grouped } from './group';

// DEL and C1 controls too: JSON.stringify leaves U+007F–U+009F raw, and U+009B is a CSI on some terminals.
const INVISIBLE = new RegExp(`${INVISIBLE_ONE.source}|[\\u007F-\\u009F]`, 'g');

/** Escapes DEL, C1 controls, bidi and invisible characters in serialised JSON as `\uXXXX` (they only occur in strings). */
export function escapeInvisible(json: string): string {
  return json.replace(INVISIBLE, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

/**
 * The check's machine-readable output: the whole `CheckResult` (findings and gaps ungrouped, stats,
 * scope, product pairs, read errors) under a format marker, so consumers can detect what they were
 * given, plus the grouping every other output shows: `findingGroups` (caller, resource, action; with
 * every event and its account, region, source IP, user agent, source and position), `principals`,
 * `resources` and `gapGroups`. Full ARNs everywhere, nothing shortened or cut.
 * `JSON.stringify` escapes control characters; bidi and invisible characters are escaped here too
 * (`\u202e`), so that viewing the JSON on a terminal or in an editor shows them. Both stay valid JSON
 * with the same values, because such characters can only occur inside strings.
 */
export function renderJson(result: CheckResult, opts: { grouped?: Grouped } = {}): string {
  const { findings, gaps, stats, scope, pairs, readErrors, coverage, resolutionByService } = result;
  const { findingGroups, principals, resources, gapGroups } = opts.grouped ?? groupResult(result);
  const json = JSON.stringify({ format: 'tagtrail-check', version: 1, findings, gaps, stats, scope, pairs, readErrors, findingGroups, principals, resources, gapGroups, ...(coverage ? { coverage } : {}), ...(resolutionByService ? { resolutionByService } : {}) }, null, 2);
  return `${escapeInvisible(json)}\n`;
}
