import type { Connection } from '../../dialect/connection.js';
import { DatakitError } from '../../errors/datakit-error.js';
import type { StoreSchema } from '../store-schema.js';
import type { LoadKey } from './load-key.js';

interface CursorRow {
  source_system: string;
  source_table: string;
  target_table: string;
  cursor_column: string;
  value: string | null;
}

/**
 * The saved value of a transfer's incremental cursor, or undefined before its first load. A
 * cursor saved for another source (system or table), target or cursor column is refused: its
 * value says nothing about this source, and using it would skip rows silently. @internal
 *
 * @example
 * ```ts
 * const last = await readCursor(warehouse, key, 'updated_at', store); // undefined on the first load
 * ```
 */
export async function readCursor(
  conn: Connection,
  key: LoadKey,
  column: string,
  store: StoreSchema,
): Promise<string | null | undefined> {
  const { rows } = await conn.query<CursorRow>(
    `select "source_system", "source_table", "target_table", "cursor_column", "value" from ${store.cursors}
     where "warehouse" = $1 and "environment" = $2 and "transfer" = $3`,
    [key.warehouse, key.environment, key.transfer],
  );
  const saved = rows[0];
  if (!saved) return undefined;
  const differs = (
    [
      [
        'source table',
        `${saved.source_system}.${saved.source_table}`,
        `${key.sourceSystem}.${key.sourceTable}`,
      ],
      ['target table', saved.target_table, key.targetTable],
      ['cursor column', saved.cursor_column, column],
    ] as const
  ).find(([, was, now]) => was !== now);
  if (differs) {
    const [what, was, now] = differs;
    throw new DatakitError(
      'TRANSFER',
      `The cursor of transfer "${key.transfer}" (warehouse "${key.warehouse}", environment "${key.environment}") was saved for ${what} ${was}, but this load uses ${now}; its value would skip rows`,
      {
        hint: 'If the change is intended, run the transfer once with resetCursor: true (CLI: --reset-cursor) to read the whole source again.',
        context: { table: key.sourceTable, column },
      },
    );
  }
  return saved.value;
}
