import { type Column, getTableColumns, type Table } from 'drizzle-orm';
import { familyOfTable } from '../dialect/families.js';
import { columnJsonSchema, type JsonSchema } from './column-json-schema.js';
import type { ValidationMode } from './column-plan.js';
import type { Datakit } from './define-datakit.js';
import { fromDrizzle } from './from-drizzle.js';

export type { JsonSchema, JsonSchemaType } from './column-json-schema.js';

const DRAFT = 'https://json-schema.org/draft/2020-12/schema';

/**
 * Options of {@link toJsonSchema}.
 *
 * @example
 * ```ts
 * toJsonSchema(customer, { mode: 'insert' } satisfies JsonSchemaOptions);
 * ```
 */
export interface JsonSchemaOptions {
  /** `select` (default): every column is required. `insert`: columns with defaults, identity or NULL may be left out. */
  mode?: ValidationMode;
  /** Leave out `$schema`, for a schema nested in `$defs`. */
  nested?: boolean;
}

/**
 * The JSON Schema (draft 2020-12) of a table's rows, keyed by the Drizzle property keys the
 * validator and `$inferSelect` use: types, formats (`date-time`, `date`, `uuid`), `maxLength`,
 * enums, integer ranges, numeric patterns, `required`, nullable columns as type unions with `null`,
 * and no additional properties.
 *
 * @example
 * ```ts
 * const customer = pgTable('customer', { id: integer().primaryKey(), email: varchar({ length: 200 }) });
 * toJsonSchema(customer);
 * // { $schema: 'https://json-schema.org/draft/2020-12/schema', title: 'customer', type: 'object',
 * //   properties: { id: { type: 'integer', minimum: -2147483648, maximum: 2147483647 },
 * //                 email: { type: ['string', 'null'], maxLength: 200 } },
 * //   required: ['id', 'email'], additionalProperties: false }
 * ```
 */
export function toJsonSchema(table: Table, options: JsonSchemaOptions = {}): JsonSchema {
  const family = familyOfTable(table);
  const schema = fromDrizzle(table);
  const byName = new Map(schema.columns.map((c) => [c.name, c]));
  const properties: Record<string, JsonSchema> = {};
  const required: string[] = [];
  for (const [key, column] of Object.entries(getTableColumns(table) as Record<string, Column>)) {
    const columnSchema = byName.get(column.name);
    if (!columnSchema) continue;
    const property = columnJsonSchema(column, columnSchema.type, columnSchema.nullable, family);
    const stored = column.generated !== undefined && column.generated.type !== 'byDefault';
    if (stored) property.readOnly = true;
    if (columnSchema.comment) property.description = columnSchema.comment;
    properties[key] = property;
    const optional =
      columnSchema.nullable ||
      column.hasDefault ||
      stored ||
      columnSchema.default !== undefined ||
      columnSchema.generated !== undefined;
    if (options.mode !== 'insert' || !optional) required.push(key);
  }
  return {
    ...(options.nested ? {} : { $schema: DRAFT }),
    title: schema.schema ? `${schema.schema}.${schema.name}` : schema.name,
    ...(schema.comment ? { description: schema.comment } : {}),
    type: 'object',
    properties,
    required,
    additionalProperties: false,
  };
}

/**
 * The JSON Schema of every table of a datakit: one `$defs` entry per table key, with the datakit's
 * name, version, layer and system in `$id`, `title` and the `x-datakit` annotation. Reference a
 * table as `<$id>#/$defs/<key>`.
 *
 * @example
 * ```ts
 * const schema = datakitJsonSchema(systemA);
 * schema.$id; // 'urn:datakit:system-a:1.0.0'
 * Object.keys(schema.$defs ?? {}); // ['customer', 'address']
 * ```
 */
export function datakitJsonSchema(
  datakit: Datakit,
  options: Pick<JsonSchemaOptions, 'mode'> = {},
): JsonSchema {
  const $defs: Record<string, JsonSchema> = {};
  for (const key of datakit.keys) {
    const table = datakit.tables[key];
    if (table) $defs[key] = toJsonSchema(table, { ...options, nested: true });
  }
  return {
    $schema: DRAFT,
    $id: `urn:datakit:${datakit.name}:${datakit.version}`,
    title: datakit.name,
    description: `Rows of the ${datakit.layer === 'source' ? `${datakit.system} source system` : `${datakit.layer} layer`} (datakit ${datakit.name} ${datakit.version}).`,
    'x-datakit': {
      name: datakit.name,
      version: datakit.version,
      layer: datakit.layer,
      system: datakit.system,
    },
    $defs,
  };
}
