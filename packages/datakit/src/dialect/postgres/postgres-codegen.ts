import type { FamilyCodegen } from '../family-codegen.js';
import { postgresColumnBuilder } from './postgres-column-builder.js';
import { POSTGRES_CUSTOM_TYPES } from './postgres-custom-types.js';

const INTEGER_KINDS = new Set(['smallint', 'integer', 'bigint']);

/**
 * pg-core modules: `pgTable`/`pgSchema`, enums as `pgEnum` types declared once, tables outside
 * `public` kept in their schema, `<table>_pkey` primary keys, identity columns (NOT NULL by
 * definition) for generated integers.
 *
 * @example
 * ```ts
 * postgresCodegen.defaultPrimaryKeyName('customer'); // 'customer_pkey'
 * ```
 * @internal
 */
export const postgresCodegen: FamilyCodegen = {
  coreModule: 'drizzle-orm/pg-core',
  tableFunction: 'pgTable',
  schemaFunction: 'pgSchema',
  enumFunction: 'pgEnum',
  extraConfigType: 'PgTableExtraConfigValue',
  builderNames: [
    'pgTable',
    'pgSchema',
    'pgEnum',
    'smallint',
    'integer',
    'bigint',
    'numeric',
    'real',
    'doublePrecision',
    'boolean',
    'text',
    'varchar',
    'char',
    'uuid',
    'date',
    'time',
    'timestamp',
    'interval',
    'json',
    'jsonb',
    'inet',
    'cidr',
    'macaddr',
    'macaddr8',
    'bit',
  ],
  customTypes: POSTGRES_CUSTOM_TYPES,
  fixedPrimaryKeyName: false,
  tableSchema: (schema) => (schema !== 'public' ? schema : undefined),
  defaultPrimaryKeyName: (table) => `${table}_pkey`,
  columnBuilder: postgresColumnBuilder,
  generated: (column) =>
    INTEGER_KINDS.has(column.type.kind) && !column.type.dimensions
      ? {
          chain:
            column.generated === 'always'
              ? '.generatedAlwaysAsIdentity()'
              : '.generatedByDefaultAsIdentity()',
          impliesNotNull: true,
        }
      : undefined,
};
