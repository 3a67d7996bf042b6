/**
 * Runs the local AWS endpoint on its own, serving the demo account, for the editor tests and for
 * trying the CLI by hand:
 *   npx tsx test/endpoint/serve.ts --port 4566 [--demo demo] [--throttle 0.3] [--errors 0.05] [--latency 20]
 * Prints one JSON line (url, port, account, access key) once listening, then a line per call.
 */
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { DEMO_KEY, demoState } from './demoState';
import { startEndpoint } from './server';

const { values } = parseArgs({
  options: {
    port: { type: 'string', default: '0' },
    demo: { type: 'string', default: resolve(__dirname, '../../demo') },
    throttle: { type: 'string', default: '0' },
    errors: { type: 'string', default: '0' },
    latency: { type: 'string', default: '0' },
    quiet: { type: 'boolean', default: false },
  },
});

async function main(): Promise<void> {
  const { state, account, regions } = demoState(values.demo!);
  const ep = await startEndpoint({
    state,
    port: Number(values.port),
    faults: { throttleRate: Number(values.throttle), errorRate: Number(values.errors), latencyMs: Number(values.latency) },
  });
  console.log(JSON.stringify({ url: ep.url, port: ep.port, account, regions, ...DEMO_KEY }));
  if (!values.quiet) {
    let shown = 0;
    setInterval(() => { for (; shown < ep.log.length; shown++) { const e = ep.log[shown]!; console.log(`${new Date(e.at).toISOString()} ${e.action} ${e.region} ${e.status} ${e.outcome}`); } }, 250).unref();
  }
  const stop = (): void => { void ep.close().then(() => process.exit(0)); };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

void main();
