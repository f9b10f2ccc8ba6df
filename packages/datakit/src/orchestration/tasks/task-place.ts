import { DatakitError } from '../../errors/datakit-error.js';
import type { PlaceTable, TableToPlace } from '../../sql-transform/resolve-table.js';
import type { PlacedTable } from '../../warehouse/placed-table.js';
import type { WarehousePlan } from '../../warehouse/plan-warehouse.js';

/**
 * How a SQL transform, a dimension or a check of a task places its tables in a run: each by the
 * warehouse plan, so they address the same tables the pipeline's edges were derived from (a
 * per-system layer schema places each system's table in its own schema). A table named without
 * a Drizzle table the plan knows (an `alias()`, a foreign key's parent, a lineage entry) is
 * looked up by layer and name, among the task's own tables first.
 *
 * @example
 * ```ts
 * await transform.run(conn, { place: taskPlace(scope.plan, [...reads, ...writes]), at: ctx.logicalTime });
 * ```
 */
export function taskPlace(plan: WarehousePlan, own: readonly PlacedTable[]): PlaceTable {
  return (ref) => {
    const placed =
      ref.table && plan.placements(ref.table).length > 0
        ? plan.place(ref.table, ref.layer)
        : (byName(own, ref) ?? byName(plan.tables, ref));
    if (placed === undefined) {
      if (ref.layer === undefined)
        return ref.schema === undefined ? { name: ref.name } : { schema: ref.schema, name: ref.name };
      throw new DatakitError('CONFIG', `No table "${ref.name}" in layer ${ref.layer} of the warehouse`, {
        hint: `Add the datakit that defines "${ref.name}" to layers.${ref.layer}.datakits.`,
        context: { table: ref.name },
      });
    }
    if (placed.layer === 'source') {
      throw new DatakitError(
        'CONFIG',
        `Table "${ref.name}" is a table of source system ${placed.system}, not of the warehouse`,
        {
          hint: "Read it from a layer: inLayer(table, 'bronze'), after a transfer loads it there.",
          context: { table: ref.name },
        },
      );
    }
    return { schema: placed.schema, name: placed.name };
  };
}

/** The one table of `tables` with the layer and name of `ref` (an alias, a foreign key's parent). */
function byName(tables: readonly PlacedTable[], ref: TableToPlace): PlacedTable | undefined {
  if (ref.layer === undefined) return undefined;
  const found = tables.filter((t) => t.layer === ref.layer && t.name === ref.name);
  if (found.length > 1) {
    throw new DatakitError(
      'CONFIG',
      `Table "${ref.name}" of layer ${ref.layer} is ambiguous: ${found.map((t) => t.id).join(' and ')}`,
      {
        hint: 'Name the Drizzle table itself (not an alias) so the warehouse plan can tell them apart.',
        context: { table: ref.name },
      },
    );
  }
  return found[0];
}
