import { type Column, getTableColumns } from 'drizzle-orm';
import type { Datakit } from '../contract/define-datakit.js';
import { NameScope, toCamelCase } from '../format/ts-names.js';
import { type BronzeColumnCode, bronzeColumn } from './bronze-column.js';
import { bronzeNames } from './bronze-names.js';
import { type ColumnKey, columnKeys } from './column-keys.js';
import type { BronzeMixin } from './mixin-columns.js';

/**
 * One column of a generated bronze table and the source column it copies.
 *
 * @example
 * ```ts
 * plan.tables[0]?.columns[0]; // { sourceKey: 'OrderId', sourceName: 'OrderId', name: 'order_id', ... }
 * ```
 */
export interface BronzeColumnPlan {
  /** The source row's key (Drizzle key of the source table). */
  sourceKey: string;
  sourceName: string;
  name: string;
  key: ColumnKey;
  code: BronzeColumnCode;
  notNull: boolean;
}

/**
 * One generated bronze table.
 *
 * @example
 * ```ts
 * plan.tables[0]?.variable; // 'orderLines'
 * ```
 */
export interface BronzeTablePlan {
  /** The key of the source table in its datakit. */
  sourceKey: string;
  sourceName: string;
  name: string;
  /** The variable of the bronze table (and its key in the bronze datakit). */
  variable: string;
  /** The variable of its transform. */
  transform: string;
  columns: BronzeColumnPlan[];
  /** Bronze column names of the primary key, in key order. */
  primaryKey: string[];
}

/**
 * Everything the bronze files are rendered from.
 *
 * @example
 * ```ts
 * const plan: BronzePlan = planBronze(erp, { system: 'erp', mixin: 'transactional', sourceExport: 'erp' });
 * ```
 */
export interface BronzePlan {
  system: string;
  mixin: BronzeMixin;
  /** e.g. `bronze-erp` and its export `bronzeErp`. */
  datakitName: string;
  datakitExport: string;
  transfersExport: string;
  namesExport: string;
  tables: BronzeTablePlan[];
}

/**
 * Plans the bronze copy of a source datakit: a snake_case table per source table, every column
 * with its source's TypeScript value type, the source's primary key and nothing else.
 *
 * @example
 * ```ts
 * const plan = planBronze(erp, { system: 'erp', mixin: 'transactional', sourceExport: 'erp' });
 * plan.tables[0]?.name; // 'order_lines' (from "OrderLines")
 * ```
 */
export function planBronze(
  source: Datakit,
  options: { system: string; mixin: BronzeMixin; sourceExport: string },
): BronzePlan {
  const tables = source.keys.map((key) => {
    const columns = Object.entries(getTableColumns(source.tables[key] as never) as Record<string, Column>);
    return { key, schema: source.schemaOf(key), columns };
  });
  const names = bronzeNames(
    tables.map((t) => ({ name: t.schema.name, columns: t.columns.map(([, c]) => c.name) })),
    options.mixin,
  );
  const pascalSystem = toCamelCase(options.system, true);
  const scope = new NameScope([
    options.sourceExport,
    'defineDatakit',
    'defineTransform',
    'lineageColumns',
    options.mixin,
    'pgTable',
    'primaryKey',
    'customType',
    'tstzrange',
    'bytea',
  ]);
  const datakitName = `bronze-${options.system}`;
  const datakitExport = scope.take(toCamelCase(datakitName), 'Datakit');
  const transfersExport = scope.take(`${toCamelCase(options.system)}Transfers`, '');
  const namesExport = scope.take(`${toCamelCase(options.system)}BronzeNames`, '');
  const planned = tables.map((table, i): BronzeTablePlan => {
    const mapping = names[i] as (typeof names)[number];
    const bronzeOf = (sqlName: string) => mapping.columns.get(sqlName) as string;
    const keys = columnKeys(table.columns.map(([, c]) => bronzeOf(c.name)));
    const variable = scope.take(toCamelCase(mapping.bronze), 'Table');
    const columns = table.columns.map(([sourceKey, column]): BronzeColumnPlan => {
      const type = table.schema.columns.find((c) => c.name === column.name)?.type ?? {
        kind: 'text' as const,
      };
      const name = bronzeOf(column.name);
      return {
        sourceKey,
        sourceName: column.name,
        name,
        key: keys.get(name) as ColumnKey,
        code: bronzeColumn(column, type),
        notNull: column.notNull,
      };
    });
    return {
      sourceKey: table.key,
      sourceName: table.schema.name,
      name: mapping.bronze,
      variable,
      transform: '',
      columns,
      primaryKey: (table.schema.primaryKey?.columns ?? []).map(bronzeOf),
    };
  });
  for (const table of planned)
    table.transform = scope.take(`${table.variable}From${pascalSystem}`, 'Transform');
  return {
    system: options.system,
    mixin: options.mixin,
    datakitName,
    datakitExport,
    transfersExport,
    namesExport,
    tables: planned,
  };
}
