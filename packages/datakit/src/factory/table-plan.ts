import { type Column, getTableColumns, is, SQL, type Table } from 'drizzle-orm';
import type { DialectFamily } from '../dialect/dialect-family.js';
import { familyOfTable } from '../dialect/families.js';
import type { ColumnType } from '../schema/table-schema.js';

/** How Drizzle represents a column's value in JavaScript (its `dataType`). */
export type Runtime =
  | 'string'
  | 'number'
  | 'bigint'
  | 'date'
  | 'boolean'
  | 'json'
  | 'array'
  | 'buffer'
  | 'custom';

/** What the factory knows about one column. @internal */
export interface ColumnPlan {
  /** The property name in row objects (`$inferSelect` key). */
  key: string;
  /** The SQL column name. */
  name: string;
  type: ColumnType;
  runtime: Runtime;
  /** The SQL family of its table: what values it holds. */
  family: DialectFamily;
  nullable: boolean;
  /** The database fills it when omitted (default, serial, identity, generated). */
  hasDefault: boolean;
  /** Serial, identity, auto-increment or a generated expression. */
  generated: boolean;
  unsigned: boolean;
  /** For PostgreSQL arrays: the element column. */
  element?: ColumnPlan;
}

/** A foreign key in row-key terms. @internal */
export interface ForeignKeyPlan {
  keys: string[];
  table: Table;
  tableName: string;
  /** Row keys of the referenced columns in the referenced table's rows. */
  refKeys: string[];
  nullable: boolean;
  self: boolean;
}

/** A Drizzle table compiled once for building rows. @internal */
export interface TablePlan {
  table: Table;
  name: string;
  family: DialectFamily;
  columns: ColumnPlan[];
  byKey: Map<string, ColumnPlan>;
  primaryKey: string[];
  /** Every unique column set, the primary key first. */
  uniques: string[][];
  foreignKeys: ForeignKeyPlan[];
}

const plans = new WeakMap<Table, TablePlan>();

function configOf(table: Table) {
  return familyOfTable(table).drizzle.tableConfig(table);
}

/** Row keys by column object and, for constraint columns that are copies, by SQL name. */
function keysByColumn(table: Table): Map<Column | string, string> {
  const map = new Map<Column | string, string>();
  for (const [key, column] of Object.entries(getTableColumns(table) as Record<string, Column>)) {
    map.set(column, key);
    map.set(column.name, key);
  }
  return map;
}

function columnPlan(column: Column, key: string, family: DialectFamily): ColumnPlan {
  const type = family.parseSqlType(column.getSQLType());
  if (column.enumValues && column.enumValues.length > 0) {
    type.kind = 'enum';
    type.enumValues = [...column.enumValues];
  }
  const extra = column as Column & { autoIncrement?: boolean; unsigned?: boolean; baseColumn?: Column };
  const generated = Boolean(
    extra.autoIncrement ||
      column.generatedIdentity ||
      column.generated ||
      /serial/i.test(column.getSQLType()),
  );
  const plan: ColumnPlan = {
    key,
    name: column.name,
    type,
    runtime: column.dataType as Runtime,
    family,
    nullable: !column.notNull && !column.primary,
    hasDefault: column.hasDefault || generated,
    generated,
    unsigned: Boolean(extra.unsigned) || /\bunsigned\b/i.test(column.getSQLType()),
  };
  if (column.dataType === 'array' && extra.baseColumn)
    plan.element = columnPlan(extra.baseColumn, key, family);
  return plan;
}

/**
 * Compiles a `pgTable` or `mysqlTable` into what the factory needs: row keys, types, keys,
 * uniques and foreign keys. Cached per table.
 *
 * @internal
 * @example
 * ```ts
 * tablePlan(customer).primaryKey; // ['customerId']
 * ```
 */
export function tablePlan(table: Table): TablePlan {
  const cached = plans.get(table);
  if (cached) return cached;
  const family = familyOfTable(table);
  const config = family.drizzle.tableConfig(table);
  const keys = keysByColumn(table);
  const keyOf = (column: Column): string => keys.get(column) ?? keys.get(column.name) ?? column.name;
  const columns = (config.columns as Column[]).map((column) => columnPlan(column, keyOf(column), family));
  const byKey = new Map(columns.map((c) => [c.key, c]));

  let primaryKey = (config.columns as Column[]).filter((c) => c.primary).map(keyOf);
  const compositePk = config.primaryKeys[0];
  if (primaryKey.length === 0 && compositePk) primaryKey = (compositePk.columns as Column[]).map(keyOf);
  for (const key of primaryKey) {
    const plan = byKey.get(key);
    if (plan) plan.nullable = false;
  }
  const uniques: string[][] = [];
  if (primaryKey.length > 0) uniques.push(primaryKey);
  for (const column of config.columns as Column[]) {
    if ((column.isUnique || family.drizzle.impliesUnique(column)) && !column.primary)
      uniques.push([keyOf(column)]);
  }
  for (const unique of config.uniqueConstraints) uniques.push((unique.columns as Column[]).map(keyOf));
  for (const index of config.indexes) {
    const indexed = index.config.columns as unknown[];
    if (index.config.unique && indexed.every((c) => !is(c, SQL)))
      uniques.push((indexed as Column[]).map(keyOf));
  }

  const foreignKeys = config.foreignKeys.map((fk): ForeignKeyPlan => {
    const ref = fk.reference();
    const foreign = ref.foreignTable as Table;
    const foreignKeys = foreign === table ? keys : keysByColumn(foreign);
    const fkKeys = (ref.columns as Column[]).map(keyOf);
    return {
      keys: fkKeys,
      table: foreign,
      tableName: configOf(foreign).name,
      refKeys: (ref.foreignColumns as Column[]).map(
        (c) => foreignKeys.get(c) ?? foreignKeys.get(c.name) ?? c.name,
      ),
      nullable: fkKeys.some((k) => byKey.get(k)?.nullable),
      self: foreign === table,
    };
  });

  const plan: TablePlan = {
    table,
    name: config.name,
    family,
    columns,
    byKey,
    primaryKey,
    uniques,
    foreignKeys,
  };
  plans.set(table, plan);
  return plan;
}
