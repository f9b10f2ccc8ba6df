import type { Table } from 'drizzle-orm';
import { DatakitError } from '../errors/datakit-error.js';
import type { Random } from './random-stream.js';
import type { ForeignKeyPlan, TablePlan } from './table-plan.js';

type Row = Record<string, unknown>;

/** Picks the referenced row for each built row of one foreign key. @internal */
export interface ForeignKeyPicker {
  fk: ForeignKeyPlan;
  /** Referenced key values for the next row, or undefined when there is nothing to point at. */
  pick(random: Random): Row | undefined;
}

/**
 * Makes the picker for a foreign key from the referenced rows: uniformly at random, or without
 * repetition when the foreign key is also unique (one-to-one). Rows whose referenced key is null
 * are skipped.
 *
 * @internal
 * @example
 * ```ts
 * const picker = foreignKeyPicker(plan, fk, customers, random, 50);
 * picker.pick(random); // { customerId: 7 }
 * ```
 */
export function foreignKeyPicker(
  plan: TablePlan,
  fk: ForeignKeyPlan,
  parents: readonly object[],
  random: Random,
  count: number,
): ForeignKeyPicker {
  const usable: Row[] = [];
  for (const parent of parents as readonly Row[]) {
    const missing = fk.refKeys.find((k) => !(k in parent));
    if (missing !== undefined) {
      throw new DatakitError(
        'USAGE',
        `The rows given in refs.${fk.tableName} have no "${missing}", which "${plan.name}" references`,
        {
          hint: `Pass rows made by factory(${fk.tableName}).build(...) (buildInsert() leaves out database-generated keys).`,
          context: { table: plan.name, column: fk.keys.join(', ') },
        },
      );
    }
    if (fk.refKeys.every((k) => parent[k] !== null && parent[k] !== undefined)) {
      usable.push(Object.fromEntries(fk.keys.map((key, i) => [key, parent[fk.refKeys[i] as string]])));
    }
  }
  const oneToOne = plan.uniques.some((set) => set.every((k) => fk.keys.includes(k)));
  if (oneToOne && !fk.self) {
    if (usable.length < count && !fk.nullable) {
      throw new DatakitError(
        'USAGE',
        `"${plan.name}" has a one-to-one foreign key to "${fk.tableName}": ${count} rows need ${count} rows of "${fk.tableName}", got ${usable.length}`,
        {
          hint: `Build at least ${count} rows of "${fk.tableName}", or fewer rows of "${plan.name}".`,
          context: { table: plan.name, column: fk.keys.join(', ') },
        },
      );
    }
    const order = usable.map((_, i) => i);
    for (let i = order.length - 1; i > 0; i--) {
      const j = random.below(i + 1);
      [order[i], order[j]] = [order[j] as number, order[i] as number];
    }
    let next = 0;
    return { fk, pick: () => (next < order.length ? usable[order[next++] as number] : undefined) };
  }
  return { fk, pick: (r) => (usable.length === 0 ? undefined : usable[r.below(usable.length)]) };
}

/**
 * Refuses a cycle of required foreign keys that the factory cannot build without `refs`.
 *
 * @internal
 * @example
 * ```ts
 * assertNoCycle(plan, fk, [order.table]);
 * ```
 */
export function assertNoCycle(plan: TablePlan, fk: ForeignKeyPlan, stack: readonly Table[]): void {
  if (stack.includes(fk.table)) {
    throw new DatakitError(
      'USAGE',
      `"${plan.name}" and "${fk.tableName}" reference each other through required foreign keys`,
      {
        hint: `Build one of them first and pass its rows: build(n, { refs: { ${fk.tableName}: rows } }).`,
        context: { table: plan.name, column: fk.keys.join(', ') },
      },
    );
  }
}
