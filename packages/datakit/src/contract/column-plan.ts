import { type Column, getTableColumns, type Table } from 'drizzle-orm';
import { familyOfTable } from '../dialect/families.js';
import type { ValueRule } from '../values/value-rule.js';
import { valueRules } from '../values/value-rules.js';
import { fromDrizzle } from './from-drizzle.js';

/**
 * `select`: a row as Drizzle reads it (every column present). `insert`: a row to write (defaults may be absent).
 *
 * @example
 * ```ts
 * compileValidator(customer, { mode: 'insert' satisfies ValidationMode });
 * ```
 */
export type ValidationMode = 'select' | 'insert';

/**
 * What a validator checks for one column of a row.
 * @internal
 *
 * @example
 * ```ts
 * const plan: ColumnPlan = { key: 'email', name: 'email', absent: 'not-null', nullable: false, generated: false, rules: [] };
 * ```
 */
export interface ColumnPlan {
  /** The row's property key (Drizzle's TypeScript key). */
  key: string;
  /** The database column name. */
  name: string;
  /** What a missing (`undefined`) value means: fine, a NOT NULL violation, or an incomplete select row. */
  absent: 'ok' | 'not-null' | 'required';
  nullable: boolean;
  /** Insert mode, stored generated column: the database computes it, a value is an error. */
  generated: boolean;
  rules: ValueRule[];
}

/**
 * The table's name and a plan per column (in declaration order) for a validation mode.
 * @internal
 *
 * @example
 * ```ts
 * planColumns(customer, 'insert').plans.map((p) => p.absent); // ['ok', 'not-null', ...]
 * ```
 */
export function planColumns(
  table: Table,
  mode: ValidationMode,
  datakit?: string,
): { tableName: string; plans: ColumnPlan[] } {
  const family = familyOfTable(table);
  const schema = fromDrizzle(table, datakit ? { datakit } : {});
  const byName = new Map(schema.columns.map((c) => [c.name, c]));
  const plans = Object.entries(getTableColumns(table) as Record<string, Column>).map(([key, column]) => {
    const columnSchema = byName.get(column.name);
    if (!columnSchema)
      throw new Error(`Column "${column.name}" is missing from the schema of "${schema.name}"`);
    const generated =
      mode === 'insert' && column.generated !== undefined && column.generated.type !== 'byDefault';
    const optional =
      columnSchema.nullable ||
      column.hasDefault ||
      columnSchema.default !== undefined ||
      columnSchema.generated !== undefined;
    const plan: ColumnPlan = {
      key,
      name: column.name,
      absent: mode === 'select' ? 'required' : optional || generated ? 'ok' : 'not-null',
      nullable: columnSchema.nullable,
      generated,
      rules: valueRules(column, columnSchema.type, family.values, family.drizzle.arrayElement(column)),
    };
    return plan;
  });
  return { tableName: schema.name, plans };
}
