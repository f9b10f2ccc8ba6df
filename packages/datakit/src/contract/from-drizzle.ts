import { type Column, is, SQL, type Table } from 'drizzle-orm';
import type { SqlFamily } from '../dialect/dialect-adapter.js';
import type { DialectFamily } from '../dialect/dialect-family.js';
import { familyOfTable } from '../dialect/families.js';
import { DatakitError } from '../errors/datakit-error.js';
import type {
  ColumnSchema,
  ForeignKeySchema,
  IndexSchema,
  KeyConstraint,
  TableSchema,
} from '../schema/table-schema.js';

/**
 * The SQL family a Drizzle table is written for: `pgTable` → postgresql, `mysqlTable` → mysql.
 *
 * @example
 * ```ts
 * tableFamily(pgTable('t', { id: integer() })); // 'postgresql'
 * ```
 */
export function tableFamily(table: Table): SqlFamily {
  return familyOfTable(table).name;
}

/**
 * Turns a Drizzle table (`pgTable` or `mysqlTable`) into the plain {@link TableSchema} that DDL,
 * drift and deploy work from. A `customType` of a type Datakit has no kind for (`hstore`, a domain,
 * `point`) becomes kind `unknown` with its SQL spelling in `raw`: a raw pass-through whose values
 * travel as the database's text and whose drift compares that spelling. Throws a `CONTRACT` error
 * naming the table and column for a built-in Drizzle column type Datakit cannot map.
 *
 * @example
 * ```ts
 * const customer = pgTable('customer', { id: integer().primaryKey(), email: varchar({ length: 200 }).notNull() });
 * fromDrizzle(customer).columns[1]; // { name: 'email', type: { kind: 'varchar', length: 200, ... }, nullable: false }
 * ```
 */
export function fromDrizzle(table: Table, where: { datakit?: string } = {}): TableSchema {
  const family = familyOfTable(table);
  const config = family.drizzle.tableConfig(table);
  const toSql = sqlRenderer(family);
  const tableName = config.name;
  const context = (column?: string) => ({
    ...(where.datakit ? { datakit: where.datakit } : {}),
    table: tableName,
    ...(column ? { column } : {}),
  });

  const columns: ColumnSchema[] = [];
  const uniques: KeyConstraint[] = [];
  let primaryKey: KeyConstraint | undefined;
  const pkColumns: string[] = [];
  for (const column of config.columns) {
    const type = family.parseSqlType(column.getSQLType());
    // An enum array's element column holds the enum.
    const element = elementColumn(column);
    const declared = family.drizzle.enumOf(element);
    if (declared) {
      type.kind = 'enum';
      type.enumValues = declared.values;
      if (declared.name) type.enumName = declared.name;
    }
    // A custom column (or an array of one) declares its SQL type itself: an unknown one passes through as written (raw).
    if (type.kind === 'unknown' && element.dataType !== 'custom') {
      throw new DatakitError(
        'CONTRACT',
        `Column "${tableName}"."${column.name}" has unsupported type "${type.raw}"`,
        {
          hint: 'Use one of the supported types (integer, bigint, numeric, text, varchar, boolean, date, timestamp, uuid, json, jsonb, bytea, enum) or map it in a transform.',
          context: context(column.name),
        },
      );
    }
    const schema: ColumnSchema = { name: column.name, type, nullable: !column.notNull };
    const identity = (column as Column & { generatedIdentity?: { type: 'always' | 'byDefault' } })
      .generatedIdentity;
    const autoIncrement = (column as Column & { autoIncrement?: boolean }).autoIncrement;
    if (identity || autoIncrement || /serial$/i.test(column.getSQLType())) {
      schema.generated = identity?.type === 'always' ? 'always' : 'identity';
    } else if (column.hasDefault && column.default !== undefined) {
      schema.default = renderDefault(column.default, toSql, family);
    }
    columns.push(schema);
    if (column.primary) pkColumns.push(column.name);
    if (column.isUnique)
      uniques.push({ ...(column.uniqueName ? { name: column.uniqueName } : {}), columns: [column.name] });
  }
  if (pkColumns.length > 0) primaryKey = { columns: pkColumns };
  for (const pk of config.primaryKeys) {
    if (primaryKey) {
      throw new DatakitError('CONTRACT', `Table "${tableName}" declares more than one primary key`, {
        hint: 'Use either .primaryKey() on one column or one primaryKey({ columns }) constraint.',
        context: context(),
      });
    }
    primaryKey = { name: pk.getName(), columns: pk.columns.map((c) => c.name) };
  }
  for (const unique of config.uniqueConstraints) {
    const name = unique.getName();
    uniques.push({ ...(name ? { name } : {}), columns: unique.columns.map((c) => c.name) });
  }

  const foreignKeys: ForeignKeySchema[] = config.foreignKeys.map((fk) => {
    const ref = fk.reference();
    const foreign = family.drizzle.tableConfig(ref.foreignTable);
    const result: ForeignKeySchema = {
      name: fk.getName(),
      columns: ref.columns.map((c) => c.name),
      references: {
        ...(foreign.schema ? { schema: foreign.schema } : {}),
        table: foreign.name,
        columns: ref.foreignColumns.map((c) => c.name),
      },
    };
    if (fk.onDelete && fk.onDelete !== 'no action') result.onDelete = fk.onDelete;
    if (fk.onUpdate && fk.onUpdate !== 'no action') result.onUpdate = fk.onUpdate;
    return result;
  });

  const indexes: IndexSchema[] = config.indexes.map((index) => {
    const { name, columns: indexed, unique } = index.config;
    const names = indexed.map((c) => {
      if (is(c, SQL)) {
        throw new DatakitError('CONTRACT', `Index "${name}" on "${tableName}" uses an expression`, {
          hint: 'Datakit contracts support column indexes only; create expression indexes in a silver/gold SQL step.',
          context: context(),
        });
      }
      return (c as { name: string }).name;
    });
    return { name: name ?? `${tableName}_${names.join('_')}_idx`, columns: names, unique: Boolean(unique) };
  });

  // Drizzle qualifies column references with the table name; a contract's check must not name its table.
  const qualifier = `${family.adapter.quoteIdentifier(tableName)}.`;
  const checks = config.checks.map((check) => ({
    name: check.name,
    expression: toSql(check.value).replaceAll(qualifier, ''),
  }));
  const result: TableSchema = { name: tableName, columns, uniques, foreignKeys, indexes, checks };
  if (config.schema) result.schema = config.schema;
  if (primaryKey) result.primaryKey = primaryKey;
  return result;
}

/** The element column of a (possibly nested) array column, or the column itself. */
function elementColumn(column: Column): Column {
  let element = column as Column & { baseColumn?: Column };
  while (element.baseColumn) element = element.baseColumn;
  return element;
}

function sqlRenderer(family: DialectFamily): (sql: SQL) => string {
  return (sql) => {
    const query = family.drizzle.sqlToQuery(sql);
    if (query.params.length > 0) {
      return query.params.reduceRight<string>(
        (text, param, i) => text.replaceAll(family.adapter.placeholder(i + 1), literal(param, family)),
        query.sql,
      );
    }
    return query.sql;
  };
}

function renderDefault(value: unknown, toSql: (sql: SQL) => string, family: DialectFamily): string {
  if (is(value, SQL)) return toSql(value);
  return literal(value, family);
}

function literal(value: unknown, family: DialectFamily): string {
  if (value === null) return 'null';
  if (typeof value === 'number' || typeof value === 'bigint') return String(value);
  if (typeof value === 'boolean') return value ? 'true' : 'false';
  if (value instanceof Date) return `'${value.toISOString()}'`;
  const text = typeof value === 'string' ? value : JSON.stringify(value);
  return family.adapter.quoteString(text);
}
