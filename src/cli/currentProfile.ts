import { profileInForce } from '../core/aws/profiles';
import { escapeTerminal } from '../core/report/escape';
import type { ParsedArgs } from './args';
import type { Io } from './io';

/**
 * Whether `check` reads live AWS, saying on stderr which profile and why. `--profile` or
 * `--trail-bucket` ask for it; with no file input at all (no `--events`, `--inventory`, `--athena`)
 * the profile already in force does, as for the AWS CLI: AWS_PROFILE, keys in the environment, the
 * `default` profile, a web identity or container role. The bare default chain (an instance role,
 * perhaps) is not guessed at: then files are asked for, as before.
 */
export async function wantsLive(args: ParsedArgs, io: Pick<Io, 'err' | 'warn' | 'info'>, env: NodeJS.ProcessEnv = process.env): Promise<boolean> {
  if (args.strings.has('athena')) return false;
  const chosen = args.strings.get('profile');
  const asked = chosen !== undefined || args.strings.has('trail-bucket');
  if (!asked && (args.lists.has('events') || args.lists.has('inventory'))) return false;
  const p = await profileInForce(chosen !== undefined ? { name: chosen, source: 'option' } : undefined, env);
  if (!asked && !p.found) return false;
  // Asked for, the profile is a step (--verbose); taken from the environment, the user must know.
  if (asked) (io.info ?? io.err)(`tagtrail: AWS profile ${p.label}`);
  else (io.warn ?? io.err)(`tagtrail: AWS profile ${escapeTerminal(p.label)}: no --events given, so the account of the current profile is checked`);
  return true;
}
