import path from 'node:path';
import exampleWarehouse from '@datakit-examples/warehouse';
import {
  type Datakit,
  type DatakitConfig,
  DatakitError,
  deployWarehouse,
  formatNumber,
  validateConfig,
} from 'datakit-warehouse';
import { DEFAULT_NOW } from 'datakit-warehouse/testing';
import { type AppliedDemoChanges, applyDemoChanges } from './apply-demo-changes.js';
import {
  type DataDirAction,
  dataDirLine,
  demoLocations,
  pgliteDirs,
  prepareDataDirs,
} from './demo-locations.js';
import { buildDemoRows, type DemoSources, type SeededBadRow } from './demo-rows.js';
import { type DemoRunSummary, runDemoDay } from './demo-run-summary.js';
import { DEFAULT_DEMO_ROWS, demoSizes } from './demo-sizes.js';
import { openDemoConnections } from './open-demo-connections.js';
import { createPgliteDirs } from './pglite-template.js';
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
  /** The folder the config's relative `pglite://` paths resolve against (default: the working directory). */
  root?: string;
  /** The warehouse config (default: the example warehouse, `examples/warehouse`). */
  config?: DatakitConfig;
  /** A line of progress (stage by stage). */
  onProgress?: (line: string) => void;
  /** Apply a second day of changes to the sources and run the pipeline again (default true). */
  changes?: boolean;
}

/**
 * Everything `datakit demo` did, as printed and as `--json`: the seeding and deploy, the first
 * run (its fields at the top level) and, unless turned off, the second day's changes and run.
 */
export interface DemoSummary extends DemoRunSummary {
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
  rejectsTable: string;
  /** The second day: the changes applied to the sources, then the pipeline's run on them. */
  changes?: { applied: AppliedDemoChanges; run: DemoRunSummary };
  durationMs: number;
  /** Peak resident memory of the process so far. */
  peakRssMb: number;
}

/**
 * Runs the demo warehouse end to end: prepares its data directory, seeds Systems A, D and E with
 * factories (plus a few bad rows), deploys the warehouse's layers and runs its `demo` pipeline
 * (bronze, silver, gold, checks) at the factories' day one; then applies a second day of changes
 * to the sources (customers updated and added with `changes()`, new orders) and runs it again at
 * day two, so the customer dimension's history grows. The summary is read from the warehouse and
 * its run store. Embedded PGlite by default, so no server is needed.
 *
 * @example
 * ```ts
 * const summary = await runDemo({ rows: 2600, dataDir: '/tmp/demo', onProgress: (l) => console.error(l) });
 * summary.totals; // { read: 2600, loaded: 2573, rejected: 7, dropped: 20, ... }
 * summary.changes?.run.history; // { versions: 207, current: 197, opened: 12, closed: 10, ... }
 * ```
 */
export async function runDemo(options: DemoOptions = {}): Promise<DemoSummary> {
  const started = performance.now();
  const say = options.onProgress ?? (() => {});
  const seed = options.seed ?? 1;
  const sizes = demoSizes(options.rows ?? DEFAULT_DEMO_ROWS);
  const root = options.root ?? process.cwd();
  const config =
    options.config ??
    validateConfig(exampleWarehouse, '@datakit-examples/warehouse (examples/warehouse/datakit.config.ts)');
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
    say(
      `Seeding ${formatNumber(sum(rows.tables.map((t) => t.rows.length)))} source rows into Systems A, D and E ...`,
    );
    const seeded = await seedDemoSources(rows, { sources, connections });
    const seededMs = Math.round(performance.now() - seedStarted);

    say('Deploying the warehouse (bronze, silver and gold) ...');
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

    const target = { warehouse, warehouseName, store: to, sources: connections, say };
    say(`Day 1 (logical time ${DEFAULT_NOW.toISOString()}): the first load.`);
    const day1 = await runDemoDay({ ...target, day: 1, logicalTime: DEFAULT_NOW });
    let changes: DemoSummary['changes'];
    if (options.changes !== false) {
      say(
        `Day 2 (logical time ${rows.changes.at.toISOString()}): applying a day of changes to the sources ...`,
      );
      const applied = await applyDemoChanges(rows.changes, { sources, connections });
      say(
        `  System A: ${applied.updatedCustomers} customer(s) updated, ${applied.newCustomers} added; System D: ${applied.newOrders} order(s) with ${applied.newOrderLines} line(s) placed`,
      );
      changes = { applied, run: await runDemoDay({ ...target, day: 2, logicalTime: rows.changes.at }) };
    }
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
      ...day1,
      rejectsTable: 'datakit.rejects',
      ...(changes ? { changes } : {}),
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

const sum = (values: readonly number[]) => values.reduce((a, b) => a + b, 0);
