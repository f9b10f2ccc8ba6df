import type { Connection } from '../../dialect/connection.js';
import type { StoreSchema } from '../store-schema.js';
import type { LoadKey } from './load-key.js';

/**
 * Saves a cursor value; called inside the load's transaction. @internal
 *
 * @example
 * ```ts
 * await saveCursor(tx, key, { column: 'updated_at', value: '2024-05-01 10:00:00+00', loadId }, store);
 * ```
 */
export async function saveCursor(
  conn: Connection,
  key: LoadKey,
  cursor: { column: string; value: string | null; loadId: string },
  store: StoreSchema,
): Promise<void> {
  await conn.query(
    `insert into ${store.cursors} ("warehouse", "environment", "transfer", "source_system", "source_table",
       "target_table", "cursor_column", "value", "load_id", "updated_at")
     values ($1, $2, $3, $4, $5, $6, $7, $8, $9, now())
     on conflict ("warehouse", "environment", "transfer") do update set "source_system" = excluded."source_system",
       "source_table" = excluded."source_table", "target_table" = excluded."target_table",
       "cursor_column" = excluded."cursor_column", "value" = excluded."value", "load_id" = excluded."load_id",
       "updated_at" = excluded."updated_at"`,
    [
      key.warehouse,
      key.environment,
      key.transfer,
      key.sourceSystem,
      key.sourceTable,
      key.targetTable,
      cursor.column,
      cursor.value,
      cursor.loadId,
    ],
  );
}
