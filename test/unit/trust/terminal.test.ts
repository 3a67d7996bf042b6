// Whoever made an AWS call chooses much of the text TagTrail prints. On a terminal, an escape
// sequence in that text could recolour output, hide lines, retitle the window, plant a hyperlink
// or write the clipboard (OSC 52). The real CLI runs here as a child process on the hostile corpus
// in every output mode; no raw control byte from a record may reach stdout or stderr.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { ALL_PAYLOADS, PAYLOADS, RAW_INVISIBLE, writeHostileFiles } from '../../fixtures/hostile/hostileRecords';

const REPO = resolve(__dirname, '../../..');
/** A session name of escape sequences only (a `/` would end the name inside the session ARN). */
const CSI = PAYLOADS.find((p) => p.name === 'csi-colour-clear')!.text;
const ENTRY = join(REPO, 'src/cli/main.ts');

interface Ran {
  status: number | null;
  stdout: Buffer;
  stderr: Buffer;
}

function cli(args: string[]): Promise<Ran> {
  return new Promise((done, fail) => {
    const child = spawn(process.execPath, ['--import', 'tsx', ENTRY, ...args], { cwd: REPO });
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    child.stdout.on('data', (b: Buffer) => out.push(b));
    child.stderr.on('data', (b: Buffer) => err.push(b));
    child.on('error', fail);
    child.on('close', (status) => done({ status, stdout: Buffer.concat(out), stderr: Buffer.concat(err) }));
  });
}

/** Offending bytes: C0 controls but newline, DEL, UTF-8-encoded C1 controls; and bidi/zero-width characters. */
function rawControls(buf: Buffer): string[] {
  const found: string[] = [];
  for (let i = 0; i < buf.length && found.length < 5; i++) {
    const b = buf[i]!;
    if ((b < 0x20 && b !== 0x0a) || b === 0x7f) found.push(`0x${b.toString(16)} at ${i}: ${JSON.stringify(buf.subarray(Math.max(0, i - 30), i + 10).toString('latin1'))}`);
    if (b === 0xc2 && buf[i + 1]! >= 0x80 && buf[i + 1]! <= 0x9f) found.push(`C1 0x${buf[i + 1]!.toString(16)} at ${i}`);
  }
  const m = RAW_INVISIBLE.exec(buf.toString('utf8'));
  if (m) found.push(`U+${m[0].codePointAt(0)!.toString(16)} at ${m.index}`);
  return found;
}

function assertClean(r: Ran, what: string): void {
  assert.deepEqual(rawControls(r.stdout), [], `${what}: stdout`);
  assert.deepEqual(rawControls(r.stderr), [], `${what}: stderr`);
}

const files = writeHostileFiles();
const events = ['--events', files.jsonl, files.trailGz, files.eventsDir, '--inventory', files.inventory];

test('check in text, Markdown and JSON formats: findings printed, no raw control byte on stdout or stderr', async () => {
  for (const format of ['text', 'md', 'json']) {
    const r = await cli(['check', ...events, '--format', format]);
    // The hostile files hold unreadable lines: an incomplete check (4), with its findings still printed.
    assert.equal(r.status, 4, `${format}: ${r.stderr.toString().slice(0, 500)}`);
    assertClean(r, `check --format ${format}`);
    // Read errors (invalid lines quoting escapes, a file name holding an OSC sequence) are on stderr, escaped.
    assert.match(r.stderr.toString(), /read error: .*evil\\x1b\]0;title\\x07\\u\{202e\}gnp\.jsonl:2: line 2: invalid JSON/);
    if (format === 'json') {
      const report = JSON.parse(r.stdout.toString()) as { findings: { principal: { displayName?: string } }[] };
      // Escaped, not dropped: the JSON still carries the exact session names.
      assert.ok(report.findings.some((f) => f.principal.displayName === CSI), 'hostile session name kept exactly in JSON');
    } else {
      assert.match(r.stdout.toString(), format === 'text' ? /Findings: [1-9]/ : /## Findings \([1-9]/);
    }
  }
});

test('resolve --format jsonl: every line is JSON, escapes stay JSON escapes, one line per record read', async () => {
  const r = await cli(['resolve', files.jsonl, '--format', 'jsonl']);
  assert.equal(r.status, 0, r.stderr.toString().slice(0, 500));
  assertClean(r, 'resolve');
  const lines = r.stdout.toString().trimEnd().split('\n');
  const parsed = lines.map((l) => JSON.parse(l) as { eventID: string | null; principal: { displayName?: string } });
  assert.ok(parsed.some((p) => p.principal.displayName === CSI), 'hostile session name kept exactly in JSONL');
  const errors = r.stderr.toString().split('\n').filter((l) => l.includes('read error:')).length;
  const present = files.jsonlLines;
  assert.equal(lines.length + errors, present, `records written ${lines.length} + read errors ${errors} = lines present ${present}`);
});

test('error paths quote hostile names and values escaped: unknown command, missing file, bad options, broken mapping and inventory', async () => {
  const badMapping = join(files.dir, 'mapping.json');
  writeFileSync(badMapping, `{"principals": ${ALL_PAYLOADS}}`);
  const badInventory = join(files.dir, 'inv\u001b[2J.json');
  writeFileSync(badInventory, JSON.stringify({ format: ALL_PAYLOADS, principals: ALL_PAYLOADS }));
  // A process argument cannot hold NUL; every other payload character can.
  const ARG = ALL_PAYLOADS.replace(/\0/g, '');
  const runs: [string, string[]][] = [
    ['unknown command', [ARG]],
    ['missing events path', ['check', '--events', join(files.dir, `missing\u001b]52;c;eA==\u0007.json`), '--inventory', files.inventory]],
    ['bad --since', ['check', ...events, '--since', ARG]],
    ['bad --account', ['check', ...events, '--account', ARG]],
    ['bad --format', ['check', ...events, '--format', ARG]],
    ['stray argument', ['check', ARG, ...events]],
    ['mapping not JSON', ['check', ...events, '--mapping', badMapping]],
    ['inventory of the wrong shape', ['check', '--events', files.jsonl, '--inventory', badInventory]],
    ['resolve of a missing path', ['resolve', `\u009b2J\u202e${ARG}`]],
  ];
  for (const [what, args] of runs) {
    const r = await cli(args);
    assert.equal(r.status, 2, `${what}: status ${r.status}, stderr ${r.stderr.toString().slice(0, 300)}`);
    assert.ok(r.stderr.length > 0, `${what}: says why on stderr`);
    assertClean(r, what);
  }
});
