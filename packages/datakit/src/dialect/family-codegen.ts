import type { ColumnSchema, ColumnType } from '../schema/table-schema.js';
import type { ColumnCode, CustomTypeCode } from './column-code.js';

/**
 * What a column builder needs from the module being generated.
 *
 * @example
 * ```ts
 * const context: ColumnBuilderContext = { enumVariable: (name) => enums.get(name), bigint: 'bigint' };
 * ```
 */
export interface ColumnBuilderContext {
  /** The variable of a declared enum type, by its type name. */
  enumVariable(enumName: string): string | undefined;
  /** How bigint columns read: `bigint` (lossless) or `number`. */
  bigint: 'bigint' | 'number';
}

/**
 * How `datakit introspect` writes a SQL family's Drizzle module: its table, schema and enum
 * functions, column builders and custom types, and what its catalog says implicitly (default
 * primary key names, identity columns).
 *
 * @example
 * ```ts
 * const code = postgresCodegen.columnBuilder({ kind: 'numeric', precision: 10, scale: 2 }, context);
 * code.builder; // 'numeric({ precision: 10, scale: 2 })'
 * ```
 */
export interface FamilyCodegen {
  /** The module of the builders: `drizzle-orm/pg-core`. */
  readonly coreModule: string;
  /** `pgTable`, `mysqlTable`. */
  readonly tableFunction: string;
  /** `pgSchema`, `mysqlSchema`. */
  readonly schemaFunction: string;
  /** `pgEnum` where an enum is a named type declared once; undefined where enums are inline. */
  readonly enumFunction: string | undefined;
  /** The type of an extra-config callback's entries: `PgTableExtraConfigValue`. */
  readonly extraConfigType: string;
  /** Every builder name a module of this family may import (reserved against table names). */
  readonly builderNames: readonly string[];
  /** Types declared with `customType` in generated modules, by name. */
  readonly customTypes: Readonly<Record<string, CustomTypeCode>>;
  /** The database names every primary key this (MySQL: `PRIMARY`), ignoring a given name. */
  readonly fixedPrimaryKeyName: boolean;
  /** The schema a table is written into when the caller asks for none in particular. */
  tableSchema(schema: string | undefined): string | undefined;
  /** The name the database gives a primary key nobody named. */
  defaultPrimaryKeyName(table: string): string;
  /** The builder of a column type. */
  columnBuilder(type: ColumnType, context: ColumnBuilderContext): ColumnCode;
  /** The modifier of a generated column, and whether it implies NOT NULL; undefined where the family cannot say it. */
  generated(column: ColumnSchema): { chain: string; impliesNotNull: boolean } | undefined;
}
