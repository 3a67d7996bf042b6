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
  /** True when every `resources[]` entry is the request's bucket or inside it (also when there are none). */
  resourcesInBucket: string;
  /** `requestParameters.bucketName` as text. */
  bucketName: string;
  /** `requestParameters.roleName`, else `userName`, as text (IAM calls). */
  iamNameInRequest: string;
}

const BUCKET_ATHENA = "json_extract_scalar(requestparameters, '$.bucketName')";
const BUCKET_DUCKDB = "json_extract_string(requestparameters, '$.bucketName')";
// starts_with, not LIKE: a `_` in a bucket name must not match other buckets.
const inBucket = (bucket: string): string => `r.arn = concat('arn:aws:s3:::', ${bucket}) OR starts_with(r.arn, concat('arn:aws:s3:::', ${bucket}, '/'))`;

/** Athena engine v3 (Trino): a struct cast to JSON keeps its (lowercased) field names. */
export const ATHENA: Dialect = {
  name: 'athena',
  noResources: '(resources IS NULL OR cardinality(resources) = 0)',
  userIdentityJson: 'json_format(CAST(useridentity AS JSON))',
  resourcesJson: 'json_format(CAST(resources AS JSON))',
  sourceFile: '"$path"',
  resourcesInBucket: `coalesce(all_match(resources, r -> ${inBucket(BUCKET_ATHENA)}), true)`,
  bucketName: BUCKET_ATHENA,
  iamNameInRequest: "coalesce(json_extract_scalar(requestparameters, '$.roleName'), json_extract_scalar(requestparameters, '$.userName'))",
};

/** DuckDB over `read_json`: lists have `len`, structs turn into JSON with `to_json`. */
export const DUCKDB: Dialect = {
  name: 'duckdb',
  noResources: '(resources IS NULL OR len(resources) = 0)',
  userIdentityJson: 'CAST(to_json(useridentity) AS VARCHAR)',
  resourcesJson: 'CAST(to_json(resources) AS VARCHAR)',
  sourceFile: '"$path"',
  resourcesInBucket: `coalesce(list_bool_and(list_transform(resources, r -> ${inBucket(BUCKET_DUCKDB)})), true)`,
  bucketName: BUCKET_DUCKDB,
  iamNameInRequest: "coalesce(json_extract_string(requestparameters, '$.roleName'), json_extract_string(requestparameters, '$.userName'))",
};
