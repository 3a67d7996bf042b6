import type { CheckResult } from '../model';

/**
 * The check's machine-readable output: the whole `CheckResult` (findings, gaps, stats, scope,
 * product pairs, read errors) under a format marker, so consumers can detect what they were given.
 * `JSON.stringify` escapes control characters; values are otherwise as the records had them.
 */
export function renderJson(result: CheckResult): string {
  const { findings, gaps, stats, scope, pairs, readErrors } = result;
  return `${JSON.stringify({ format: 'tagtrail-check', version: 1, findings, gaps, stats, scope, pairs, readErrors }, null, 2)}\n`;
}
