import { afterAll, afterEach, beforeAll, expect, it } from 'vitest';
import { connect } from '../../src/dialect/connect.js';
import type { Connection } from '../../src/dialect/connection.js';
import { DatakitError } from '../../src/errors/datakit-error.js';
import {
  createTestDatabase,
  describeServer,
  type ServerKind,
  type TestDatabase,
} from '../support/servers.js';
import { type FreezingProxy, startFreezingProxy } from './freezing-proxy.js';

const SLEEP: Record<ServerKind, (seconds: number) => string> = {
  postgres: (s) => `select 1 as n, pg_sleep(${s})`,
  mysql: (s) => `select 1 as n, sleep(${s})`,
};

for (const kind of ['postgres', 'mysql'] as const) {
  await describeServer(kind, 'a server that stops answering', () => {
    let db: TestDatabase;
    let proxy: FreezingProxy | undefined;
    let conn: Connection | undefined;
    beforeAll(async () => {
      db = await createTestDatabase(kind, 'unresponsive');
    });
    afterEach(async () => {
      // The proxy first: closing a pool over a frozen link would wait for goodbyes that never come.
      await proxy?.close();
      await conn?.close().catch(() => {});
      proxy = undefined;
      conn = undefined;
    });
    afterAll(async () => {
      await db?.drop();
    });

    it('a statement waiting on a silent server fails with a CONNECTION error naming it, soon after unresponsive_timeout', async () => {
      proxy = await startFreezingProxy(db.url);
      conn = await connect(proxy.url(db.url, { unresponsive_timeout: '2' }));
      expect((await conn.query('select 1 as n')).rows).toHaveLength(1);
      proxy.freeze();
      const started = performance.now();
      const error = await conn.query(SLEEP[kind](0)).then(
        () => undefined,
        (err: unknown) => err,
      );
      // TCP keepalive would take ~11 minutes here, and a proxy answers its probes: never.
      expect(performance.now() - started).toBeLessThan(20_000);
      expect(error).toBeInstanceOf(DatakitError);
      const lost = error as DatakitError;
      expect(lost.code).toBe('CONNECTION');
      expect(lost.message).toContain(`127.0.0.1:${proxy.port}`);
      expect(lost.message).toMatch(/sent nothing for [\d.]+ s while a statement waited/);
      expect(lost.context).toMatchObject({ host: '127.0.0.1', port: proxy.port });
      expect(lost.hint).toMatch(/stopped answering/);
      expect(lost.hint).toMatch(/run it again/);
      expect(lost.hint).toMatch(/unresponsive_timeout/);
      expect((lost.cause as { code?: string }).code).toBe('DATAKIT_UNRESPONSIVE');
    }, 60_000);

    it('a long statement on a server that still answers runs to its end (the check probes, it does not kill)', async () => {
      proxy = await startFreezingProxy(db.url);
      conn = await connect(proxy.url(db.url, { unresponsive_timeout: '2' }));
      const before = proxy.accepted;
      const { rows } = await conn.query<{ n: number }>(SLEEP[kind](5));
      expect(rows.map((r) => Number(r.n))).toEqual([1]);
      // The statement was silent past the timeout: the watchdog did look, through new connections.
      expect(proxy.accepted).toBeGreaterThan(before);
    }, 60_000);

    it('a long statement with unresponsive_timeout=0 is never probed', async () => {
      proxy = await startFreezingProxy(db.url);
      conn = await connect(proxy.url(db.url, { unresponsive_timeout: '0' }));
      const before = proxy.accepted;
      await conn.query(SLEEP[kind](2));
      expect(proxy.accepted).toBe(before);
    }, 60_000);

    it('an unresponsive_timeout that is not a number of seconds is a CONFIG error naming it', async () => {
      const bad = new URL(db.url);
      bad.searchParams.set('unresponsive_timeout', 'soon');
      await expect(connect(bad.toString())).rejects.toMatchObject({
        code: 'CONFIG',
        message: expect.stringContaining('unresponsive_timeout=soon'),
      });
    });
  });
}
