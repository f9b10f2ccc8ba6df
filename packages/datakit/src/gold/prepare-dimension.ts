import type { Connection, Dialect } from '../dialect/connection.js';
import { sourceParts } from '../sql-transform/in-layer.js';
import { type PlaceOptions, placeTable, toPlace } from '../sql-transform/resolve-table.js';
import { SqlWriter } from '../sql-transform/sql-writer.js';
import { writeType } from '../sql-transform/write-type.js';
import type { DimensionPlan } from './dimension-plan.js';

/**
 * The statements that make a deployed dimension table ready: the partial unique index that
 * forbids two current rows of one key, an index for lookups by key and time, one of the inferred
 * members waiting for their key, and the unknown
 * member (surrogate key -1), inserted once. Idempotent.
 *
 * @example
 * ```ts
 * for (const s of dimensionDdl(plan, conn.dialect)) await conn.query(s.sql, s.params);
 * ```
 * @internal
 */
export function dimensionDdl(
  plan: DimensionPlan,
  dialect: Dialect,
  options: PlaceOptions = {},
): { sql: string; params: unknown[] }[] {
  const w = new SqlWriter(dialect.adapter, options.place);
  const parts = sourceParts(plan.base.target);
  const target = placeTable(toPlace(parts.table, parts.layer), options.place);
  const ddl = dialect.createDdlCompiler();
  const keys = plan.businessKey;
  const index = (suffix: string, columns: readonly string[], unique: boolean, where?: string) => ({
    sql: ddl.createIndex(target, { name: `${target.name}_${suffix}`, columns, unique }, where),
    params: [],
  });
  const statements: { sql: string; params: unknown[] }[] = [
    index('current_key', keys, true, w.q('is_current')),
    index('key_valid_from', [...keys, 'valid_from'], false),
    index('inferred', keys, false, w.q('is_inferred')),
  ];
  if (plan.unknownMember) {
    const cast = writeType(ddl, target);
    const entries = Object.entries(plan.unknownMember);
    const values = entries.map(([name, value]) => {
      const column = plan.base.targetSchema.columns.find((c) => c.name === name);
      return column ? `cast(${w.param(value)} as ${cast(column)})` : w.param(value);
    });
    const quote = dialect.adapter.quoteString;
    const sql = ddl.insertKeyedRow(target, {
      key: plan.surrogateKey,
      columns: [
        plan.surrogateKey,
        ...entries.map(([n]) => n),
        'valid_from',
        'valid_to',
        'is_current',
        'is_deleted',
        'is_inferred',
      ],
      values: ['-1', ...values, quote('-infinity'), quote('infinity'), 'true', 'false', 'false'],
    });
    statements.push({ sql, params: w.params });
  }
  return statements;
}

/**
 * Applies {@link dimensionDdl} in one transaction.
 *
 * @example
 * ```ts
 * await prepareDimension(conn, plan);
 * ```
 * @internal
 */
export async function prepareDimension(
  conn: Connection,
  plan: DimensionPlan,
  options: PlaceOptions = {},
): Promise<void> {
  await conn.transaction(async (tx) => {
    for (const s of dimensionDdl(plan, conn.dialect, options)) await tx.query(s.sql, s.params);
  });
}
