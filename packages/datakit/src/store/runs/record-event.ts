import type { Connection } from '../../dialect/connection.js';
import type { StoreSchema } from '../store-schema.js';

/**
 * One entry of a run's event log.
 *
 * @example
 * ```ts
 * const e: RunEventInput = { runId: '42', task: 'customer', attempt: 1, kind: 'log', level: 'info', message: 'done' };
 * ```
 */
export interface RunEventInput {
  runId: string;
  task?: string;
  attempt?: number;
  kind: string;
  level: 'info' | 'warn' | 'error';
  message: string;
  data?: Record<string, unknown>;
}

/**
 * Appends an event (e.g. a task's log line) to the store's `events`.
 *
 * @example
 * ```ts
 * await recordEvent(warehouse, { runId, task: 'customer', attempt: 1, kind: 'log', level: 'info', message: 'hello' }, store);
 * ```
 */
export async function recordEvent(conn: Connection, event: RunEventInput, store: StoreSchema): Promise<void> {
  await conn.query(
    `insert into ${store.events} ("run_id", "task", "attempt", "kind", "level", "message", "data") values ($1, $2, $3, $4, $5, $6, $7)`,
    [
      event.runId,
      event.task ?? null,
      event.attempt ?? null,
      event.kind,
      event.level,
      event.message,
      event.data ? JSON.stringify(event.data) : null,
    ],
  );
}
