import { randomBytes } from 'node:crypto';
import type { WriteDisposition } from '../contract/define-datakit.js';
import type { Connection } from '../dialect/connection.js';
import { DatakitError } from '../errors/datakit-error.js';

/**
 * A table as SQL names. @internal
 *
 * @example
 * ```ts
 * const target: SqlTable = { schema: 'bronze', name: 'customer' };
 * ```
 */
export interface SqlTable {
  schema?: string;
  name: string;
}

/**
 * What applying a disposition did, beyond the rows written. @internal
 *
 * @example
 * ```ts
 * const stats: DispositionStats = { inserted: 5, updated: 3, unchanged: 247, closed: 0 };
 * ```
 */
export interface DispositionStats {
  inserted: number;
  updated: number;
  unchanged: number;
  closed: number;
}

/**
 * Column roles for merge and history SQL (SQL names). @internal
 *
 * @example
 * ```ts
 * const columns: DispositionColumns = { written: ['id', 'name', '_load_id'], key: ['id'], lineage: ['_load_id'], castForCompare: new Map() };
 * ```
 */
export interface DispositionColumns {
  /** Every column written to the stage, in order. */
  written: readonly string[];
  key: readonly string[];
  /** Lineage columns: updated with the row, never compared. */
  lineage: readonly string[];
  /** Columns compared as jsonb/text because their type has no equality operator (json). */
  castForCompare: ReadonlyMap<string, string>;
}

/**
 * Prepares the target inside the load transaction and says where rows go: the target itself
 * (append; replace after TRUNCATE; a merge into an empty table whose primary key is the merge key,
 * `keyIsPrimary`) or a temporary stage dropped at commit (merge, history).
 *
 * @example
 * ```ts
 * const into = await prepareTarget(tx, 'merge', { schema: 'bronze', name: 'customer' }); // a temp stage
 * ```
 * @internal
 */
export async function prepareTarget(
  tx: Connection,
  disposition: WriteDisposition,
  target: SqlTable,
  options: { keyIsPrimary?: boolean } = {},
): Promise<SqlTable> {
  const a = tx.dialect.adapter;
  if (disposition === 'append') return target;
  if (disposition === 'replace') {
    await tx.query(`truncate table ${a.quoteTable(target)}`);
    return target;
  }
  // A merge into an empty table inserts every row: COPY straight into it skips writing each row
  // twice (stage, then upsert). Its primary key refuses a repeated key as the upsert would.
  if (disposition === 'merge' && options.keyIsPrimary && (await emptyUnderLock(tx, target))) return target;
  const stage = { name: `datakit_stage_${randomBytes(6).toString('hex')}` };
  await tx.query(
    `create temporary table ${a.quoteTable(stage)} on commit drop as select * from ${a.quoteTable(target)} with no data`,
  );
  return stage;
}

/** Whether the table is empty, checked again under a lock that keeps other writers out until commit. */
async function emptyUnderLock(tx: Connection, target: SqlTable): Promise<boolean> {
  const t = tx.dialect.adapter.quoteTable(target);
  const empty = async () =>
    (await tx.query<{ empty: boolean }>(`select not exists (select 1 from ${t}) as "empty"`)).rows[0]
      ?.empty === true;
  if (!(await empty())) return false;
  await tx.query(`lock table ${t} in share row exclusive mode`);
  return empty();
}

/** Whether `prepareTarget` chose to write a merge straight into its target. */
function sameTable(a: SqlTable, b: SqlTable): boolean {
  return a.name === b.name && (a.schema ?? '') === (b.schema ?? '');
}

/**
 * The error of a merge written straight into its empty target (`into` is the target) when two rows
 * have one key: the primary key's unique violation, told as the staged merge tells it. Any other
 * error, or any error of a merge through a stage, is returned unchanged.
 *
 * @example
 * ```ts
 * await write(tx, options).catch((err) => { throw repeatedKeyError(err, target, into, ['customer_id']); });
 * ```
 * @internal
 */
export function repeatedKeyError(
  err: unknown,
  target: SqlTable,
  into: SqlTable,
  key: readonly string[],
): unknown {
  if (!sameTable(target, into) || !(err instanceof DatakitError) || err.context.driverCode !== '23505')
    return err;
  const m = /^Key \((.+)\)=\((.*)\) already exists\.?$/.exec(err.context.detail ?? '');
  const columns = m?.[1]?.split(', ') ?? [];
  // Another unique constraint keeps its own message, as it does through the stage.
  if (columns.length !== key.length || !key.every((k) => columns.includes(k))) return err;
  const values = m?.[2]?.split(', ') ?? [];
  const value =
    columns.length === values.length ? columns.map((c, i) => `${c}=${values[i]}`).join(', ') : m?.[2];
  return repeatedKey(target, 'more than one row', value, err);
}

function compareList(
  q: (n: string) => string,
  alias: string,
  columns: DispositionColumns,
  names: readonly string[],
): string {
  return names.map((n) => `${alias}.${q(n)}${columns.castForCompare.get(n) ?? ''}`).join(', ');
}

async function assertUniqueKeys(
  tx: Connection,
  stage: SqlTable,
  key: readonly string[],
  target: SqlTable,
): Promise<void> {
  const a = tx.dialect.adapter;
  const list = key.map((k) => a.quoteIdentifier(k)).join(', ');
  const { rows } = await tx.query<Record<string, unknown>>(
    `select ${list}, count(*)::int as "datakit_n" from ${a.quoteTable(stage)} group by ${list} having count(*) > 1 limit 1`,
  );
  const dup = rows[0];
  if (dup) {
    const value = key.map((k) => `${k}=${String(dup[k])}`).join(', ');
    throw repeatedKey(target, `${String(dup.datakit_n)} rows`, value);
  }
}

/** A load with `rows` (e.g. "3 rows") of one key `value`: the error of a merge or history. */
function repeatedKey(
  target: SqlTable,
  rows: string,
  value: string | undefined,
  cause?: unknown,
): DatakitError {
  return new DatakitError(
    'TRANSFER',
    `The load has ${rows} with the same key${value ? ` (${value})` : ''} for "${target.name}"`,
    {
      hint: 'Make the transform produce one row per key (the merge/history key is the target primary key unless `key` says otherwise).',
      context: { table: target.name, ...(value ? { key: value } : {}) },
      ...(cause === undefined ? {} : { cause }),
    },
  );
}

/**
 * Moves staged rows into the target. merge: `INSERT ... ON CONFLICT (key) DO UPDATE ... WHERE`
 * the row differs, so unchanged rows are not rewritten. history (SCD2 on `systime`): closes the
 * open version of changed keys (and, on a full extract, of keys missing from it) at `at`, then
 * opens `[at, infinity)` versions for changed, new and re-inserted keys.
 *
 * @example
 * ```ts
 * const stats = await finishTarget(tx, 'merge', target, into, columns, { at: new Date(), detectDeletes: false, staged: 255 });
 * ```
 * @internal
 */
export async function finishTarget(
  tx: Connection,
  disposition: WriteDisposition,
  target: SqlTable,
  stage: SqlTable,
  columns: DispositionColumns,
  options: { at: Date; detectDeletes: boolean; staged: number },
): Promise<DispositionStats> {
  const none: DispositionStats = { inserted: 0, updated: 0, unchanged: 0, closed: 0 };
  if (disposition === 'append' || disposition === 'replace') return none;
  const a = tx.dialect.adapter;
  const q = (n: string) => a.quoteIdentifier(n);
  const t = a.quoteTable(target);
  const s = a.quoteTable(stage);
  const keySet = new Set(columns.key);
  const lineage = new Set(columns.lineage);
  const compared = columns.written.filter((c) => !keySet.has(c) && !lineage.has(c));
  const list = columns.written.map(q).join(', ');
  if (disposition === 'merge' && sameTable(stage, target)) return { ...none, inserted: options.staged };
  await assertUniqueKeys(tx, stage, columns.key, target);
  if (disposition === 'merge') {
    const updates = columns.written.filter((c) => !keySet.has(c));
    // Only lineage besides the key (a link table): an existing key is unchanged, not rewritten.
    const action =
      compared.length === 0
        ? 'do nothing'
        : `do update set ${updates.map((c) => `${q(c)} = excluded.${q(c)}`).join(', ')}` +
          ` where (${compareList(q, 't', columns, compared)}) is distinct from (${compareList(q, 'excluded', columns, compared)})`;
    const { rows } = await tx.query<{ inserted: string | number; updated: string | number }>(
      `with upsert as (insert into ${t} as t (${list}) select ${list} from ${s}
         on conflict (${columns.key.map(q).join(', ')}) ${action} returning (xmax = 0) as inserted)
       select count(*) filter (where inserted) as inserted, count(*) filter (where not inserted) as updated from upsert`,
    );
    const inserted = Number(rows[0]?.inserted ?? 0);
    const updated = Number(rows[0]?.updated ?? 0);
    return { inserted, updated, unchanged: options.staged - inserted - updated, closed: 0 };
  }
  const at = a.placeholder(1);
  const joinKey = columns.key.map((k) => `t.${q(k)} = s.${q(k)}`).join(' and ');
  const open = `upper(t."systime") = 'infinity'`;
  const close = `"systime" = tstzrange(lower(t."systime"), ${at}::timestamptz, '[)')`;
  const differs =
    compared.length === 0
      ? 'false'
      : `(${compareList(q, 't', columns, compared)}) is distinct from (${compareList(q, 's', columns, compared)})`;
  const when = [options.at.toISOString()];
  const changed = await tx.query(
    `update ${t} as t set ${close} from ${s} as s where ${joinKey} and ${open} and ${differs}`,
    when,
  );
  const deleted = options.detectDeletes
    ? await tx.query(
        `update ${t} as t set ${close} where ${open} and not exists (select 1 from ${s} as s where ${joinKey})`,
        when,
      )
    : { rowCount: 0 };
  const opened = await tx.query(
    `insert into ${t} (${list}, "systime") select ${columns.written.map((c) => `s.${q(c)}`).join(', ')}, tstzrange(${at}::timestamptz, 'infinity', '[)')
     from ${s} as s where not exists (select 1 from ${t} as t where ${joinKey} and ${open})`,
    when,
  );
  return {
    inserted: opened.rowCount,
    updated: 0,
    unchanged: options.staged - opened.rowCount,
    closed: changed.rowCount + deleted.rowCount,
  };
}
