import type { Connection } from '../dialect/connection.js';
import type { Dialect } from '../dialect/dialect.js';
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
  const d = dialect.adapter.quoteTable(target);
  const keys = plan.businessKey.map((k) => w.q(k)).join(', ');
  const statements: { sql: string; params: unknown[] }[] = [
    {
      sql: `create unique index if not exists ${w.q(`${target.name}_current_key`)} on ${d} (${keys}) where "is_current"`,
      params: [],
    },
    {
      sql: `create index if not exists ${w.q(`${target.name}_key_valid_from`)} on ${d} (${keys}, "valid_from")`,
      params: [],
    },
    {
      sql: `create index if not exists ${w.q(`${target.name}_inferred`)} on ${d} (${keys}) where "is_inferred"`,
      params: [],
    },
  ];
  if (plan.unknownMember) {
    const cast = writeType(dialect.createDdlCompiler(), target);
    const entries = Object.entries(plan.unknownMember);
    const values = entries.map(([name, value]) => {
      const column = plan.base.targetSchema.columns.find((c) => c.name === name);
      return column ? `cast(${w.param(value)} as ${cast(column)})` : w.param(value);
    });
    statements.push({
      sql: `insert into ${d} (${w.q(plan.surrogateKey)}, ${entries.map(([n]) => w.q(n)).join(', ')}, "valid_from", "valid_to", "is_current", "is_deleted", "is_inferred")
        overriding system value values (-1, ${values.join(', ')}, '-infinity', 'infinity', true, false, false)
        on conflict (${w.q(plan.surrogateKey)}) do nothing`,
      params: w.params,
    });
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
