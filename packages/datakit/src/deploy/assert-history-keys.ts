import type { WarehouseConfig } from '../config/define-config.js';
import { DatakitError } from '../errors/datakit-error.js';
import type { PlacedLayerTable } from '../warehouse/placed-table.js';

/**
 * Refuses to deploy a table written with the `history` disposition (by its datakit's
 * `writeDisposition` or by a transfer's `disposition`) whose primary key lacks `systime`, or that
 * has no `systime` column: every version of a row shares the business key, so the first change
 * would fail with a duplicate key. A table without a primary key is accepted (the history key
 * then comes from the transfer's `key`).
 *
 * @example
 * ```ts
 * assertHistoryKeys(warehouse, planWarehouse({ warehouse }).tables); // throws DatakitError('DEPLOY') naming the table
 * ```
 */
export function assertHistoryKeys(warehouse: WarehouseConfig, desired: readonly PlacedLayerTable[]): void {
  const transferTargets = new Set(
    Object.values(warehouse.transfers ?? {})
      .filter((t) => t.disposition === 'history')
      .map((t) => t.target),
  );
  const problems = desired.flatMap((entry) => {
    const history =
      entry.datakit.optionsOf(entry.key).writeDisposition === 'history' || transferTargets.has(entry.drizzle);
    if (!history) return [];
    const table = entry.contract;
    const name = table.schema === undefined ? `"${table.name}"` : `"${table.schema}"."${table.name}"`;
    if (!table.columns.some((c) => c.name === 'systime')) {
      return [{ entry, text: `${name} has no "systime" column` }];
    }
    const key = table.primaryKey?.columns;
    if (key && !key.includes('systime')) {
      return [{ entry, text: `${name} has primary key (${key.join(', ')}) without "systime"` }];
    }
    return [];
  });
  const first = problems[0];
  if (!first) return;
  const table = first.entry.contract;
  const keyColumns = [...(table.primaryKey?.columns ?? []), 'systime'].map((c) => `t.${c}`).join(', ');
  throw new DatakitError(
    'DEPLOY',
    `${problems.length} history table${problems.length === 1 ? '' : 's'} cannot keep versions: ` +
      `${problems.map((p) => p.text).join('; ')}. Each change of a row adds a version with the same business key, ` +
      'so the first change would fail with a duplicate key. Nothing was deployed.',
    {
      hint:
        `Spread an audit mixin with systime (transactional(), reference() or temporal()) into "${table.name}" and make ` +
        `systime part of its primary key: (t) => [primaryKey({ columns: [${keyColumns}] })]; or write it with merge instead of history.`,
      context: {
        datakit: first.entry.datakit.name,
        table: table.name,
        ...(table.schema === undefined ? {} : { schema: table.schema }),
      },
    },
  );
}
