/**
 * One measurement of scripts/bench-guardrail.ts, in its own process: `check` (the file source
 * through the runner, as `tagtrail check` runs it) or `guardrail` (the same check with the replay
 * collecting every judged event, then the proposal and the replay, as `tagtrail guardrail` runs
 * it). Prints one JSON line.
 *
 *   node measure-guardrail.js check|guardrail <eventsDir> <inventory.json>
 */
import { DEFAULT_TAG_KEYS } from '../../src/core/attribute/productIndex';
import { checkSource } from '../../src/core/source/runner';
import { fileSource } from '../../src/core/source/fileSource';
import { runGuardrail } from '../../src/core/guardrail/run';

async function main(): Promise<void> {
  const [mode = '', dir = '', inventory = ''] = process.argv.slice(2);
  const source = fileSource({ events: [dir], inventory: [inventory] });
  const t0 = performance.now();
  const cpu0 = process.cpuUsage();
  let records: number;
  let note: string;
  let replayMs = 0;
  if (mode === 'check') {
    const run = await checkSource(source, { tagKeys: DEFAULT_TAG_KEYS });
    records = run.result.stats.recordsRead;
    note = `${run.result.stats.findings} findings`;
  } else if (mode === 'guardrail') {
    const run = await runGuardrail(source, { tagKeys: DEFAULT_TAG_KEYS, forms: ['scp', 'rcp', 'boundary'], scope: 'seen' });
    records = run.result.stats.recordsRead;
    replayMs = run.replayMs;
    const r = run.replay;
    note = `${run.result.stats.findings} findings; ${r.accesses} accesses in ${r.contexts} contexts; denied ${r.byOutcome.denied}, broken ${r.byOutcome.broken}, missed ${r.byOutcome.missed}, unguardable ${r.byOutcome.unguardable}; ${run.proposal.documents.length} documents`;
  } else throw new Error(`unknown mode ${mode}`);
  const cpu = process.cpuUsage(cpu0);
  const m = { mode, records, seconds: (performance.now() - t0) / 1000, cpuSeconds: (cpu.user + cpu.system) / 1e6, replaySeconds: replayMs / 1000, peakRssMB: process.resourceUsage().maxRSS / 1024, note };
  process.stdout.write(`${JSON.stringify(m)}\n`);
}

main().catch((e: unknown) => {
  console.error(e);
  process.exit(1);
});
