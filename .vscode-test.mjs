// The extension-host suite for @vscode/test-cli (`npx vscode-test`) on machines that can download
// VS Code. Here, where they cannot, scripts/editor/run-in-code-server.ts runs the same compiled
// files inside code-server (npm run test:editor). Build first: node scripts/editor/build-suite.mjs.
import { defineConfig } from '@vscode/test-cli';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export default defineConfig({
  label: 'extension-host',
  files: 'out/test/editor/suite/**/*.test.js',
  version: '1.100.3',
  // An empty folder: the export test writes its file there.
  workspaceFolder: mkdtempSync(join(tmpdir(), 'tagtrail-editor-ws-')),
  // Built-in extensions stay on: the export opens its file with the markdown preview.
  launchArgs: ['--disable-workspace-trust'],
  mocha: { ui: 'tdd', timeout: 60_000, color: false },
});
