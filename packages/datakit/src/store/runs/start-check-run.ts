import type { Connection } from '../../dialect/connection.js';
import type { StoreSchema } from '../store-schema.js';

/**
 * Records the start of a check run and returns its id.
 *
 * @example
 * ```ts
 * const id = await startCheckRun(warehouse, { warehouse: 'main', environment: 'dev', pipelines: ['nightly'], owner: 'host:123' }, store);
 * ```
 */
export async function startCheckRun(
  conn: Connection,
  run: { warehouse: string; environment: string; pipelines: readonly string[]; owner?: string },
  store: StoreSchema,
): Promise<string> {
  const { rows } = await conn.query<{ id: unknown }>(
    `insert into ${store.checkRuns} ("warehouse", "environment", "pipelines", "owner")
     values ($1, $2, $3::jsonb, $4) returning "id"`,
    [run.warehouse, run.environment, JSON.stringify(run.pipelines), run.owner ?? null],
  );
  return String(rows[0]?.id);
}
