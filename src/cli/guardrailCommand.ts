import { mkdir, writeFile } from 'node:fs/promises';
import { isAbsolute, join, resolve } from 'node:path';
import { DEFAULT_TAG_KEYS } from '../core/attribute/productIndex';
import { escapeTerminal } from '../core/report/escape';
import { ArgumentError } from '../core/source/errors';
import { GUARDRAIL_FORMS, policyProblems, policyText, type GuardrailForm } from '../core/guardrail/policy';
import { runGuardrail } from '../core/guardrail/run';
import { guardrailJson, guardrailMarkdown, guardrailText } from '../core/guardrail/report';
import { choice, parseArgs, UsageError, type OptionSpec } from './args';
import { ATHENA_CHECK_OPTIONS, asInputError } from './athenaCheck';
import { filterFrom, sourceFromArgs, EXIT_INCOMPLETE } from './checkCommand';
import { formatReadError } from './inputs';
import type { Io } from './io';

const SPEC: OptionSpec = {
  events: 'list', inventory: 'list', mapping: 'string', 'tag-key': 'list', product: 'string', since: 'string', until: 'string',
  region: 'list', account: 'list', help: 'flag', profile: 'string', 'trail-bucket': 'string', ...ATHENA_CHECK_OPTIONS,
  form: 'list', out: 'string', format: 'string', actions: 'string',
};

/** Both sides of a data perimeter: SCPs for the account's own callers, RCPs for callers from anywhere. */
const DEFAULT_FORMS: GuardrailForm[] = ['scp', 'rcp'];

/** `tagtrail guardrail --help`. */
export const GUARDRAIL_HELP = `tagtrail guardrail: propose policies denying cross-product access; replay the window on them

  tagtrail guardrail --events <path>... --inventory <path>... [--mapping f] [options]

  Inputs as for tagtrail check: --events, --inventory, --mapping, --tag-key, --product, --since,
  --until, --region, --account, --profile, --trail-bucket, --athena.
  --form scp|rcp|boundary...   policy forms to propose (default: scp rcp; several allowed)
  --actions seen|services      deny on the guardable actions seen in the window (default), or on
                               every guardable action of the services seen (larger, more documents)
  --out <dir>                  write the policy files there (scp-1.json, rcp-1.json, …)
  --format text|md|json        the replay report on stdout (default text; md: "Guardrails" section)

Exit status: 0 done; 1 the replay found same-product, shared or exempted accesses the proposal would
deny (listed); 2 bad arguments or unreadable input; 4 incomplete input (as for check).`;

function formsFrom(values: string[] | undefined): GuardrailForm[] {
  if (values === undefined) return DEFAULT_FORMS;
  const out: GuardrailForm[] = [];
  for (const v of values.flatMap((x) => x.split(','))) {
    if (!(GUARDRAIL_FORMS as readonly string[]).includes(v)) throw new UsageError(`--form must be scp, rcp or boundary (got "${v}")`);
    if (!out.includes(v as GuardrailForm)) out.push(v as GuardrailForm);
  }
  return out;
}

/** `tagtrail guardrail`: returns the exit status. */
export async function guardrailCommand(argv: string[], io: Io): Promise<number> {
  const args = parseArgs(argv, SPEC);
  if (args.flags.has('help')) {
    io.out(`${GUARDRAIL_HELP}\n`);
    return 0;
  }
  if (args.positional.length > 0) throw new UsageError(`unexpected argument "${args.positional[0]}" (event files go after --events)`);
  if (args.flags.has('print-sql')) throw new UsageError('--print-sql belongs to tagtrail check');
  const forms = formsFrom(args.lists.get('form'));
  const format = choice(args, 'format', ['text', 'md', 'json'] as const, 'text');
  const scope = choice(args, 'actions', ['seen', 'services'] as const, 'seen');
  const filter = filterFrom(args, io.now());
  const tagKeys = args.lists.get('tag-key') ?? DEFAULT_TAG_KEYS;
  const source = await sourceFromArgs(args, io, filter);
  let run;
  try {
    run = await runGuardrail(source, {
      tagKeys, filter, now: io.now(), forms, scope,
      onError: (e) => io.err(`tagtrail: read error: ${formatReadError(e)}`),
      onWarning: (w) => io.err(`tagtrail: warning: ${escapeTerminal(w)}`),
      ...(io.signal ? { signal: io.signal } : {}),
    });
  } catch (e) {
    if (e instanceof ArgumentError) throw new UsageError(e.message);
    throw asInputError(e);
  }
  const { proposal, replay } = run;
  // Never write a document TagTrail's own grammar check refuses.
  for (const d of proposal.documents) {
    const problems = policyProblems(d.document, d.form);
    if (problems.length > 0) throw new Error(`${d.name} failed its own check: ${problems.join('; ')}`);
  }
  const written: string[] = [];
  const outDir = args.strings.get('out');
  if (outDir !== undefined) {
    const dir = isAbsolute(outDir) ? outDir : resolve(io.cwd, outDir);
    await mkdir(dir, { recursive: true });
    for (const d of proposal.documents) {
      const p = join(dir, d.name);
      await writeFile(p, policyText(d.document, d.form));
      written.push(p);
    }
  }
  if (format === 'md') io.out(guardrailMarkdown(proposal, replay));
  else if (format === 'json') io.out(guardrailJson(proposal, replay));
  else io.out(guardrailText(proposal, replay, written));
  if (outDir === undefined && format !== 'json') io.err('tagtrail guardrail: no --out folder: the policies are in --format json only; nothing written');
  for (const why of run.result.incomplete ?? []) io.err(`tagtrail guardrail: incomplete: ${escapeTerminal(why)}`);
  if (replay.byOutcome.broken > 0) {
    io.err(`tagtrail guardrail: the proposal would deny ${replay.byOutcome.broken} same-product, shared or exempted accesses (listed in the report): do not attach it as it is`);
    return 1;
  }
  return (run.result.incomplete ?? []).length > 0 ? EXIT_INCOMPLETE : 0;
}
