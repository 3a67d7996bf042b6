// Compiles the extension-host suite to out/test/editor/suite/: one CommonJS file per entry (index.js
// and every *.test.js), as VS Code's extension host `require`s them. `vscode` and `mocha` stay
// external: the first is provided by the host, the second must be the one instance whose globals
// (suite/test) the test files call. DuckDB (standing in for Athena) is a native module: it is
// required at run time from the repository's node_modules.
import { build } from 'esbuild';
import { readdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';

const src = 'test/editor/suite';
const outdir = 'out/test/editor/suite';
const entries = readdirSync(src).filter((n) => n === 'index.ts' || n.endsWith('.test.ts')).map((n) => join(src, n));

rmSync(outdir, { recursive: true, force: true });
await build({
  entryPoints: entries,
  outdir,
  bundle: true,
  platform: 'node',
  format: 'cjs',
  target: 'node20',
  sourcemap: 'inline',
  external: ['vscode', 'mocha', '@duckdb/node-api'],
  logLevel: 'warning',
});
console.log(`build-suite: ${entries.length} files -> ${outdir}`);
