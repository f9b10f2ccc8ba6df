import type { Column } from 'drizzle-orm';
import { drizzleTableNames } from './drizzle-table-names.js';
import { expressionColumns } from './expression-columns.js';
import { sourceParts } from './in-layer.js';
import { toPlace } from './resolve-table.js';
import type { TransformPlan } from './transform-plan.js';

/**
 * A source column: its table's contract name, the layer it was read from, the contract's schema
 * (when it has one) and the column's SQL name.
 *
 * @example
 * ```ts
 * const c: SourceColumn = { table: 'customer', layer: 'bronze', column: 'email' };
 * ```
 */
export interface SourceColumn {
  table: string;
  layer?: string;
  schema?: string;
  column: string;
}

/**
 * Where one target column's values come from.
 *
 * @example
 * ```ts
 * const l: ColumnLineage = { column: 'email', sources: [{ table: 'customer', layer: 'bronze', column: 'email' }] };
 * ```
 */
export interface ColumnLineage {
  column: string;
  sources: SourceColumn[];
}

/**
 * The column lineage of a SQL transform, taken from its typed select map (no SQL parsing):
 * target column ← source columns, plus the columns that filter or join rows (`where`, `joins`,
 * `groupBy`, `dedupe`) and the tables read.
 *
 * @example
 * ```ts
 * silverCustomer.lineage.columns.find((c) => c.column === 'email')?.sources; // [{ table: 'customer', layer: 'bronze', column: 'email' }]
 * ```
 */
export interface TransformLineage {
  target: { table: string; layer?: string; schema?: string };
  columns: ColumnLineage[];
  filters: SourceColumn[];
}

/**
 * Builds the lineage of a plan. @internal
 *
 * @example
 * ```ts
 * const lineage = transformLineage(plan);
 * ```
 */
export function transformLineage(plan: TransformPlan): TransformLineage {
  const byAlias = new Map(
    [plan.from, ...plan.joins.map((j) => j.source)].map((source) => {
      const parts = sourceParts(source);
      return [drizzleTableNames(parts.table).alias, toPlace(parts.table, parts.layer)] as const;
    }),
  );
  const describe = (column: Column): SourceColumn => {
    const names = drizzleTableNames(column.table);
    const placed = byAlias.get(names.alias);
    const layer = placed?.layer;
    const schema = placed?.schema ?? names.schema;
    return {
      table: placed?.name ?? names.name,
      ...(layer === undefined ? {} : { layer }),
      ...(schema === undefined ? {} : { schema }),
      column: column.name,
    };
  };
  const unique = (columns: Column[]) => {
    const seen = new Map<string, SourceColumn>();
    for (const c of columns.map(describe)) seen.set(`${c.layer}.${c.schema}.${c.table}.${c.column}`, c);
    return [...seen.values()];
  };
  const target = toPlace(sourceParts(plan.target).table, sourceParts(plan.target).layer);
  const filterParts: unknown[] = [
    plan.where,
    plan.having,
    plan.groupBy,
    plan.joins.map((j) => j.on),
    plan.dedupe?.key,
    plan.dedupe?.latest,
  ];
  return {
    target: {
      table: target.name,
      ...(target.layer === undefined ? {} : { layer: target.layer }),
      ...(target.schema === undefined ? {} : { schema: target.schema }),
    },
    columns: plan.select.map(({ column, expr }) => ({
      column: column.name,
      sources: unique(expressionColumns(expr).columns),
    })),
    filters: unique(expressionColumns(filterParts).columns),
  };
}
