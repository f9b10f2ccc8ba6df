import type { Connection } from '../../dialect/connection.js';
import { DEFAULT_STORE_SCHEMA, type StoreSchema } from '../store-schema.js';

/**
 * Rejected rows of some loads that share a reason, as the run store holds them (its `rejects` table).
 *
 * @example
 * ```ts
 * const group: RejectCount = { target: 'silver.order', rule: 'foreign-key:customer', stage: 'constraint',
 *   message: 'silver.order: no customer row has id equal to this customer_id (key id=997)', rows: 12 };
 * ```
 */
export interface RejectCount {
  target: string;
  rule: string;
  stage: string;
  /** The reason; when counted by rule, the first row's (an example of the rule's reasons). */
  message: string;
  rows: number;
}

/**
 * How many rows the loads `loadIds` rejected, per target table and reason, in the order the
 * first of each was rejected. `by: 'message'` counts each distinct message (a transfer's reasons
 * are worded per rule and value); `by: 'rule'` counts each rule and stage, with the first row's
 * message as the example (a SQL transform's reasons name each row's key).
 *
 * @example
 * ```ts
 * for (const r of await countRejects(conn, [loadId], 'rule')) console.log(`${r.target}: ${r.rows} × ${r.rule}, e.g. ${r.message}`);
 * ```
 */
export async function countRejects(
  conn: Connection,
  loadIds: readonly string[],
  by: 'message' | 'rule',
  store: StoreSchema = DEFAULT_STORE_SCHEMA,
): Promise<RejectCount[]> {
  if (loadIds.length === 0) return [];
  const message = by === 'message' ? '"message"' : '(array_agg("message" order by "id"))[1]';
  const group = by === 'message' ? '"target_table", "message"' : '"target_table", "rule", "stage"';
  const { rows } = await conn.query<RejectCount>(
    `select "target_table" as "target", min("rule") as "rule", min("stage") as "stage", ${message} as "message",
            count(*)::integer as "rows"
     from ${store.rejects} where "load_id"::text = any($1::text[])
     group by ${group} order by min("id")`,
    [loadIds],
  );
  return rows;
}
