import type { Connection } from '../dialect/connection.js';

/**
 * A transaction kept open until `end` is called. @internal
 *
 * @example
 * ```ts
 * const { tx, end } = await holdTransaction(conn);
 * ```
 */
export interface HeldTransaction {
  tx: Connection;
  /** Commits (no error) or rolls back (with the error that ended the work). */
  end(error?: unknown): Promise<void>;
}

/**
 * Opens a transaction on `conn` and keeps it open across async iteration, which the callback
 * shape of `Connection.transaction` cannot do on its own: a source is read inside a transaction
 * (for a stable snapshot and local settings) while the load consumes it at its own pace.
 *
 * @example
 * ```ts
 * const held = await holdTransaction(source);
 * try { for await (const chunk of held.tx.copyTo!(sql)) use(chunk); await held.end(); }
 * catch (err) { await held.end(err); throw err; }
 * ```
 * @internal
 */
export async function holdTransaction(conn: Connection): Promise<HeldTransaction> {
  let finish!: (error?: unknown) => void;
  const released = new Promise<void>((resolve, reject) => {
    finish = (error) => (error === undefined ? resolve() : reject(error));
  });
  released.catch(() => {});
  let opened!: (tx: Connection) => void;
  const ready = new Promise<Connection>((resolve) => {
    opened = resolve;
  });
  const settled = conn.transaction(async (tx) => {
    opened(tx);
    await released;
  });
  const tx = await Promise.race([
    ready,
    settled.then(() => {
      throw new Error('The source transaction ended before it was used');
    }),
  ]);
  let ended = false;
  return {
    tx,
    async end(error?: unknown) {
      if (ended) return;
      ended = true;
      finish(error);
      try {
        await settled;
      } catch (err) {
        if (error === undefined) throw err;
      }
    },
  };
}
