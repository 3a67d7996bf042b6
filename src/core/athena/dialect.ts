/**
 * The few places where Athena (Trino) and DuckDB spell the scan differently. The scan's SQL is
 * written once against the AWS-documented table; DuckDB runs it over a view with the same column
 * names (see `duckdbSource.ts`), so only these expressions differ.
 */
export interface Dialect {
  name: 'athena' | 'duckdb';
  /** True when the record's `resources` array is absent or empty. */
  noResources: string;
  /** The caller as JSON text. */
  userIdentityJson: string;
  /** `resources` as JSON text (NULL when absent). */
  resourcesJson: string;
  /** The log file a row came from. */
  sourceFile: string;
}

/** Athena engine v3 (Trino): a struct cast to JSON keeps its (lowercased) field names. */
export const ATHENA: Dialect = {
  name: 'athena',
  noResources: '(resources IS NULL OR cardinality(resources) = 0)',
  userIdentityJson: 'json_format(CAST(useridentity AS JSON))',
  resourcesJson: 'json_format(CAST(resources AS JSON))',
  sourceFile: '"$path"',
};

/** DuckDB over `read_json`: lists have `len`, structs turn into JSON with `to_json`. */
export const DUCKDB: Dialect = {
  name: 'duckdb',
  noResources: '(resources IS NULL OR len(resources) = 0)',
  userIdentityJson: 'CAST(to_json(useridentity) AS VARCHAR)',
  resourcesJson: 'CAST(to_json(resources) AS VARCHAR)',
  sourceFile: '"$path"',
};
