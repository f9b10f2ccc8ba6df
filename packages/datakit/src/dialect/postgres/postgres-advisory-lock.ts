import { DatakitError, type DatakitErrorCode } from '../../errors/datakit-error.js';
import { formatDuration } from '../../format/format-duration.js';
import type { Connection } from '../connection.js';

/**
 * A session holding (or last seen holding) an advisory lock.
 *
 * @example
 * ```ts
 * const holder: LockHolder = { pid: 4242, applicationName: 'datakit load 0b6f…', client: '10.0.0.7', since: new Date() };
 * ```
 */
export interface LockHolder {
  pid: number;
  applicationName: string;
  client: string | null;
  since: Date | null;
}

/**
 * What to lock and how long to wait. @internal
 *
 * @example
 * ```ts
 * const lock: AdvisoryLock = { scope: 'datakit.load', key: 'bronze.customer', timeoutMs: 300_000, code: 'TRANSFER', what: 'the load of bronze.customer' };
 * ```
 */
export interface AdvisoryLock {
  /** The kind of work the lock serialises (`datakit.load`, `datakit.deploy`). */
  scope: string;
  /** What it is taken on (a table name, a warehouse). */
  key: string;
  /** The longest wait before giving up (milliseconds); 0 waits forever. */
  timeoutMs: number;
  /** The error code when the wait times out. */
  code: DatakitErrorCode;
  /** Names the locked work in messages: `the load of bronze.customer`. */
  what: string;
  /** Describes a holder beyond its session (e.g. the load it runs); called only on a timeout. */
  describeHolder?: (holder: LockHolder) => Promise<string | undefined>;
  /** The option that sets `timeoutMs`, named in the hint. */
  option: string;
}

const LOCK_TIMEOUT = '55P03';
const unsigned = (param: string) => `((hashtext(${param})::bigint + 4294967296) % 4294967296)`;

/**
 * Finds the session holding the advisory lock of `scope`/`key` in this database, if any.
 *
 * @example
 * ```ts
 * const holder = await findLockHolder(conn, 'datakit.load', 'bronze.customer');
 * ```
 * @internal
 */
export async function findLockHolder(
  conn: Connection,
  scope: string,
  key: string,
): Promise<LockHolder | undefined> {
  const { rows } = await conn.query<{
    pid: number;
    application_name: string | null;
    client: string | null;
    since: Date | string | null;
  }>(
    `select a.pid, a.application_name, host(a.client_addr) as client, a.xact_start as since
       from pg_locks l join pg_stat_activity a on a.pid = l.pid
      where l.locktype = 'advisory' and l.granted and l.objsubid = 2
        and l.database = (select oid from pg_database where datname = current_database())
        and l.classid::text::bigint = ${unsigned('$1::text')} and l.objid::text::bigint = ${unsigned('$2::text')}
        and l.pid <> pg_backend_pid()
      limit 1`,
    [scope, key],
  );
  const row = rows[0];
  if (!row) return undefined;
  return {
    pid: Number(row.pid),
    applicationName: row.application_name ?? '',
    client: row.client,
    since: row.since === null ? null : new Date(row.since),
  };
}

function describeSession(holder: LockHolder): string {
  const parts = [`pid ${holder.pid}`];
  if (holder.applicationName) parts.push(`application "${holder.applicationName}"`);
  if (holder.client) parts.push(`client ${holder.client}`);
  if (holder.since) parts.push(`since ${holder.since.toISOString()}`);
  return parts.join(', ');
}

/**
 * Takes a transaction-scoped advisory lock (PostgreSQL, PGlite) on `scope`/`key`, waiting at most
 * `timeoutMs`; released when the transaction ends, or when its session dies with its process. A
 * wait that times out leaves the transaction usable and throws a `DatakitError` naming the
 * holder (pid, application name, client, and what `describeHolder` adds).
 *
 * @example
 * ```ts
 * await tx.transaction(async (tx) => {
 *   await advisoryXactLock(tx, { scope: 'datakit.deploy', key: 'warehouse', timeoutMs: 300_000, code: 'DEPLOY', what: 'a deploy of this warehouse', option: 'lockTimeout' });
 *   // ... work no other deploy runs at the same time
 * });
 * ```
 * @internal
 */
export async function advisoryXactLock(tx: Connection, lock: AdvisoryLock): Promise<void> {
  if (!Number.isFinite(lock.timeoutMs) || lock.timeoutMs < 0) {
    throw new DatakitError(
      'CONFIG',
      `${lock.option} must be a number of milliseconds (0 waits forever), got ${String(lock.timeoutMs)}`,
      {
        hint: `Use e.g. ${lock.option}: 300000 (5 minutes).`,
      },
    );
  }
  const keys = [lock.scope, lock.key];
  const take = `select pg_advisory_xact_lock(hashtext($1::text), hashtext($2::text))`;
  const { rows } = await tx.query<{ got: boolean }>(
    'select pg_try_advisory_xact_lock(hashtext($1::text), hashtext($2::text)) as got',
    keys,
  );
  if (rows[0]?.got) return;
  try {
    // A savepoint, so a timed-out wait leaves the transaction usable for naming the holder.
    await tx.transaction(async (sp) => {
      const { rows: saved } = await sp.query<{ v: string }>(`select current_setting('lock_timeout') as v`);
      await sp.query(`select set_config('lock_timeout', $1, true)`, [
        `${Math.max(0, Math.round(lock.timeoutMs))}ms`,
      ]);
      await sp.query(take, keys);
      await sp.query(`select set_config('lock_timeout', $1, true)`, [saved[0]?.v ?? '0']);
    });
  } catch (err) {
    if ((err as DatakitError).context?.driverCode !== LOCK_TIMEOUT) throw err;
    const holder = await findLockHolder(tx, lock.scope, lock.key).catch(() => undefined);
    const extra =
      holder && lock.describeHolder ? await lock.describeHolder(holder).catch(() => undefined) : undefined;
    const who = holder
      ? `${extra ? `${extra}, ` : ''}${describeSession(holder)}`
      : 'a session that has since ended';
    throw new DatakitError(
      lock.code,
      `Gave up after waiting ${formatDuration(lock.timeoutMs)} for ${lock.what}: it is held by ${who}`,
      {
        hint:
          `Only one runs at a time. Wait for it to finish, or raise ${lock.option} (milliseconds) to wait ` +
          'longer; a holder whose process died releases the lock as soon as the server notices.',
        context: { key: lock.key, ...(holder ? { detail: describeSession(holder) } : {}) },
        cause: err,
      },
    );
  }
}
