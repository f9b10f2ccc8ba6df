import { Column, is, Name, Param, Placeholder, SQL, StringChunk, Table } from 'drizzle-orm';
import type { DialectAdapter } from '../dialect/dialect-adapter.js';
import { DatakitError } from '../errors/datakit-error.js';
import { drizzleTableNames } from './drizzle-table-names.js';
import { InLayer } from './in-layer.js';
import { type PlaceTable, placeTable, type TableAddress, toPlace } from './resolve-table.js';
import { RunValue } from './run-value.js';

interface SqlWrapperLike {
  getSQL(): SQL;
  shouldOmitSQLParens?(): boolean;
}

function isWrapper(value: unknown): value is SqlWrapperLike {
  return (
    typeof value === 'object' && value !== null && typeof (value as SqlWrapperLike).getSQL === 'function'
  );
}

/**
 * Renders Drizzle expressions (`sql` templates, columns, operators such as `eq`) to PostgreSQL
 * text: columns qualified by their table's alias in the query, tables placed in their layer's
 * schema, every identifier quoted and every value a `$n` parameter. Collects the parameters of one
 * statement.
 *
 * @example
 * ```ts
 * const w = new SqlWriter(conn.dialect.adapter, undefined, { scope: new Set(['customer']) });
 * const text = w.expr(sql`lower(${customer.email}) = ${'a@b.c'}`); // lower("customer"."email") = $1
 * await conn.query(`select ... where ${text}`, w.params);
 * ```
 * @internal
 */
export class SqlWriter {
  readonly params: unknown[] = [];
  readonly adapter: DialectAdapter;
  /** Where tables live (default: a layer's table in the schema named after the layer). */
  readonly placement: PlaceTable | undefined;
  /** Table aliases a column may name; a column of any other table is refused. */
  scope: ReadonlySet<string> | undefined;
  /** The run's logical time and load id, for {@link RunValue}s. */
  readonly run: { at: Date; loadId: string } | undefined;

  constructor(
    adapter: DialectAdapter,
    placement: PlaceTable | undefined,
    options: { scope?: ReadonlySet<string>; run?: { at: Date; loadId: string } } = {},
  ) {
    this.adapter = adapter;
    this.placement = placement;
    this.scope = options.scope;
    this.run = options.run;
  }

  q(name: string): string {
    return this.adapter.quoteIdentifier(name);
  }

  /** The quoted `schema.table` of a table or `inLayer(...)`, placed in its layer's schema. */
  table(source: Table | InLayer, layer?: string): string {
    return this.adapter.quoteTable(this.place(source, layer));
  }

  place(source: Table | InLayer, layer?: string): TableAddress {
    return placeTable(toPlace(source, layer), this.placement);
  }

  /** Adds a parameter and returns its placeholder. */
  param(value: unknown): string {
    this.params.push(value);
    return this.adapter.placeholder(this.params.length);
  }

  /** Renders one expression: a column, a `sql` template, a Drizzle operator result or a value. */
  expr(value: unknown): string {
    if (value === undefined) return '';
    if (is(value, StringChunk)) return value.value.join('');
    if (is(value, Column)) return this.column(value);
    if (is(value, SQL)) return value.queryChunks.map((chunk) => this.expr(chunk)).join('');
    if (is(value, SQL.Aliased)) return this.expr(value.sql);
    if (is(value, Name)) return this.q(value.value);
    if (is(value, Param)) {
      const mapped = value.value === null ? null : value.encoder.mapToDriverValue(value.value);
      return is(mapped, SQL) ? this.expr(mapped) : this.param(mapped);
    }
    if (is(value, Placeholder)) {
      throw new DatakitError('USAGE', `sql.placeholder("${value.name}") cannot be used in a SQL transform`, {
        hint: 'Put the value itself into the sql template: every interpolated value becomes a parameter.',
      });
    }
    if (value instanceof InLayer || is(value, Table)) return this.table(value);
    if (value instanceof RunValue) {
      if (!this.run) {
        throw new DatakitError('USAGE', 'logicalTime/runLoadId can only be used where a run provides them', {
          hint: 'Use them in SQL transforms, dimensions, facts and checks that run with { at, loadId }.',
        });
      }
      return value.key === 'at'
        ? `${this.param(this.run.at.toISOString())}::timestamptz`
        : `${this.param(this.run.loadId)}::uuid`;
    }
    if (Array.isArray(value)) return `(${value.map((v) => this.expr(v)).join(', ')})`;
    if (isWrapper(value)) {
      const inner = this.expr(value.getSQL());
      return value.shouldOmitSQLParens?.() ? inner : `(${inner})`;
    }
    return this.param(value);
  }

  private column(column: Column): string {
    const { alias, name } = drizzleTableNames(column.table);
    if (this.scope && !this.scope.has(alias)) {
      const known = [...this.scope].map((s) => `"${s}"`).join(', ');
      throw new DatakitError(
        'USAGE',
        `Column "${alias}"."${column.name}" belongs to table "${name}", which is not in this query (tables: ${known})`,
        {
          hint: `Add "${name}" to \`from\` or \`joins\`, or use a column of ${known}.`,
          context: { table: name, column: column.name },
        },
      );
    }
    return `${this.q(alias)}.${this.q(column.name)}`;
  }
}
