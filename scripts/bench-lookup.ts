/**
 * LookupEvents against the local endpoint at AWS's documented limit (2 requests/s per account-region,
 * 50 events a page): sustained events/s as a share of the 100 events/s ceiling, the speed-up of a
 * second, incremental check, and a fault run (30% throttling, 5% 500s) checked for exactly-once.
 *   npm run bench:lookup [-- --events 2000 --latency 0,100 --fault-events 600]
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { loadLiveInputs, type LiveInputOptions } from '../src/core/aws/liveInputs';
import { makeAwsHome } from '../test/endpoint/awsFiles';
import { startEndpoint, type EndpointOptions } from '../test/endpoint/server';
import { addEvent } from '../test/endpoint/state';
import { syntheticAccount } from '../test/endpoint/syntheticAccount';

const { values } = parseArgs({ options: { events: { type: 'string', default: '2000' }, latency: { type: 'string', default: '0,100' }, 'fault-events': { type: 'string', default: '600' } } });
const CEILING = 100; // 2 calls/s × 50 events

async function session<T>(acct: ReturnType<typeof syntheticAccount>, ep: Omit<EndpointOptions, 'state'>, fn: (opts: Omit<LiveInputOptions, 'since'>, endpoint: Awaited<ReturnType<typeof startEndpoint>>) => Promise<T>): Promise<T> {
  const endpoint = await startEndpoint({ state: acct.state, ...ep });
  const home = makeAwsHome({ AWS_ENDPOINT_URL: endpoint.url, AWS_ACCESS_KEY_ID: acct.key.accessKeyId, AWS_SECRET_ACCESS_KEY: acct.key.secretAccessKey });
  try {
    return await fn({ regions: acct.regions, until: acct.windowEnd }, endpoint);
  } finally {
    home.dispose();
    await endpoint.close();
  }
}

async function drain(opts: LiveInputOptions): Promise<{ events: number; ms: number; fetched: number; ids: Map<string, number> }> {
  const live = await loadLiveInputs(opts);
  const t0 = performance.now();
  const ids = new Map<string, number>();
  for await (const r of live.events) ids.set(String(r.record.eventID), (ids.get(String(r.record.eventID)) ?? 0) + 1);
  return { events: [...ids.values()].reduce((a, b) => a + b, 0), ms: performance.now() - t0, fetched: live.stats.lookup.fetched, ids };
}

async function main(): Promise<void> {
  const n = Number(values.events);
  console.log(`LookupEvents benchmark: ${n} events in one account-region, 50 per page, endpoint enforcing 2 TPS`);
  for (const latency of values.latency!.split(',').map(Number)) {
    const acct = syntheticAccount({ eventsPerRegion: n, users: 2, roles: 1, resourcesPerRegion: 1 });
    const cacheDir = mkdtempSync(join(tmpdir(), 'tagtrail-bench-'));
    try {
      await session(acct, { faults: { latencyMs: latency } }, async (base, ep) => {
        const first = await drain({ ...base, since: acct.windowStart, cacheDir });
        const rate = first.events / (first.ms / 1000);
        console.log(`latency ${latency} ms: ${first.events} events in ${(first.ms / 1000).toFixed(1)} s = ${rate.toFixed(1)} events/s = ${((100 * rate) / CEILING).toFixed(1)}% of the ${CEILING} events/s ceiling; max ${ep.maxLookupCallsInASecond()} calls in a second; ${ep.log.filter((e) => e.outcome === 'rate-limit').length} throttled by the endpoint`);
        // An hour of new activity after the window, then the same check again with the cache.
        for (let i = 0; i < 50; i++) addEvent(acct.state, acct.account, acct.regions[0]!, { eventID: `new-${i}`, eventTime: new Date(acct.windowEnd.getTime() + (i + 1) * 60_000).toISOString(), eventSource: 'sqs.amazonaws.com', eventName: 'SendMessage' });
        const second = await drain({ ...base, since: acct.windowStart, until: new Date(acct.windowEnd.getTime() + 3600_000), cacheDir });
        console.log(`  incremental second check: ${second.events} events (${second.fetched} fetched) in ${(second.ms / 1000).toFixed(2)} s: ${(first.ms / second.ms).toFixed(1)}× faster than the first`);
      });
    } finally {
      rmSync(cacheDir, { recursive: true, force: true });
    }
  }
  const fe = Number(values['fault-events']);
  const acct = syntheticAccount({ regions: ['us-east-1', 'eu-west-1'], eventsPerRegion: fe, dataEventsPerRegion: 40, users: 6, roles: 6, resourcesPerRegion: 30, windowHours: 6 });
  await session(acct, { faults: { throttleRate: 0.3, errorRate: 0.05, seed: 7 }, pageCaps: { iam: 5, tagging: 10 } }, async (base, ep) => {
    const live = await loadLiveInputs({ ...base, since: acct.windowStart, trailBucket: `s3://${acct.bucket}/logs` });
    const t0 = performance.now();
    const ids = new Map<string, number>();
    for await (const r of live.events) ids.set(String(r.record.eventID), (ids.get(String(r.record.eventID)) ?? 0) + 1);
    const twice = [...ids.values()].filter((c) => c > 1).length;
    const injected = ep.log.filter((e) => e.outcome.startsWith('injected')).length;
    console.log(`fault run (30% throttling, 5% 500s, 2 regions): ${ep.log.length} calls, ${injected} injected faults; events ${ids.size}/${acct.expected.lookupEvents + acct.expected.dataEvents} (${twice} twice), tagged resources ${live.inventory.resources.size}/${acct.expected.taggedResources}, principals ${live.inventory.principals.size}/${acct.expected.principals}; max ${ep.maxLookupCallsInASecond()} LookupEvents calls per account-region-second; events phase ${((performance.now() - t0) / 1000).toFixed(1)} s`);
  });
}

void main();
