import {
  type Connection,
  countRejects,
  planWarehouse,
  type TransferLine,
  type TransferSummary,
  type WarehouseConfig,
  type WarehouseLayer,
} from 'datakit-warehouse';
import { type DemoPipelineTarget, type LayerTaskLine, runDemoPipeline } from './run-demo-pipeline.js';

/** Rows of one warehouse table after a run. */
export interface LayerCount {
  layer: WarehouseLayer;
  table: string;
  rows: number;
}

/** One version of a customer in `gold.dim_customer`. */
export interface CustomerVersion {
  name: string;
  status: string;
  country: string | null;
  /** ISO time, or `-infinity` for a first version. */
  validFrom: string;
  /** ISO time, or `infinity` while current. */
  validTo: string;
  current: boolean;
}

/** The SCD2 history of `gold.dim_customer` after a run (the unknown member left out). */
export interface CustomerHistory {
  versions: number;
  current: number;
  /** Versions this run added: a changed customer's new version, or a new customer's first. */
  opened: number;
  /** Versions this run closed (a customer that changed) at its logical time. */
  closed: number;
  /** The versions of the first customer this run changed. */
  example?: { customerId: number; versions: CustomerVersion[] };
}

/** One pipeline run of the demo, as the warehouse and its run store hold it. */
export interface DemoRunSummary {
  /** 1 for the first load, 2 for the run after a day of changes. */
  day: number;
  logicalTime: string;
  /** The pipeline run, as recorded in the run store (`npx datakit runs` lists it). */
  run: { id: string; pipeline: string; state: string; store: string };
  /** One line per transfer task, read back from the run store. */
  transfers: TransferLine[];
  totals: TransferSummary['totals'];
  /** The tasks after bronze (silver and gold), with their counts from the run store. */
  layers: LayerTaskLine[];
  /** Every quality check the run ran, as stored in `datakit.quality_results`. */
  checks: {
    task: string;
    check: string;
    table: string;
    status: 'pass' | 'warn' | 'error';
    failing: number;
  }[];
  /** Rejected rows by target table and reason (transfers) or rule (SQL transforms), as the rejects table holds them. */
  rejects: { target: string; message: string; rows: number }[];
  /** Rows per table of each layer after the run. */
  tables: LayerCount[];
  /** `gold.dim_customer` after the run; absent when the warehouse has no such table. */
  history?: CustomerHistory;
}

/**
 * Runs the demo pipeline once at a logical time and reads back what it did: the run store's
 * task lines, check results and rejects, the rows of every layer's tables, and the customer
 * dimension's history (what the run closed and opened).
 *
 * @example
 * ```ts
 * const day1 = await runDemoDay({ warehouse, warehouseName: 'demo', store, sources, say, day: 1, logicalTime: DEFAULT_NOW });
 * day1.tables.filter((t) => t.layer === 'gold'); // [{ layer: 'gold', table: 'dim_customer', rows: 1998 }, ...]
 * ```
 */
export async function runDemoDay(
  target: DemoPipelineTarget & { day: number; logicalTime: Date },
): Promise<DemoRunSummary> {
  const { store, warehouse, logicalTime } = target;
  const dim = dimCustomerTable(store, warehouse);
  const before = dim ? await versionCounts(store, dim) : undefined;
  const { run, summary, layers, checks } = await runDemoPipeline(target);
  return {
    day: target.day,
    logicalTime: logicalTime.toISOString(),
    run: { id: run.id, pipeline: run.pipeline, state: run.state, store: 'datakit.runs' },
    transfers: summary.transfers,
    totals: summary.totals,
    layers,
    checks: checks.map((c) => ({
      task: c.task,
      check: c.check,
      table: c.table,
      status: c.status,
      failing: c.failing,
    })),
    rejects: await rejectsOfRun(store, summary.transfers, layers),
    tables: await layerCounts(store, warehouse),
    ...(dim && before ? { history: await customerHistory(store, dim, logicalTime, before) } : {}),
  };
}

async function layerCounts(store: Connection, warehouse: WarehouseConfig): Promise<LayerCount[]> {
  const counts: LayerCount[] = [];
  for (const t of planWarehouse({ warehouse }).tables) {
    const { rows } = await store.query<{ n: number }>(
      `select count(*)::integer as "n" from ${store.dialect.adapter.quoteTable({ schema: t.schema, name: t.name })}`,
    );
    counts.push({ layer: t.layer, table: t.name, rows: rows[0]?.n ?? 0 });
  }
  return counts;
}

function dimCustomerTable(store: Connection, warehouse: WarehouseConfig): string | undefined {
  const placed = planWarehouse({ warehouse }).tables.find(
    (t) => t.layer === 'gold' && t.name === 'dim_customer',
  );
  return placed && store.dialect.adapter.quoteTable({ schema: placed.schema, name: placed.name });
}

/** Versions of the dimension (the unknown member left out), and how many of them are closed. */
async function versionCounts(store: Connection, dim: string): Promise<{ versions: number; closed: number }> {
  const { rows } = await store.query<{ versions: number; closed: number }>(
    `select count(*)::integer as "versions", (count(*) filter (where "valid_to" <> 'infinity'))::integer as "closed"
     from ${dim} where "customer_key" <> -1`,
  );
  return rows[0] ?? { versions: 0, closed: 0 };
}

async function customerHistory(
  store: Connection,
  dim: string,
  at: Date,
  before: { versions: number; closed: number },
): Promise<CustomerHistory> {
  const after = await versionCounts(store, dim);
  const { rows } = await store.query<{ current: number; first: number | null }>(
    `select (count(*) filter (where "is_current"))::integer as "current",
            min("customer_id") filter (where "valid_to" = $1::timestamptz) as "first"
     from ${dim} where "customer_key" <> -1`,
    [at.toISOString()],
  );
  const history: CustomerHistory = {
    versions: after.versions,
    current: rows[0]?.current ?? 0,
    opened: after.versions - before.versions,
    closed: after.closed - before.closed,
  };
  const first = rows[0]?.first;
  if (history.closed === 0 || first === null || first === undefined) return history;
  const time = (column: string) =>
    `case when "${column}" in ('-infinity', 'infinity') then "${column}"::text
          else to_char("${column}" at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') end`;
  const versions = await store.query<Record<string, unknown>>(
    `select "name", "status", "country", ${time('valid_from')} as "from", ${time('valid_to')} as "to", "is_current"
     from ${dim} where "customer_id" = $1 order by "valid_from"`,
    [first],
  );
  return {
    ...history,
    example: {
      customerId: Number(first),
      versions: versions.rows.map((v) => ({
        name: String(v.name),
        status: String(v.status),
        country: v.country === null ? null : String(v.country),
        validFrom: String(v.from),
        validTo: String(v.to),
        current: v.is_current === true,
      })),
    },
  };
}

async function rejectsOfRun(
  store: Connection,
  transfers: readonly TransferLine[],
  layers: readonly LayerTaskLine[],
): Promise<DemoRunSummary['rejects']> {
  // A transfer's reasons name their row; a SQL transform's repeat per row, so they count by rule.
  const transferRejects = await countRejects(
    store,
    transfers.map((t) => t.loadId),
    'message',
  );
  const layerRejects = await countRejects(
    store,
    layers.flatMap((l) => (l.loadId ? [l.loadId] : [])),
    'rule',
  );
  return [
    ...transferRejects.map(({ target, message, rows }) => ({ target, message, rows })),
    ...layerRejects.map(({ target, rule, message, rows }) => ({
      target,
      message: `${rule}, e.g. ${message}`,
      rows,
    })),
  ];
}
