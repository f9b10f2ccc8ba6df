/**
 * A value of the run, filled in when the transform runs: its logical time (`at`) or its load id.
 * Put it in a `sql` template like any value; it becomes a parameter.
 *
 * @example
 * ```ts
 * where: sql`${order.ordered_at} < ${logicalTime}`,
 * ```
 */
export class RunValue {
  readonly key: 'at' | 'loadId';
  constructor(key: 'at' | 'loadId') {
    this.key = key;
  }
}

/**
 * The run's logical time (a schedule tick or backfill date, not the wall clock), so incremental
 * windows are the same on a re-run.
 *
 * @example
 * ```ts
 * where: sql`${order.ordered_at} >= ${logicalTime} - interval '1 day'`,
 * ```
 */
export const logicalTime: RunValue = new RunValue('at');

/**
 * The id of the run's load (also written to the rejects table and `_load_id` lineage columns).
 *
 * @example
 * ```ts
 * select: { _load_id: sql<string>`${runLoadId}::uuid` }
 * ```
 */
export const runLoadId: RunValue = new RunValue('loadId');
