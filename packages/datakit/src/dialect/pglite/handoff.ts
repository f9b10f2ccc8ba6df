/**
 * A one-slot hand-off between a producer that runs inside a callback (a PGlite transaction) and
 * an async generator consumer: `put` waits until the item is taken, so the producer never runs
 * more than one batch ahead (backpressure), and `cancel` releases a producer whose consumer left.
 *
 * @example
 * ```ts
 * const handoff = new Handoff<number[]>();
 * void produce(handoff).then(() => handoff.end(), (e) => handoff.fail(e));
 * for (let next = await handoff.take(); !next.done; next = await handoff.take()) use(next.value);
 * ```
 * @internal
 */
export class Handoff<T> {
  #item: { value: T } | undefined;
  #error: { error: unknown } | undefined;
  #ended = false;
  #cancelled = false;
  #wakeConsumer: (() => void) | undefined;
  #wakeProducer: (() => void) | undefined;

  get cancelled(): boolean {
    return this.#cancelled;
  }

  /** Offers one item; resolves once the consumer took it (or cancelled). */
  async put(value: T): Promise<void> {
    if (this.#cancelled) return;
    this.#item = { value };
    this.#wake();
    await new Promise<void>((resolve) => {
      this.#wakeProducer = resolve;
    });
  }

  end(): void {
    this.#ended = true;
    this.#wake();
  }

  fail(error: unknown): void {
    this.#error = { error };
    this.#wake();
  }

  cancel(): void {
    this.#cancelled = true;
    this.#wakeProducer?.();
    this.#wakeProducer = undefined;
  }

  async take(): Promise<IteratorResult<T, undefined>> {
    for (;;) {
      if (this.#item) {
        const { value } = this.#item;
        this.#item = undefined;
        const wake = this.#wakeProducer;
        this.#wakeProducer = undefined;
        wake?.();
        return { done: false, value };
      }
      if (this.#error) throw this.#error.error;
      if (this.#ended) return { done: true, value: undefined };
      await new Promise<void>((resolve) => {
        this.#wakeConsumer = resolve;
      });
    }
  }

  #wake(): void {
    this.#wakeConsumer?.();
    this.#wakeConsumer = undefined;
  }
}
