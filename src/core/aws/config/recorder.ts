/**
 * Whether AWS Config records in a region. A region without a running recorder has no current state
 * and no history to query: its inventory must come from elsewhere, and the check must say so.
 */
import { DescribeConfigurationRecorderStatusCommand, type ConfigServiceClient } from '@aws-sdk/client-config-service';
import { persist } from '../concurrency';
import { cleanAwsText } from '../errors';

export interface RecorderState {
  region: string;
  recording: boolean;
  /** Why not, in a few words, when not recording. */
  why?: string;
}

/** One DescribeConfigurationRecorderStatus call. */
export async function recorderState(client: ConfigServiceClient, region: string, signal?: AbortSignal): Promise<RecorderState> {
  const out = await persist(() => client.send(new DescribeConfigurationRecorderStatusCommand({}), { abortSignal: signal }), signal ? { signal } : {});
  const recorders = out.ConfigurationRecordersStatus ?? [];
  if (recorders.length === 0) return { region, recording: false, why: 'no configuration recorder is set up' };
  if (recorders.some((r) => r.recording === true)) return { region, recording: true };
  const failed = recorders.find((r) => r.lastStatus === 'Failure');
  return {
    region,
    recording: false,
    why: failed?.lastErrorCode ? `the recorder is stopped (last error: ${cleanAwsText(failed.lastErrorCode, 80)})` : 'the recorder is stopped',
  };
}
