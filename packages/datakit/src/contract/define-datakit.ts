import { getTableColumns, type InferSelectModel, type Table } from 'drizzle-orm';
import { DatakitError } from '../errors/datakit-error.js';
import { nearestName } from '../errors/nearest-name.js';
import type { TableSchema } from '../schema/table-schema.js';
import { fromDrizzle } from './from-drizzle.js';

/**
 * Where a datakit's tables live: a source system, or a warehouse layer.
 *
 * @example
 * ```ts
 * const layer: Layer = 'bronze';
 * ```
 */
export type Layer = 'source' | 'bronze' | 'silver' | 'gold';
/**
 * How a transfer writes a target table.
 *
 * @example
 * ```ts
 * const disposition: WriteDisposition = 'merge';
 * ```
 */
export type WriteDisposition = 'append' | 'replace' | 'merge' | 'history';
/**
 * What a run does when the live table has drifted from the contract.
 *
 * @example
 * ```ts
 * const policy: DriftPolicy = 'evolve';
 * ```
 */
export type DriftPolicy = 'fail' | 'evolve' | 'ignore-new-columns' | 'quarantine';

/**
 * Per-table options of a datakit.
 *
 * @example
 * ```ts
 * const options: TableOptions<typeof customer> = { cursor: 'updated_at', driftPolicy: 'quarantine' };
 * ```
 */
export interface TableOptions<T extends Table = Table> {
  /** How transfers into this table write it, unless the transfer says otherwise (default `append`). */
  writeDisposition?: WriteDisposition;
  /** What a transfer reading or writing this table does on drift (default `fail`). */
  driftPolicy?: DriftPolicy;
  /** Bronze keeps the primary key unless this is `false` (foreign keys, uniques and checks are always dropped). */
  bronzePrimaryKey?: boolean;
  /** Incremental extraction column key (e.g. `updated_at`): declared transfers reading this table use it unless they name their own. */
  cursor?: keyof InferSelectModel<T> & string;
}

/**
 * What `defineDatakit` takes. `tables` maps a key to a Drizzle table (`pgTable` or `mysqlTable`).
 *
 * @example
 * ```ts
 * const definition: DatakitDefinition<{ customer: typeof customer }> = { name: 'system-a', version: '1.0.0', tables: { customer } };
 * ```
 */
export interface DatakitDefinition<T extends Record<string, Table>> {
  /** npm-style name, e.g. `system-a`. */
  name: string;
  /** Semver of the contract; `datakit breaking` checks that a change bumps it enough. */
  version: string;
  tables: T;
  /** `source` (default) for a system's tables, or the warehouse layer its tables belong to. */
  layer?: Layer;
  /** The system name recorded in lineage columns (default: `name`). */
  system?: string;
  /** Default options for every table (a cursor is per table), then per-table overrides by key. */
  options?: Omit<TableOptions, 'cursor'> & { tables?: { [K in keyof T]?: TableOptions<T[K]> } };
}

/**
 * A datakit: named, versioned Drizzle tables with options and their plain schemas.
 *
 * @example
 * ```ts
 * const systemA: Datakit = defineDatakit({ name: 'system-a', version: '1.0.0', tables: { customer } });
 * systemA.schemaOf('customer').columns.length;
 * ```
 */
export interface Datakit<T extends Record<string, Table> = Record<string, Table>> {
  readonly name: string;
  readonly version: string;
  readonly layer: Layer;
  readonly system: string;
  readonly tables: T;
  /** Options of the table under `key`, defaults merged in. (`string`, so any datakit fits `Datakit`.) */
  optionsOf(key: string): TableOptions;
  /** The plain description of the table under `key` (cached); throws for an unknown key. */
  schemaOf(key: string): TableSchema;
  /** Table keys in declaration order. */
  readonly keys: readonly string[];
}

const SEMVER = /^\d+\.\d+\.\d+(?:-[0-9A-Za-z.-]+)?(?:\+[0-9A-Za-z.-]+)?$/;

/**
 * Groups Drizzle tables into a named, versioned datakit.
 *
 * @example
 * ```ts
 * import { pgTable, integer, text } from 'drizzle-orm/pg-core';
 * export const customer = pgTable('customer', { customer_id: integer().primaryKey(), full_name: text().notNull() });
 * export const systemA = defineDatakit({ name: 'system-a', version: '1.0.0', tables: { customer } });
 * type Customer = typeof systemA.tables.customer.$inferSelect;
 * ```
 */
export function defineDatakit<T extends Record<string, Table>>(definition: DatakitDefinition<T>): Datakit<T> {
  const { name, version, tables } = definition;
  if (!/^[a-z0-9][a-z0-9._-]*$/i.test(name)) {
    throw new DatakitError('CONTRACT', `Datakit name "${name}" is not a valid package-style name`, {
      hint: 'Use letters, digits, dot, dash or underscore, e.g. "system-a".',
      context: { datakit: name },
    });
  }
  if (!SEMVER.test(version)) {
    throw new DatakitError('CONTRACT', `Datakit "${name}" has version "${version}", which is not semver`, {
      hint: 'Use MAJOR.MINOR.PATCH, e.g. "1.0.0".',
      context: { datakit: name },
    });
  }
  const keys = Object.keys(tables);
  const perTable = (definition.options?.tables ?? {}) as Record<string, TableOptions | undefined>;
  for (const key of Object.keys(perTable)) {
    if (!(key in tables)) {
      throw new DatakitError('CONTRACT', `Datakit "${name}" has options for unknown table "${key}"`, {
        hint: `Table keys are: ${keys.join(', ')}.`,
        context: { datakit: name, table: key },
      });
    }
  }
  if (definition.options && 'cursor' in definition.options) {
    throw new DatakitError('CONTRACT', `Datakit "${name}" sets a cursor for every table`, {
      hint: 'A cursor is a column of one table: set it per table, options: { tables: { <table>: { cursor: "<column>" } } }.',
      context: { datakit: name },
    });
  }
  for (const [key, options] of Object.entries(perTable)) {
    const cursor = options?.cursor;
    const columns = Object.keys(getTableColumns(tables[key] as Table));
    if (cursor !== undefined && !columns.includes(cursor)) {
      const near = nearestName(cursor, columns);
      throw new DatakitError(
        'CONTRACT',
        `Datakit "${name}": the cursor "${cursor}" of table "${key}" is not one of its columns${near ? ` — did you mean "${near}"?` : ''}`,
        { hint: `Columns: ${columns.join(', ')}.`, context: { datakit: name, table: key, column: cursor } },
      );
    }
  }
  const { tables: _ignored, ...defaults } = definition.options ?? {};
  const schemas = new Map<string, TableSchema>();
  const datakit: Datakit<T> = {
    name,
    version,
    layer: definition.layer ?? 'source',
    system: definition.system ?? name,
    tables,
    keys,
    optionsOf: (key) => ({ ...defaults, ...perTable[key] }),
    schemaOf: (key) => {
      let schema = schemas.get(key);
      if (!schema) {
        const table = tables[key];
        if (!table) {
          throw new DatakitError('CONTRACT', `Datakit "${name}" has no table "${key}"`, {
            hint: `Table keys are: ${keys.join(', ')}.`,
            context: { datakit: name, table: key },
          });
        }
        schema = fromDrizzle(table, { datakit: name });
        schemas.set(key, schema);
      }
      return schema;
    },
  };
  return datakit;
}
