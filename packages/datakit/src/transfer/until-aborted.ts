import type { SourceBatch } from '../dialect/source-reader.js';

/**
 * The batches of `batches` until `signal` aborts, then the signal's reason is thrown: a long load
 * stops within one batch of a timeout or cancellation, even while its statements are busy in Node
 * (transform, validation) rather than in the database. @internal
 *
 * @example
 * ```ts
 * for await (const batch of untilAborted(extraction.batches, AbortSignal.timeout(60_000))) write(batch);
 * ```
 */
export async function* untilAborted(
  batches: AsyncIterable<SourceBatch>,
  signal: AbortSignal,
): AsyncGenerator<SourceBatch> {
  signal.throwIfAborted();
  for await (const batch of batches) {
    signal.throwIfAborted();
    yield batch;
  }
  // An abort during the last batch still fails the load: nothing commits after an abort.
  signal.throwIfAborted();
}
