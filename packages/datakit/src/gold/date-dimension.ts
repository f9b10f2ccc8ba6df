import { getTableColumns, type Table } from 'drizzle-orm';
import { boolean, date, integer, text, varchar } from 'drizzle-orm/pg-core';
import type { Connection } from '../dialect/connection.js';
import { DatakitError } from '../errors/datakit-error.js';
import { sourceParts, type TableSource } from '../sql-transform/in-layer.js';
import { type PlaceOptions, placedName, placeTable, toPlace } from '../sql-transform/resolve-table.js';
import type { DimensionRef } from './dimension-ref.js';

/**
 * The columns of a date dimension: `date_key` (YYYYMMDD, the primary key), the date, and its
 * calendar attributes (ISO weeks and days of week, English names independent of the server's
 * locale).
 *
 * @example
 * ```ts
 * export const dimDate = pgTable('dim_date', dateDimensionColumns());
 * ```
 */
export function dateDimensionColumns() {
  return {
    date_key: integer('date_key').primaryKey(),
    date: date('date', { mode: 'string' }).notNull().unique(),
    year: integer('year').notNull(),
    quarter: integer('quarter').notNull(),
    month: integer('month').notNull(),
    month_name: text('month_name').notNull(),
    year_month: varchar('year_month', { length: 7 }).notNull(),
    day: integer('day').notNull(),
    day_of_week: integer('day_of_week').notNull(),
    day_name: text('day_name').notNull(),
    iso_week: integer('iso_week').notNull(),
    iso_year: integer('iso_year').notNull(),
    is_weekend: boolean('is_weekend').notNull(),
  };
}

const DAY = /^\d{4}-\d{2}-\d{2}$/;
const MONTHS =
  "array['January','February','March','April','May','June','July','August','September','October','November','December']";
const DAYS = "array['Monday','Tuesday','Wednesday','Thursday','Friday','Saturday','Sunday']";

/**
 * A date dimension: facts look it up by `date` (its business key) and get `date_key`.
 *
 * @example
 * ```ts
 * await dimDate.fill(conn, { from: '2020-01-01', to: '2030-12-31' });
 * lookup(dimDate, { date: sql<string>`(${order.ordered_at} at time zone 'UTC')::date` });
 * ```
 */
export interface DateDimension<D extends Table = Table> extends DimensionRef {
  readonly kind: 'date-dimension';
  readonly target: TableSource<D>;
  /** Inserts every day of the range (inclusive) that is not there yet; returns the rows added. */
  fill(conn: Connection, options: PlaceOptions & { from: string; to: string }): Promise<number>;
}

/**
 * Defines a date dimension over a table with {@link dateDimensionColumns}, filled with
 * `generate_series` for a range of days.
 *
 * @example
 * ```ts
 * export const dateDim = defineDateDimension(inLayer(dimDate, 'gold'));
 * await dateDim.fill(conn, { from: '2024-01-01', to: '2024-12-31' });
 * ```
 */
export function defineDateDimension<D extends Table>(target: TableSource<D>): DateDimension<D> {
  const parts = sourceParts(target);
  const names = new Set(Object.values(getTableColumns(parts.table)).map((c) => c.name));
  for (const name of Object.keys(dateDimensionColumns())) {
    if (!names.has(name)) {
      throw new DatakitError(
        'USAGE',
        `Date dimension "${toPlace(parts.table).name}" has no column "${name}"`,
        {
          hint: "Define it as pgTable('dim_date', dateDimensionColumns()).",
          context: { table: toPlace(parts.table).name, column: name },
        },
      );
    }
  }
  return {
    kind: 'date-dimension',
    target,
    businessKey: ['date'],
    surrogateKey: 'date_key',
    versioned: false,
    fill: async (conn, options) => {
      if (!DAY.test(options.from) || !DAY.test(options.to) || options.from > options.to) {
        throw new DatakitError(
          'USAGE',
          `Date dimension range ${options.from} .. ${options.to} is not a range of days`,
          {
            hint: "Pass from and to as 'YYYY-MM-DD' with from <= to.",
          },
        );
      }
      const placed = placeTable(toPlace(parts.table, parts.layer), options.place);
      const d = conn.dialect.adapter.quoteTable(placed);
      const { rowCount } = await conn
        .query(
          `insert into ${d} ("date_key", "date", "year", "quarter", "month", "month_name", "year_month", "day", "day_of_week", "day_name", "iso_week", "iso_year", "is_weekend")
         select to_char(g.d, 'YYYYMMDD')::integer, g.d::date, extract(year from g.d)::integer, extract(quarter from g.d)::integer,
           extract(month from g.d)::integer, (${MONTHS})[extract(month from g.d)::integer], to_char(g.d, 'YYYY-MM'),
           extract(day from g.d)::integer, extract(isodow from g.d)::integer, (${DAYS})[extract(isodow from g.d)::integer],
           extract(week from g.d)::integer, extract(isoyear from g.d)::integer, extract(isodow from g.d) >= 6
         from generate_series($1::date::timestamp, $2::date::timestamp, interval '1 day') as g(d)
         on conflict ("date_key") do nothing`,
          [options.from, options.to],
        )
        .catch((err: unknown) => {
          throw new DatakitError(
            'QUERY',
            `Filling date dimension ${placedName(placed)} failed: ${err instanceof Error ? err.message : String(err)}`,
            {
              hint: 'Deploy the gold layer first.',
              context: { table: placedName(placed) },
              cause: err,
            },
          );
        });
      return rowCount;
    },
  };
}
