/**
 * Interleaves several async iterables, pulling from all of them at once, so that per-region
 * LookupEvents queries (each held to 2 requests/second on its own) run side by side.
 */
export async function* mergeAsync<T>(sources: AsyncIterable<T>[]): AsyncGenerator<T> {
  const iterators = sources.map((s) => s[Symbol.asyncIterator]());
  const pending = new Map<number, Promise<{ i: number; r: IteratorResult<T> }>>();
  const pull = (i: number): void => { pending.set(i, iterators[i]!.next().then((r) => ({ i, r }))); };
  iterators.forEach((_, i) => pull(i));
  try {
    while (pending.size) {
      const { i, r } = await Promise.race(pending.values());
      if (r.done) { pending.delete(i); continue; }
      pull(i);
      yield r.value;
    }
  } finally {
    // Stopped early (consumer broke out or one source threw): let the others clean up.
    for (const i of pending.keys()) void iterators[i]!.return?.(undefined)?.catch(() => undefined);
  }
}
