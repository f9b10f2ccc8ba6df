import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { connect } from '../../src/dialect/connect.js';
import type { Connection } from '../../src/dialect/connection.js';
import { createTestDatabase, type TestDatabase } from '../support/servers.js';
import { runCli } from './run-cli.js';
import { createTempProject, type TempProject } from './temp-project.js';

const src = fileURLToPath(new URL('../../src/index.ts', import.meta.url));

/**
 * A warehouse with bronze.raw_a and gold.mart, and pipelines with quality tasks: `nightly` checks
 * bronze.raw_a (`big-ids`: error on an id over 100; `odd-ids`: warn on odd ids), then builds
 * gold.mart from it with a SQL transform (edges from the tables only) and checks gold.mart with the
 * contract's checks; `hourly` runs `big-ids` again (the same check object); `plain` has no checks.
 * `lib` is where the config imports Datakit from: the source (in-process CLI under Vitest) or
 * `datakit-warehouse` (the built CLI).
 */
export function checkConfig(lib: string, url: string): string {
  return `import { contractChecks, defineConfig, defineDatakit, defineSqlTransform, inLayer, sqlCheck } from '${lib}';
import { sql } from 'drizzle-orm';
import { integer, pgTable, text } from 'drizzle-orm/pg-core';

const rawA = pgTable('raw_a', { id: integer().primaryKey(), label: text() });
const mart = pgTable('mart', { id: integer().primaryKey(), label: text() });
const bronze = defineDatakit({ name: 'bronze', version: '1.0.0', layer: 'bronze', tables: { rawA } });
const gold = defineDatakit({ name: 'gold', version: '1.0.0', layer: 'gold', tables: { mart } });

const buildMart = defineSqlTransform(inLayer(mart, 'gold'), {
  from: inLayer(rawA, 'bronze'),
  select: { id: rawA.id, label: rawA.label },
  disposition: 'replace',
});
const bigIds = sqlCheck('big-ids', sql\`select id, label from \${inLayer(rawA, 'bronze')} where id > 100\`);
const oddIds = sqlCheck('odd-ids', sql\`select id from \${inLayer(rawA, 'bronze')} where id % 2 = 1\`, { severity: 'warn' });

export default defineConfig({
  warehouses: {
    main: {
      layers: { bronze: { datakits: [bronze] }, gold: { datakits: [gold] } },
      environments: { dev: { url: '${url}' } },
      pipelines: {
        nightly: {
          tasks: [
            { name: 'check-raw', checks: [bigIds, oddIds] },
            { sqlTransform: buildMart, name: 'build-mart' },
            { name: 'check-mart', checks: contractChecks(inLayer(mart, 'gold')) },
          ],
        },
        hourly: { tasks: [{ name: 'check-raw', checks: [bigIds] }] },
        plain: { tasks: [{ name: 'noop', run: async () => {} }] },
      },
    },
  },
});
`;
}

/** A deployed check project: its folder, warehouse URL and a connection to the warehouse. */
export interface CheckProject {
  project: TempProject;
  url: string;
  warehouse: Connection;
  /** Points the config at the built library (for the spawned CLI) or back at the source. */
  useLibrary(lib: 'built' | 'source'): void;
  close(): Promise<void>;
}

/**
 * Creates the project on PGlite (a directory in it) or a throwaway PostgreSQL database and
 * deploys it with the in-process CLI (which also migrates the run store).
 */
export async function createCheckProject(kind: 'postgres' | 'pglite'): Promise<CheckProject> {
  const project = createTempProject('dk-check-cli-');
  const db: TestDatabase | undefined =
    kind === 'postgres' ? await createTestDatabase('postgres', 'check_cli') : undefined;
  const url = db ? db.url : `pglite://${path.join(project.dir, 'warehouse')}`;
  const useLibrary = (lib: 'built' | 'source') =>
    project.write('datakit.config.ts', checkConfig(lib === 'source' ? src : 'datakit-warehouse', url));
  useLibrary('source');
  project.write('package.json', '{ "type": "module" }\n');
  const deployed = await runCli(['deploy', '--env', 'dev'], project.dir);
  if (deployed.code !== 0) throw new Error(`deploy failed:\n${deployed.stderr}${deployed.stdout}`);
  const warehouse = await connect(url);
  return {
    project,
    url,
    warehouse,
    useLibrary,
    close: async () => {
      await warehouse.close();
      await db?.drop();
      project.remove();
    },
  };
}
