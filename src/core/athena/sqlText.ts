/**
 * Literals and identifiers for the SQL TagTrail writes. Every value placed in a query comes from
 * user input, inventories or mapping files, none of which is trusted: values only ever enter a query
 * through these functions, never by plain concatenation.
 */

/** A single-quoted SQL string literal; quotes are doubled, control characters refused. */
export function sqlString(value: string): string {
  // Presto/Trino and DuckDB both treat a doubled quote as a quote and nothing else as an escape.
  for (let i = 0; i < value.length; i++) {
    const c = value.charCodeAt(i);
    if (c < 0x20 && c !== 0x09 && c !== 0x0a && c !== 0x0d) throw new Error('a control character cannot appear in a query value');
  }
  return `'${value.replace(/'/g, "''")}'`;
}

/** `(a, b, c)` of string literals, for `IN`; callers must not pass an empty list. */
export function sqlList(values: Iterable<string>): string {
  const items = [...values].map(sqlString);
  if (items.length === 0) throw new Error('an IN list needs at least one value');
  return `(${items.join(', ')})`;
}

/** Names Athena accepts for databases, tables and workgroups without quoting surprises. */
const IDENTIFIER = /^[A-Za-z_][A-Za-z0-9_]{0,254}$/;

/** A double-quoted identifier; only plain names are accepted, so quoting never has to escape. */
export function sqlIdentifier(name: string): string {
  if (!IDENTIFIER.test(name)) throw new Error(`not a plain SQL name: "${name.slice(0, 80)}" (letters, digits and _ only)`);
  return `"${name}"`;
}

/**
 * A mapping-file pattern (`*` = any run of characters, everything else literal) as a LIKE pattern.
 * No ESCAPE clause: engines and parsers disagree on it, and without it a `_` or `%` in the pattern
 * stays a wildcard, so the LIKE matches everything `ArnPattern` matches and possibly more. The scan
 * uses it to keep rows, where matching more costs only bytes brought back, never a finding.
 */
export function likePattern(pattern: string): string {
  return pattern.replace(/\*+/g, '%');
}
