import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connect, dialectFor } from '../../src/dialect/connect.js';
import type { Connection } from '../../src/dialect/connection.js';
import { parseConnectionUrl } from '../../src/dialect/parse-connection-url.js';
import type { SessionCanceller } from '../../src/dialect/session-canceller.js';
import { DatakitError } from '../../src/errors/datakit-error.js';
import { AttemptConnections } from '../../src/orchestration/execute/attempt-connections.js';

/** What a server dialect's test file hands to the shared canceller suite. */
export interface CancellerConformanceOptions {
  /** A throwaway database of the server under test. */
  url: () => string;
  /** A statement that sleeps 30 s, its text holding the quoted identifier `marker`. */
  sleep: (marker: string) => string;
  /** How many statements whose text holds `marker` are running (seen from `admin`). */
  running: (admin: Connection, marker: string) => Promise<number>;
  /** Interrupts the statements whose text holds `marker` (clean-up). */
  interrupt: (admin: Connection, marker: string) => Promise<void>;
}

const unique = (prefix: string) => `${prefix}_${randomBytes(4).toString('hex')}`;

async function until(check: () => Promise<boolean>): Promise<void> {
  for (let i = 0; i < 400; i++) {
    if (await check()) return;
    await new Promise((r) => setTimeout(r, 25));
  }
  throw new Error('timed out waiting for the statement to start');
}

/** Settles to the error a promise rejects with, or `'completed'`. */
const outcome = (p: Promise<unknown>): Promise<unknown> =>
  p.then(
    () => 'completed',
    (err: unknown) => err,
  );

/**
 * The one body every server dialect's canceller runs: a long statement of a tagged session is
 * cancelled, untagged sessions are untouched, terminate ends the tagged sessions (their
 * transactions roll back), and an aborted task attempt has its statements cancelled.
 */
export function runCancellerConformance(options: CancellerConformanceOptions): void {
  describe('session canceller conformance', () => {
    let url: string;
    let canceller: SessionCanceller;
    let admin: Connection;
    let table: string;
    beforeAll(async () => {
      url = options.url();
      const found = dialectFor(parseConnectionUrl(url).kind).canceller;
      if (!found) throw new Error(`no canceller for ${parseConnectionUrl(url).kind}`);
      canceller = found;
      admin = await connect(url);
      table = admin.dialect.adapter.quoteIdentifier(unique('cancel_t'));
      await admin.query(`create table ${table} (id integer)`);
    });
    afterAll(async () => {
      await admin?.close();
    });

    it('cancels the running statement of a tagged session and leaves untagged sessions running', async () => {
      const tag = unique('cancel-test');
      const tagged = await connect(canceller.tag(url, tag));
      const other = await connect(url);
      const [mine, theirs] = [unique('dk_mine'), unique('dk_theirs')];
      try {
        const taggedRun = outcome(tagged.query(options.sleep(mine)));
        const otherRun = outcome(other.query(options.sleep(theirs)));
        await until(async () => (await options.running(admin, mine)) === 1);
        await until(async () => (await options.running(admin, theirs)) === 1);
        const started = performance.now();
        expect(await canceller.cancel(url, tag)).toBe(1);
        const error = await taggedRun;
        // Far below the 30 s the statement would sleep: the server interrupted it.
        expect(performance.now() - started).toBeLessThan(20_000);
        expect(error).toBeInstanceOf(DatakitError);
        expect(error).toMatchObject({ code: 'QUERY' });
        expect(await options.running(admin, theirs)).toBe(1);
        await options.interrupt(admin, theirs);
        await otherRun;
        // The tagged session is still usable: only its statement was interrupted.
        expect((await tagged.query('select 1 as n')).rows).toEqual([{ n: 1 }]);
      } finally {
        await tagged.close();
        await other.close();
      }
    }, 60_000);

    it('terminate ends the tagged sessions, rolling their transactions back, and no other', async () => {
      const tag = unique('cancel-test');
      const tagged = await connect(canceller.tag(url, tag));
      const other = await connect(url);
      try {
        const ph = (i: number) => admin.dialect.adapter.placeholder(i);
        let terminated = 0;
        const taggedTx = outcome(
          tagged.transaction(async (tx) => {
            await tx.query(`insert into ${table} (id) values (${ph(1)})`, [1]);
            await other.transaction(async (otherTx) => {
              await otherTx.query(`insert into ${table} (id) values (${ph(1)})`, [2]);
              terminated = await canceller.terminate(url, tag);
              await otherTx.query(`insert into ${table} (id) values (${ph(1)})`, [3]);
            });
            await tx.query('select 1');
          }),
        );
        const error = await taggedTx;
        expect(terminated).toBeGreaterThanOrEqual(1);
        expect(error).toBeInstanceOf(DatakitError);
        expect(error).toMatchObject({ code: 'CONNECTION' });
        const { rows } = await admin.query<{ id: number }>(`select id from ${table} order by id`);
        expect(rows.map((r) => Number(r.id))).toEqual([2, 3]);
        expect(await canceller.terminate(url, tag)).toBe(0);
      } finally {
        await tagged.close().catch(() => {});
        await other.close();
      }
    }, 60_000);

    it('cancel and terminate of a tag with no sessions touch nothing and return 0', async () => {
      const tag = unique('cancel-test');
      expect(await canceller.cancel(url, tag)).toBe(0);
      expect(await canceller.terminate(url, tag)).toBe(0);
    });

    it("an aborted task attempt has its source's running statement cancelled", async () => {
      const controller = new AbortController();
      const attempt = new AttemptConnections(
        { warehouse: 'pglite://memory', sources: { crm: url } },
        controller.signal,
        unique('cancel-test'),
      );
      const marker = unique('dk_attempt');
      const source = attempt.connections.sources.crm as Connection;
      const running = outcome(source.query(options.sleep(marker)));
      await until(async () => (await options.running(admin, marker)) === 1);
      const started = performance.now();
      controller.abort(new Error('timed out'));
      await attempt.cancel(10_000);
      expect(await running).toMatchObject({ code: 'QUERY' });
      expect(performance.now() - started).toBeLessThan(20_000);
      expect(await options.running(admin, marker)).toBe(0);
      await attempt.close();
    }, 60_000);
  });
}
