// One factor for every time-out of the editor tests. The base values are generous for an idle
// machine; a loaded one (CI on two cores beside other work) gets them multiplied, so that a wait
// which is only slow is not reported as a failure. No test sleeps for a fixed time: every wait is
// on a state (a webview message, a tree row, a file) and these numbers only bound it.
//
// TAGTRAIL_TEST_TIMEOUT_SCALE=<factor> sets it; default 4 when CI is set, else 1.

/** The factor (>= 1 unless set lower on purpose). */
export function timeoutScale(): number {
  const set = Number(process.env.TAGTRAIL_TEST_TIMEOUT_SCALE);
  if (Number.isFinite(set) && set > 0) return set;
  return process.env.CI && process.env.CI !== 'false' ? 4 : 1;
}

/** `ms` times the factor. */
export function scaled(ms: number): number {
  return Math.round(ms * timeoutScale());
}
