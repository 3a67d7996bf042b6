// Child process for the 2 GB test: runs the real CLI check in this process and reports its peak
// resident memory, which only a process of its own can measure honestly.
import { main } from '../../../src/cli/main';
import { processIo } from '../../../src/cli/io';

void (async () => {
  const lines: string[] = [];
  const io = { ...processIo(), err: (l: string) => void lines.push(l) };
  const status = await main(process.argv.slice(2), io);
  const maxRssMiB = process.resourceUsage().maxRSS / 1024;
  process.stdout.write(`${JSON.stringify({ status, maxRssMiB, stderr: lines })}\n`);
})();
