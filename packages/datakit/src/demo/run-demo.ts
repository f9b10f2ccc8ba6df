import path from 'node:path';
import type { DatakitConfig } from '../config/define-config.js';
import type { Datakit } from '../contract/define-datakit.js';
import { deployWarehouse } from '../deploy/deploy-warehouse.js';
import type { Connection } from '../dialect/connection.js';
import { DatakitError } from '../errors/datakit-error.js';
import type { TransferLine, TransferSummary } from '../warehouse/transfer-summary.js';
import {
  type DataDirAction,
  dataDirLine,
  demoLocations,
  pgliteDirs,
  prepareDataDirs,
} from './demo-locations.js';
import { buildDemoRows, type DemoSources, type SeededBadRow } from './demo-rows.js';
import { DEFAULT_DEMO_ROWS, demoSizes } from './demo-sizes.js';
import { loadDemoWarehouse } from './load-demo-warehouse.js';
import { openDemoConnections } from './open-demo-connections.js';
import { createPgliteDirs } from './pglite-template.js';
import { type LayerTaskLine, runDemoPipeline } from './run-demo-pipeline.js';
import { type SeededTable, seedDemoSources } from './seed-demo-sources.js';

/** Options of {@link runDemo}; all optional. */
export interface DemoOptions {
  /** Total source rows over the six tables (default 26,200). */
  rows?: number;
  /** Factory seed (default 1): the same seed gives the same rows. */
  seed?: number;
  /** Keep the databases of a previous run instead of resetting them. */
  keep?: boolean;
  /** Keep the embedded databases here instead of the `dev` environment's `.datakit/dev`. */
  dataDir?: string;
  /** Where the empty PGlite cluster the databases are copied from is cached (default `.datakit/cache`, or `<dataDir>/.cache`). */
  cacheDir?: string;
  /** Put System D on this database (e.g. `mysql://root@127.0.0.1:3306/demo`) instead of PGlite. */
  systemDUrl?: string;
  /** The warehouse config (default: the example warehouse of the repository). */
  warehouse?: { config: DatakitConfig; root: string };
  /** A line of progress (stage by stage). */
  onProgress?: (line: string) => void;
  /** Ignored: the demo's transfers run as pipeline tasks, which report progress line by line. */
  transferProgress?: boolean;
}

/** Everything `datakit demo` did, as printed and as `--json`. */
export interface DemoSummary {
  ok: true;
  warehouse: string;
  environment: 'dev';
  data: { dir: string; action: DataDirAction; warehouseUrl: string; sourceUrls: Record<string, string> };
  seed: number;
  seeded: { tables: SeededTable[]; rows: number; durationMs: number };
  /** Rows seeded to fail their transform, with the reason they should be rejected for. */
  badRows: SeededBadRow[];
  cancelledOrders: number;
  deploy: { status: string; steps: number; durationMs: number };
  /** The pipeline run of the transfers, as recorded in the run store (`npx datakit runs` lists it). */
  run: { id: string; pipeline: string; state: string; store: string };
  /** One line per transfer task, read back from the run store. */
  transfers: TransferLine[];
  totals: TransferSummary['totals'];
  /** The SQL transform tasks after bronze (silver), with their counts from the run store. */
  layers: LayerTaskLine[];
  /** Every quality check the run ran, as stored in `datakit.quality_results`. */
  checks: {
    task: string;
    check: string;
    table: string;
    status: 'pass' | 'warn' | 'error';
    failing: number;
  }[];
  /** Rejected rows by target table and reason, as the rejects table holds them. */
  rejects: { target: string; message: string; rows: number }[];
  rejectsTable: string;
  durationMs: number;
  /** Peak resident memory of the process so far. */
  peakRssMb: number;
}

/**
 * Runs the demo warehouse end to end: prepares its data directory, seeds Systems A, D and E with
 * factories (plus a few bad rows), deploys the warehouse's layers, runs its `demo` pipeline of
 * transfers into bronze through the pipeline runner and returns a summary read from the run store. Embedded PGlite by default, so no server is needed.
 *
 * @example
 * ```ts
 * const summary = await runDemo({ rows: 2600, dataDir: '/tmp/demo', onProgress: (l) => console.error(l) });
 * summary.totals; // { read: 2600, loaded: 2487, rejected: 7, dropped: 106, ... }
 * ```
 */
export async function runDemo(options: DemoOptions = {}): Promise<DemoSummary> {
  const started = performance.now();
  const say = options.onProgress ?? (() => {});
  const seed = options.seed ?? 1;
  const sizes = demoSizes(options.rows ?? DEFAULT_DEMO_ROWS);
  const { config, root } = options.warehouse ?? (await loadDemoWarehouse());
  const warehouseName = Object.keys(config.warehouses)[0] ?? 'demo';
  const warehouse = config.warehouses[warehouseName];
  if (!warehouse) throw new DatakitError('CONFIG', 'The demo config declares no warehouse');
  const sources = demoSources(warehouse.sources ?? {});
  const locations = demoLocations(config, {
    root,
    warehouse: warehouseName,
    ...(options.dataDir !== undefined ? { dataDir: options.dataDir } : {}),
    ...(options.systemDUrl !== undefined ? { systemDUrl: options.systemDUrl } : {}),
  });
  const dirs = pgliteDirs(locations);
  const action = prepareDataDirs(dirs, { keep: options.keep === true });
  say(dataDirLine(action, locations.dataDir));

  const cacheDir =
    options.cacheDir ??
    (options.dataDir !== undefined
      ? path.join(locations.dataDir, '.cache')
      : path.join(root, '.datakit', 'cache'));
  await createPgliteDirs(dirs, cacheDir, (template) =>
    say(`Initialising an empty PGlite cluster once (kept in ${template} for the next runs) ...`),
  );
  say('Opening the embedded databases (PGlite) and building the source rows ...');
  const opening = openDemoConnections(locations);
  // Building rows is CPU work that overlaps the PGlite instances' start.
  const rows = buildDemoRows(sources, sizes, seed);
  const conns = await opening;
  const to = conns.warehouse;
  const connections = conns.sources;
  try {
    const seedStarted = performance.now();
    say(`Seeding ${fmt(sum(rows.tables.map((t) => t.rows.length)))} source rows into Systems A, D and E ...`);
    const seeded = await seedDemoSources(rows, { sources, connections });
    const seededMs = Math.round(performance.now() - seedStarted);

    say('Deploying the warehouse (bronze and silver) ...');
    const deploy = await deployWarehouse({ warehouse, connection: to, apply: true });
    if (deploy.status === 'refused') {
      throw new DatakitError(
        'DEPLOY',
        'The demo warehouse has a destructive change pending, so the demo does not apply it',
        {
          hint: 'Run the demo without --keep to start from empty databases.',
        },
      );
    }

    const { run, summary, layers, checks } = await runDemoPipeline({
      warehouse,
      warehouseName,
      store: to,
      sources: connections,
      say,
    });
    const transfers = summary.transfers;
    const rejects = await rejectsByReason(to, transfers);
    return {
      ok: true,
      warehouse: warehouseName,
      environment: 'dev',
      data: {
        dir: locations.dataDir,
        action,
        warehouseUrl: locations.warehouseUrl,
        sourceUrls: locations.sourceUrls,
      },
      seed,
      seeded: { tables: seeded, rows: sum(seeded.map((s) => s.rows)), durationMs: seededMs },
      badRows: rows.bad,
      cancelledOrders: rows.cancelledOrders,
      deploy: { status: deploy.status, steps: deploy.plan.steps.length, durationMs: deploy.durationMs },
      transfers,
      totals: summary.totals,
      layers,
      checks: checks.map((c) => ({
        task: c.task,
        check: c.check,
        table: c.table,
        status: c.status,
        failing: c.failing,
      })),
      run: { id: run.id, pipeline: run.pipeline, state: run.state, store: 'datakit.runs' },
      rejects,
      rejectsTable: 'datakit.rejects',
      durationMs: Math.round(performance.now() - started),
      peakRssMb: Math.round(process.resourceUsage().maxRSS / 1024),
    };
  } finally {
    await conns.close();
  }
}

function demoSources(declared: Readonly<Record<string, Datakit>>): DemoSources {
  const missing = (['system-a', 'system-d', 'system-e'] as const).filter((s) => !declared[s]);
  if (missing.length > 0) {
    throw new DatakitError(
      'CONFIG',
      `The demo warehouse declares no source system ${missing.map((s) => `"${s}"`).join(', ')}`,
      {
        hint: 'The demo seeds Systems A, D and E: keep them in examples/warehouse/datakit.config.ts.',
      },
    );
  }
  return declared as unknown as DemoSources;
}

async function rejectsByReason(
  to: Connection,
  transfers: readonly TransferLine[],
): Promise<DemoSummary['rejects']> {
  if (transfers.length === 0) return [];
  const { rows } = await to.query<{ load_id: string; message: string; rows: number }>(
    `select "load_id", "message", count(*)::int as "rows" from "datakit"."rejects"
     where "load_id" = any($1::uuid[]) group by 1, 2 order by min("id")`,
    [transfers.map((t) => t.loadId)],
  );
  return rows.map((r) => ({
    target: transfers.find((t) => t.loadId === r.load_id)?.target ?? '?',
    message: r.message,
    rows: r.rows,
  }));
}

const sum = (values: readonly number[]) => values.reduce((a, b) => a + b, 0);
const fmt = (n: number) => n.toLocaleString('en-US');
