/** Thrown for anything the user typed wrong; main prints the message and exits with status 2. */
export class UsageError extends Error {}

/** `string`: one value; `list`: repeatable, several values each; `flag`: no value. */
export type OptionKind = 'string' | 'list' | 'flag';

/** What a subcommand accepts: option name (without `--`) → kind. `list` options repeat or take several values. */
export type OptionSpec = Record<string, OptionKind>;

/** Parsed command line: values by option name (without `--`), and the non-option arguments in order. */
export interface ParsedArgs {
  strings: Map<string, string>;
  lists: Map<string, string[]>;
  flags: Set<string>;
  positional: string[];
}

/**
 * Parses `--name value`, `--name=value`, repeated `--list a --list b` and `--list a b c` (values run
 * until the next `--option`), and bare flags. Unknown options and missing values are UsageErrors, so
 * a typo never silently changes what a check looks at.
 */
export function parseArgs(argv: string[], spec: OptionSpec): ParsedArgs {
  const out: ParsedArgs = { strings: new Map(), lists: new Map(), flags: new Set(), positional: [] };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i] ?? '';
    if (arg === '--') {
      out.positional.push(...argv.slice(i + 1));
      break;
    }
    if (!arg.startsWith('--') || arg === '--') {
      out.positional.push(arg);
      continue;
    }
    const eq = arg.indexOf('=');
    const name = arg.slice(2, eq < 0 ? undefined : eq);
    const kind = spec[name];
    if (!kind) throw new UsageError(`unknown option --${name}`);
    const inline = eq < 0 ? undefined : arg.slice(eq + 1);
    if (kind === 'flag') {
      if (inline !== undefined) throw new UsageError(`--${name} takes no value`);
      out.flags.add(name);
      continue;
    }
    const values: string[] = [];
    if (inline !== undefined) values.push(inline);
    else {
      while (i + 1 < argv.length && !(argv[i + 1] ?? '').startsWith('--')) {
        values.push(argv[++i] ?? '');
        if (kind === 'string') break;
      }
    }
    if (values.length === 0 || values.some((v) => v === '')) throw new UsageError(`--${name} needs a value`);
    if (kind === 'string') {
      if (out.strings.has(name)) throw new UsageError(`--${name} given twice`);
      out.strings.set(name, values[0] ?? '');
    } else out.lists.set(name, [...(out.lists.get(name) ?? []), ...values]);
  }
  return out;
}

/** The value of `--name` if it is one of `allowed`, else `fallback`; anything else is a UsageError. */
export function choice<T extends string>(args: ParsedArgs, name: string, allowed: readonly T[], fallback: T): T {
  const v = args.strings.get(name);
  if (v === undefined) return fallback;
  if (!(allowed as readonly string[]).includes(v)) throw new UsageError(`--${name} must be one of ${allowed.join(', ')} (got "${v}")`);
  return v as T;
}
