import type { Connection } from '../../dialect/connection.js';
import type { StoreSchema } from '../store-schema.js';

/**
 * The names of the transfers and tasks that recorded a load in a warehouse's environment, sorted
 * (for "did you mean" hints).
 *
 * @example
 * ```ts
 * await listLoadNames(conn, { warehouse: 'shop', environment: 'dev' }, store); // ['customer', 'silver.customer']
 * ```
 */
export async function listLoadNames(
  conn: Connection,
  scope: { warehouse: string; environment: string },
  store: StoreSchema,
): Promise<string[]> {
  const { rows } = await conn.query<{ name: string }>(
    `select "transfer" as "name" from ${store.loads} where "warehouse" = $1 and "environment" = $2
     union
     select t."task" from ${store.taskRuns} t join ${store.runs} r on r."id" = t."run_id"
     where r."warehouse" = $1 and r."environment" = $2 and t."load_id" is not null
     order by 1`,
    [scope.warehouse, scope.environment],
  );
  return rows.map((r) => r.name);
}
