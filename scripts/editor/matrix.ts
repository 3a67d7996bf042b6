// Runs one editor test runner once per editor of the matrix (scripts/editor/editors.json: the oldest
// VS Code the manifest accepts, and the newest code-server on the registry), one after the other,
// and sums their closing `N passed, N failed` lines into one. Exit non-zero if any run failed or
// printed no count.
//
// Usage: tsx scripts/editor/matrix.ts <runner.ts> [runner args…]
// Env:   TAGTRAIL_EDITORS=oldest,newest   which editors (default both, in that order)
import { spawn } from 'node:child_process';
import { join, resolve as resolvePath } from 'node:path';
import { EDITOR_NAMES, editor } from './codeServer';

interface Run { name: string; label: string; passed: number; failed: number; seconds: number; code: number }

function runOne(runner: string, args: string[], name: string): Promise<Run> {
  const started = Date.now();
  let label = name;
  try {
    const ed = editor(name);
    label = `code-server ${ed.codeServer} (VS Code ${ed.vscode})`;
  } catch {
    // the runner itself reports a missing editor as a failure
  }
  return new Promise((resolve) => {
    const tsx = join(resolvePath(__dirname, '..', '..'), 'node_modules', '.bin', 'tsx');
    const child = spawn(tsx, [runner, ...args, '--editor', name], { stdio: ['ignore', 'pipe', 'inherit'] });
    let last = '';
    let tail = '';
    child.stdout.on('data', (chunk: Buffer) => {
      process.stdout.write(chunk);
      tail = (tail + chunk.toString('utf8')).split('\n').slice(-3).join('\n');
      const m = [...tail.matchAll(/^(\d+) passed, (\d+) failed$/gm)].at(-1);
      if (m) last = m[0];
    });
    child.on('close', (code) => {
      const m = /^(\d+) passed, (\d+) failed$/.exec(last);
      const passed = m ? Number(m[1]) : 0;
      const failed = m ? Number(m[2]) : 1;
      resolve({ name, label, passed, failed, seconds: (Date.now() - started) / 1000, code: code ?? 1 });
    });
  });
}

async function main(): Promise<number> {
  const [runner, ...args] = process.argv.slice(2);
  if (!runner) throw new Error('usage: tsx scripts/editor/matrix.ts <runner.ts> [args…]');
  const names = (process.env.TAGTRAIL_EDITORS ?? EDITOR_NAMES.join(',')).split(',').map((s) => s.trim()).filter(Boolean);
  const runs: Run[] = [];
  for (const name of names) {
    console.log(`matrix: ${name} editor`);
    runs.push(await runOne(runner, args, name));
  }
  for (const r of runs) console.log(`matrix: ${r.label}: ${r.passed} passed, ${r.failed} failed (${r.seconds.toFixed(0)} s)${r.code !== 0 && r.failed === 0 ? `, exit ${r.code}` : ''}`);
  const passed = runs.reduce((n, r) => n + r.passed, 0);
  const failed = runs.reduce((n, r) => n + r.failed + (r.code !== 0 && r.failed === 0 ? 1 : 0), 0);
  console.log(`${passed} passed, ${failed} failed`);
  return failed > 0 || passed === 0 ? 1 : 0;
}

main().then((code) => process.exit(code), (e) => {
  console.error(`matrix: ${e instanceof Error ? e.message : String(e)}`);
  console.log('0 passed, 1 failed');
  process.exit(1);
});
