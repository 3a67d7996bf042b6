import { createWriteStream } from 'node:fs';
import { once } from 'node:events';
import { InputError } from './inputs';

function cannotWrite(outPath: string | undefined, e: Error): Error {
  return outPath ? new InputError(`cannot write ${outPath}: ${e.message}`) : e;
}

/** Where a command writes: stdout or a file, with backpressure so that huge outputs stream. */
export interface Sink {
  write(text: string): Promise<void>;
  close(): Promise<void>;
}

/** Opens `outPath` for writing, or wraps stdout when it is undefined. Write failures on a file become InputErrors. */
export function openSink(outPath: string | undefined, stdout: NodeJS.WritableStream = process.stdout): Sink {
  const stream: NodeJS.WritableStream = outPath ? createWriteStream(outPath) : stdout;
  let failed: Error | undefined;
  stream.on('error', (e: Error) => {
    failed = e;
  });
  return {
    async write(text) {
      if (failed) throw cannotWrite(outPath, failed);
      if (!stream.write(text)) await Promise.race([once(stream, 'drain'), once(stream, 'error')]).catch(() => undefined);
      if (failed) throw cannotWrite(outPath, failed);
    },
    async close() {
      if (!outPath) return;
      // `end`'s callback receives the stream's error (a missing folder surfaces only here for small outputs).
      await new Promise<void>((resolve, reject) => {
        (stream as unknown as { end(cb: (err?: Error | null) => void): void }).end((err) => {
          const e = err ?? failed;
          if (e) reject(cannotWrite(outPath, e));
          else resolve();
        });
      });
    },
  };
}
