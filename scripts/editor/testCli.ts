// Runs `.vscode-test.mjs` as @vscode/test-cli itself would, inside code-server: test-cli is asked
// for its resolved launch (`--list-configuration`), and its own runner.cjs becomes the
// extensionTestsPath. That proves the config and the compiled files work unchanged under test-cli;
// the outcome is read from mocha's spec reporter in the forwarded console.
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';

/** What test-cli would pass to VS Code for one configuration. */
export interface TestCliLaunch {
  label: string;
  extensionTestsPath: string;
  extensionDevelopmentPath: string;
  workspaceFolder: string | undefined;
  env: Record<string, string>;
}

interface Listed {
  config: { label?: string; workspaceFolder?: string };
  extensionTestsPath: string;
  extensionDevelopmentPath: string[];
  env: Record<string, string>;
}

/** Asks test-cli (in `repo`) for its first configuration's launch. */
export function testCliLaunch(repo: string): TestCliLaunch {
  const bin = join(repo, 'node_modules', '@vscode', 'test-cli', 'out', 'bin.mjs');
  const r = spawnSync(process.execPath, [bin, '--list-configuration'], { cwd: repo, encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`vscode-test --list-configuration failed:\n${r.stderr}`);
  const listed = JSON.parse(r.stdout) as Listed[];
  const first = listed[0];
  if (!first?.extensionDevelopmentPath[0]) throw new Error('.vscode-test.mjs lists no configuration');
  return {
    label: first.config.label ?? 'default',
    extensionTestsPath: first.extensionTestsPath,
    extensionDevelopmentPath: first.extensionDevelopmentPath[0],
    workspaceFolder: first.config.workspaceFolder,
    env: first.env,
  };
}

/** Reads mocha's spec reporter line by line: test outcomes and the closing counts. */
export class SpecWatcher {
  passing: number | undefined;
  failing = 0;
  pending = 0;
  /** When the `N passing` line arrived; the `failing` count follows it within the same flush. */
  closedAt: number | undefined;

  /**
   * Takes one console line; returns it when it is part of mocha's report (for echoing). The browser
   * console shows the reporter's printf call unformatted: `%d passing (%s) 21 58s`, so both the
   * formatted and the raw forms are read.
   */
  feed(line: string): string | undefined {
    const t = line.trim().replace(/^%d (passing|failing|pending)(?: \(%s\))? (\d+)/, '$2 $1').replace(/^(✔|✓) %s (\(%dms\) )?/, '$1 ');
    let m: RegExpExecArray | null;
    if ((m = /^(\d+) passing\b/.exec(t))) {
      this.passing = Number(m[1]);
      this.closedAt = Date.now();
      return t;
    }
    if ((m = /^(\d+) failing\b/.exec(t))) {
      this.failing = Number(m[1]);
      return t;
    }
    if ((m = /^(\d+) pending\b/.exec(t))) {
      this.pending = Number(m[1]);
      return t;
    }
    if (/^(✔|✓|\d+\) )/.test(t)) return t;
    return undefined;
  }

  /** True once the report is complete (the counts have been printed and settled). */
  done(): boolean {
    return this.closedAt !== undefined && Date.now() - this.closedAt > 2_000;
  }
}
