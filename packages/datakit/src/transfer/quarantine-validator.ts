import { type Column, getTableColumns, type Table } from 'drizzle-orm';
import { type ColumnPlan, planColumns } from '../contract/column-plan.js';
import type { RowValidator } from '../contract/compile-validator.js';
import { createExplainer } from '../contract/explain-row.js';
import { fromDrizzle } from '../contract/from-drizzle.js';
import { generateCheck } from '../contract/generate-check.js';
import { familyOfTable } from '../dialect/families.js';
import { DatakitError } from '../errors/datakit-error.js';
import type { TableSchema } from '../schema/table-schema.js';
import { valueRules } from '../values/value-rules.js';

/**
 * The target validator of a load under the `quarantine` drift policy: each column is checked
 * against the stricter of the contract and the live table (a narrower length or precision, NOT
 * NULL, fewer enum values), so a row the live table would refuse becomes a reject instead of
 * failing the whole load. A column whose live type is of another kind keeps the contract's rules.
 *
 * @example
 * ```ts
 * const validate = quarantineValidator(bronzeCustomer, liveCustomer, { datakit: 'bronze', version: '1.0.0' });
 * validate.explain({ customer_id: 1, email: 'x'.repeat(300) })?.rule; // 'max-length:40' when the live column is varchar(40)
 * ```
 * @internal
 */
export function quarantineValidator(
  table: Table,
  live: TableSchema,
  options: { datakit?: string; version?: string },
): RowValidator {
  const family = familyOfTable(table);
  const { tableName, plans } = planColumns(table, 'insert', options.datakit);
  const columns = getTableColumns(table) as Record<string, Column>;
  const liveColumns = new Map(live.columns.map((c) => [c.name, c]));
  const contractColumns = new Map(fromDrizzle(table).columns.map((c) => [c.name, c]));
  const stricter = plans.map((plan): ColumnPlan => {
    const now = liveColumns.get(plan.name);
    const declared = contractColumns.get(plan.name);
    const column = columns[plan.key];
    if (!now || !declared || !column || plan.generated) return plan;
    const nullable = plan.nullable && now.nullable;
    const sameKind =
      now.type.kind === declared.type.kind && (now.type.dimensions ?? 0) === (declared.type.dimensions ?? 0);
    // An absent value is written as NULL unless the live column has a default.
    const absentIsNull = now.default === undefined && now.generated === undefined;
    return {
      ...plan,
      nullable,
      rules: sameKind
        ? valueRules(column, now.type, family.values, family.drizzle.arrayElement(column))
        : plan.rules,
      absent: plan.absent === 'ok' && !now.nullable && absentIsNull ? 'not-null' : plan.absent,
    };
  });
  const check = generateCheck(stricter, true);
  const explain = createExplainer({
    tableName,
    plans: stricter,
    datakit: options.datakit,
    version: options.version,
    rejectUnknown: true,
  });
  return {
    table: tableName,
    mode: 'insert',
    datakit: options.datakit,
    version: options.version,
    check: (row): row is Record<string, unknown> => check(row),
    explain: (row, n) => (check(row) ? undefined : explain(row, n, true)[0]),
    explainAll: (row, n) => (check(row) ? [] : explain(row, n, false)),
    assert: (row, n) => {
      if (check(row)) return row as Record<string, unknown>;
      const first = explain(row, n, true)[0];
      throw new DatakitError('VALIDATION', first?.message ?? `Row of "${tableName}" failed validation`, {
        context: { table: tableName, ...(first?.column === undefined ? {} : { column: first.column }) },
      });
    },
  };
}
