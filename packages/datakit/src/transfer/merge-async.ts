/**
 * Interleaves async iterables, yielding whichever value is ready first. A source is asked for its
 * next value only after the consumer took the previous one, so per-source buffers can be reused
 * and memory stays at one value per source.
 *
 * @example
 * ```ts
 * for await (const batch of mergeAsync([readA(), readB()])) process(batch);
 * ```
 * @internal
 */
export async function* mergeAsync<T>(sources: readonly AsyncIterable<T>[]): AsyncGenerator<T> {
  if (sources.length === 1) {
    yield* sources[0] as AsyncIterable<T>;
    return;
  }
  const iterators = sources.map((s) => s[Symbol.asyncIterator]());
  type Step = { index: number; result: IteratorResult<T> };
  const pending = new Map<number, Promise<Step>>();
  const pull = (index: number) =>
    pending.set(
      index,
      (iterators[index] as AsyncIterator<T>).next().then((result) => ({ index, result })),
    );
  for (let i = 0; i < iterators.length; i++) pull(i);
  try {
    while (pending.size > 0) {
      const { index, result } = await Promise.race(pending.values());
      if (result.done) {
        pending.delete(index);
        continue;
      }
      pending.delete(index);
      yield result.value;
      pull(index);
    }
  } finally {
    const open = [...pending.keys()];
    pending.clear();
    await Promise.allSettled(open.map((i) => iterators[i]?.return?.()));
  }
}
