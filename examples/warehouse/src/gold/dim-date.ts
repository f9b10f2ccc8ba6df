import { order } from '@datakit-examples/bronze';
import {
  type CustomTaskConfig,
  dateDimensionColumns,
  defineDateDimension,
  inLayer,
  placeTable,
} from 'datakit-warehouse';
import { getTableName } from 'drizzle-orm';
import { pgTable } from 'drizzle-orm/pg-core';

/** Gold date dimension: one row per day, keyed YYYYMMDD. */
export const dimDate = pgTable('dim_date', dateDimensionColumns());

/**
 * `gold.dim_date`, filled with `generate_series`.
 *
 * @example
 * ```ts
 * await dateDimension.fill(conn, { from: '2022-01-01', to: '2024-12-31' });
 * ```
 */
export const dateDimension = defineDateDimension(inLayer(dimDate, 'gold'));

/**
 * The pipeline task that fills `gold.dim_date` for the range of the data: every day of the years
 * silver's orders fall in (UTC), added once (days already there are kept).
 *
 * @example
 * ```ts
 * tasks: [{ sqlTransform: silverOrder }, dateDimensionTask]
 * ```
 */
export const dateDimensionTask = {
  name: 'gold.dim_date',
  reads: [{ layer: 'silver', table: order }],
  writes: [{ layer: 'gold', table: dimDate }],
  run: async (ctx) => {
    const conn = ctx.connections.warehouse;
    const orders = conn.dialect.adapter.quoteTable(
      placeTable({ name: getTableName(order), layer: 'silver' }),
    );
    const { rows } = await conn.query<{ from: string | null; to: string | null }>(
      `select to_char(date_trunc('year', min("ordered_at") at time zone 'UTC'), 'YYYY-MM-DD') as "from",
              to_char(date_trunc('year', max("ordered_at") at time zone 'UTC') + interval '1 year - 1 day', 'YYYY-MM-DD') as "to"
       from ${orders}`,
    );
    const range = rows[0];
    if (!range?.from || !range.to) return { rows: { read: 0, loaded: 0, rejected: 0, dropped: 0 } };
    const added = await dateDimension.fill(conn, { from: range.from, to: range.to });
    ctx.logger.info(`gold.dim_date: ${range.from} .. ${range.to}, ${added} day(s) added`);
    return { rows: { read: added, loaded: added, rejected: 0, dropped: 0 } };
  },
} as const satisfies CustomTaskConfig;
