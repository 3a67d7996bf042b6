import * as vscode from 'vscode';
import { listProfiles, profileInForce, type ProfileInForce } from '../../core/aws/profiles';
import { escapeTerminal } from '../../core/report/escape';
import { readConfig } from '../config';
import type { Outcome } from '../loader';
import type { CommandContext } from './context';
import { liveInputs } from './loadCommands';

/** Regions offered by the picker; any other region can still be typed into the setting. */
const COMMON_REGIONS = [
  'us-east-1', 'us-east-2', 'us-west-1', 'us-west-2', 'ca-central-1', 'sa-east-1',
  'eu-west-1', 'eu-west-2', 'eu-west-3', 'eu-central-1', 'eu-central-2', 'eu-north-1', 'eu-south-1',
  'ap-northeast-1', 'ap-northeast-2', 'ap-northeast-3', 'ap-south-1', 'ap-southeast-1', 'ap-southeast-2',
  'me-central-1', 'af-south-1',
];

type ProfilePick = vscode.QuickPickItem & { profile: string | undefined };

/** The AWS profile in force for the editor: `tagtrail.profile`, else AWS_PROFILE, environment keys, `default`… */
export function currentProfile(): Promise<ProfileInForce> {
  const chosen = readConfig().profile;
  return profileInForce(chosen ? { name: chosen, source: 'setting' } : undefined);
}

/**
 * Loads, and so checks, the account of the profile in force, for Check Violations with nothing
 * loaded: a user of the AWS CLI or Toolkit expects the profile already in force, not a file picker.
 * Undefined (nothing done) when no profile is in force; a named profile that does not exist is
 * tried, so that its error (with the profiles that do exist) is shown.
 */
export async function checkCurrentProfile(ctx: CommandContext): Promise<Outcome | undefined> {
  const p = await currentProfile();
  if (!p.found && p.sdkProfile === undefined) return undefined;
  ctx.log.info(`checking the account of the current AWS profile: ${escapeTerminal(p.label)}`);
  return ctx.load(liveInputs(ctx, p.name ?? p.label));
}

/**
 * Picks a profile from ~/.aws (never reading secrets), saves it in user settings and loads that
 * account, whatever was open before (demo or files): picking a profile means "go live".
 */
export async function selectProfile(ctx: CommandContext): Promise<Outcome | undefined> {
  const current = readConfig().profile;
  let profiles: Awaited<ReturnType<typeof listProfiles>> = [];
  try {
    profiles = await listProfiles();
  } catch (e) {
    ctx.log.warn(`could not read AWS profiles: ${escapeTerminal(e instanceof Error ? e.message : String(e))}`);
  }
  // Say what the chain resolves to now, so that picking it is an informed choice.
  const chain = await profileInForce(undefined).catch(() => undefined);
  const items: ProfilePick[] = [
    { label: '$(key) Default credential chain', description: chain?.found ? `now: ${chain.label}` : 'environment, AWS_PROFILE, SSO, instance role', profile: '' },
    ...profiles.map((p) => ({
      label: p.name,
      description: [p.kind, p.region].filter((x) => x).join(' · '),
      detail: p.endpointUrl ? `endpoint ${p.endpointUrl}` : undefined,
      picked: p.name === current,
      profile: p.name,
    })),
    { label: '', kind: vscode.QuickPickItemKind.Separator, profile: undefined },
    { label: '$(beaker) Open Demo Account', description: 'no AWS needed', profile: undefined },
  ];
  const pick = await vscode.window.showQuickPick(items, { title: 'TagTrail: AWS profile', placeHolder: current ? `current: ${current}` : 'pick a profile from ~/.aws/config' });
  if (!pick) return undefined;
  if (pick.profile === undefined) return vscode.commands.executeCommand<Outcome>('tagtrail.openDemo');
  await vscode.workspace.getConfiguration('tagtrail').update('profile', pick.profile, vscode.ConfigurationTarget.Global);
  ctx.log.info(`profile set to ${escapeTerminal(pick.profile || 'default credential chain')}`);
  return ctx.load(liveInputs(ctx));
}

/** Picks the regions to read; saved in user settings. */
export async function selectRegions(ctx: CommandContext): Promise<void> {
  const current = new Set(readConfig().regions);
  const all = [...new Set([...current, ...COMMON_REGIONS])];
  const picks = await vscode.window.showQuickPick(all.map((r) => ({ label: r, picked: current.has(r) })), {
    title: 'TagTrail: regions to read', canPickMany: true, placeHolder: 'none picked = the profile\'s default region',
  });
  if (!picks) return;
  const regions = picks.map((p) => p.label);
  await vscode.workspace.getConfiguration('tagtrail').update('regions', regions, vscode.ConfigurationTarget.Global);
  ctx.log.info(`regions set to ${escapeTerminal(regions.join(', ') || 'profile default')}`);
}
