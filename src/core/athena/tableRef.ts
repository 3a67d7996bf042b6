/** Where an Athena scan runs and reads: `<workgroup>/<database>.<table>`, as typed on the command line. */
export interface AthenaTableRef {
  workgroup: string;
  database: string;
  table: string;
}

const WORKGROUP = /^[A-Za-z0-9._-]{1,128}$/; // Athena's own rule for workgroup names
const NAME = /^[A-Za-z_][A-Za-z0-9_]{0,254}$/;

/**
 * Parses `<workgroup>/<database>.<table>`; throws an Error quoting the input and the expected form
 * when it does not fit (so a typo never scans the wrong table).
 */
export function parseAthenaTableRef(text: string): AthenaTableRef {
  const m = /^([^/]+)\/([^.]+)\.(.+)$/.exec(text.trim());
  const fail = (why: string): never => {
    throw new Error(`--athena "${text.slice(0, 200)}": ${why} (expected <workgroup>/<database>.<table>, e.g. primary/security.cloudtrail_logs)`);
  };
  if (!m) return fail('not of the form workgroup/database.table');
  const [, workgroup = '', database = '', table = ''] = m;
  if (!WORKGROUP.test(workgroup)) fail('the workgroup may hold letters, digits, ".", "_" and "-" only');
  if (!NAME.test(database) || !NAME.test(table)) fail('database and table names may hold letters, digits and "_" only');
  return { workgroup, database, table };
}
