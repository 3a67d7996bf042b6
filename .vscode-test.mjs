// The extension-host suite for @vscode/test-cli (`npx vscode-test`) on machines that can download
// VS Code. Here, where they cannot, scripts/editor/run-in-code-server.ts runs the same compiled
// files inside code-server (npm run test:editor). Build first: node scripts/editor/build-suite.mjs.
import { defineConfig } from '@vscode/test-cli';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';

// An empty folder in the ignored .cache/: the export test writes (and removes) its file there.
const workspaceFolder = join(import.meta.dirname, '.cache', 'editor-workspace');
mkdirSync(workspaceFolder, { recursive: true });

export default defineConfig({
  label: 'extension-host',
  files: 'out/test/editor/suite/**/*.test.js',
  version: '1.100.3',
  workspaceFolder,
  // Built-in extensions stay on: the export opens its file with the markdown preview.
  launchArgs: ['--disable-workspace-trust'],
  mocha: { ui: 'tdd', timeout: 60_000, color: false },
});
