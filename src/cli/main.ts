import { UsageError } from './args';
import { checkCommand, CHECK_HELP } from './checkCommand';
import { demoCommand, DEMO_HELP } from './demoCommand';
import { athenaTableCommand, ATHENA_TABLE_HELP } from './athenaCheck';
import { resolveCommand, RESOLVE_HELP } from './resolveCommand';
import { guardrailCommand, GUARDRAIL_HELP } from './guardrailCommand';
import { InputError } from './inputs';
import { ArgumentError } from '../core/source/errors';
import { isClosedStdout, oneLineWarnings, processIo, type Io } from './io';
import { escapeTerminal } from '../core/report/escape';
import { InventoryFormatError } from '../core/inventory/loadInventory';
import { registerLiveProvider } from './liveHook';
import { cliLiveProvider } from './liveAws';

const HELP = `tagtrail: did anyone of product A touch a resource of product B? (CloudTrail + tags)

Commands:
  tagtrail check --events <path>... --inventory <path>... [--mapping f] [--format md|text|json|sarif|csv] ...
  tagtrail resolve <path>... --format jsonl
  tagtrail guardrail --events <path>... --inventory <path>... [--form scp|rcp|boundary] [--out dir]
  tagtrail demo [--out file]
  tagtrail athena-table --bucket <b> --account <id>... --region <r>... [--run <workgroup>]

Run "tagtrail <command> --help" for a command's options. Commands that read events take --verbose
(every AWS call) or --quiet (errors only); by default they draw one progress line when stderr is a
terminal, and print only problems when it is not.

${CHECK_HELP.split('\n')[0]}
${RESOLVE_HELP.split('\n')[0]}
${GUARDRAIL_HELP.split('\n')[0]}
${DEMO_HELP.split('\n')[0]}
${ATHENA_TABLE_HELP.split('\n')[0]}`;

const COMMANDS: Record<string, (argv: string[], io: Io) => Promise<number>> = {
  check: checkCommand,
  resolve: resolveCommand,
  guardrail: guardrailCommand,
  demo: demoCommand,
  'athena-table': athenaTableCommand,
};

/**
 * Runs the CLI and returns the exit status: 0 done, 1 findings with --fail-on-findings, 2 bad
 * arguments or unreadable input (with one clear line on stderr), 3 an unexpected failure, 4 a
 * check that looked at less than it was asked to (see `concludeCheck`).
 */
export async function main(argv: string[], io: Io): Promise<number> {
  const [name, ...rest] = argv;
  if (name === undefined) {
    io.err(HELP);
    return 2;
  }
  if (name === '--help' || name === '-h' || name === 'help') {
    io.out(`${HELP}\n`);
    return 0;
  }
  const command = COMMANDS[name];
  if (!command) {
    io.err(`tagtrail: unknown command "${escapeTerminal(name)}" (commands: ${Object.keys(COMMANDS).join(', ')}; see tagtrail --help)`);
    return 2;
  }
  try {
    return await command(rest, io);
  } catch (e) {
    if (e instanceof UsageError || e instanceof InputError || e instanceof InventoryFormatError || e instanceof ArgumentError) {
      io.err(`tagtrail ${name}: ${escapeTerminal(e.message)}`);
      return 2;
    }
    if (e instanceof Error && e.name === 'AbortError') {
      io.err(`tagtrail ${name}: interrupted`);
      return 130;
    }
    // The reader of stdout went away (`… | head -1`): it has what it wanted; end quietly.
    if (isClosedStdout(e, io)) return 0;
    const code = (e as NodeJS.ErrnoException | undefined)?.code;
    if (typeof code === 'string' && /^E[A-Z]+$/.test(code)) {
      // File system errors (writing --out into a missing folder, a file vanishing mid-read) are input problems.
      io.err(`tagtrail ${name}: ${escapeTerminal(e instanceof Error ? e.message : String(e))}`);
      return 2;
    }
    io.err(`tagtrail ${name}: unexpected failure: ${escapeTerminal(e instanceof Error ? (e.stack ?? e.message) : String(e))}`);
    return 3;
  }
}

// Run only as the entry point (the bundle, or tsx on this file), not when tests import `main`.
if (require.main === module) {
  registerLiveProvider(cliLiveProvider);
  const ac = new AbortController();
  process.once('SIGINT', () => ac.abort());
  const io = processIo(ac.signal);
  oneLineWarnings(io);
  void main(process.argv.slice(2), io).then((status) => {
    process.exitCode = status;
  });
}
