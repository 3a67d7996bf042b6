/**
 * Mapping-file patterns: `*` matches any run of characters (including `:` and `/`), everything else
 * is literal and case-sensitive, as ARNs are. Nothing else is special, so a pattern written by a
 * person cannot turn into an unexpected regular expression.
 */
export class ArnPattern {
  private readonly re: RegExp | undefined;

  constructor(readonly pattern: string) {
    if (!pattern.includes('*')) return;
    const body = pattern.split('*').map((part) => part.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('.*');
    // Collapsing runs of `*` keeps the regex linear on hostile input (`.*.*.*` backtracks).
    this.re = new RegExp(`^${body.replace(/(?:\.\*){2,}/g, '.*')}$`, 's');
  }

  /** True when `value` matches the whole pattern. */
  matches(value: string | undefined): boolean {
    if (value === undefined) return false;
    return this.re ? this.re.test(value) : value === this.pattern;
  }
}
