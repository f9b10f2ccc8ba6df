import { fromDrizzle } from '../contract/from-drizzle.js';
import { sourceParts, type TableSource } from '../sql-transform/in-layer.js';
import { acceptedValuesCheck } from './accepted-values-check.js';
import { notNullCheck } from './not-null-check.js';
import type { CheckKind, QualityCheck, Severity } from './quality-check.js';
import { relationshipCheck } from './relationship-check.js';
import { uniqueCheck } from './unique-check.js';

/**
 * Options of the generated checks: their severity (default `error`) and kinds to leave out.
 *
 * @example
 * ```ts
 * const o: ContractCheckOptions = { severity: 'warn', exclude: ['enum'] };
 * ```
 */
export interface ContractCheckOptions {
  severity?: Severity;
  exclude?: readonly Extract<CheckKind, 'not-null' | 'unique' | 'relationship' | 'enum'>[];
}

/**
 * The checks a contract implies for a table in a layer: NOT NULL columns, the primary key and
 * every unique constraint or unique index, every foreign key (parent in the same layer), and
 * enum values. Useful where the layer does not enforce them (bronze), and as proof where it does.
 *
 * @example
 * ```ts
 * const checks = contractChecks(inLayer(order, 'silver'));
 * checks.map((c) => c.name); // ['not-null(silver.order.id)', ..., 'relationship(silver.order.customer_id -> silver.customer.id)']
 * ```
 */
export function contractChecks(source: TableSource, options: ContractCheckOptions = {}): QualityCheck[] {
  const { table, layer } = sourceParts(source);
  const schema = fromDrizzle(table);
  const exclude = new Set(options.exclude ?? []);
  const base = options.severity === undefined ? {} : { severity: options.severity };
  const checks: QualityCheck[] = [];
  if (!exclude.has('not-null')) {
    for (const column of schema.columns) {
      if (!column.nullable && !column.generated)
        checks.push(notNullCheck(source, column.name as never, base));
    }
  }
  if (!exclude.has('unique')) {
    const keys = [
      ...(schema.primaryKey ? [schema.primaryKey.columns] : []),
      ...schema.uniques.map((u) => u.columns),
      ...schema.indexes.filter((i) => i.unique).map((i) => i.columns),
    ];
    const seen = new Set<string>();
    for (const key of keys) {
      if (seen.has(key.join())) continue;
      seen.add(key.join());
      checks.push(uniqueCheck(source, key as never[], base));
    }
  }
  if (!exclude.has('relationship')) {
    for (const fk of schema.foreignKeys) {
      const parent = {
        name: fk.references.table,
        ...(layer === undefined ? {} : { layer }),
        ...(layer === undefined && fk.references.schema !== undefined
          ? { schema: fk.references.schema }
          : {}),
      };
      checks.push(
        relationshipCheck(source, fk.columns as never[], parent, fk.references.columns as never[], base),
      );
    }
  }
  if (!exclude.has('enum')) {
    for (const column of schema.columns) {
      if (column.type.kind === 'enum' && column.type.enumValues) {
        checks.push(
          acceptedValuesCheck(source, column.name as never, column.type.enumValues, {
            ...base,
            kind: 'enum',
          }),
        );
      }
    }
  }
  return checks;
}
