import { existsSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from './run-cli.js';
import { createTempProject, type TempProject } from './temp-project.js';

// A project on a PGlite warehouse whose directory (.datakit/dev/warehouse) does not exist yet.
const CONFIG = `import { defineConfig, defineDatakit } from 'datakit-warehouse';
import { integer, pgTable, text } from 'drizzle-orm/pg-core';

const customer = pgTable('customer', { id: integer().primaryKey(), name: text() });
const crm = defineDatakit({ name: 'crm', version: '1.0.0', tables: { customer } });
const bronze = defineDatakit({ name: 'bronze', version: '1.0.0', layer: 'bronze', tables: { customer } });

export default defineConfig({
  warehouses: {
    main: {
      layers: { bronze: { datakits: [bronze] } },
      sources: { crm },
      environments: { dev: { url: 'pglite://.datakit/dev/warehouse', sources: { crm: 'pglite://memory' } } },
      transfers: { customer: { from: 'crm', source: crm.tables.customer, target: bronze.tables.customer } },
      pipelines: {
        nightly: { schedule: '0 2 * * *', timezone: 'Europe/Amsterdam', tasks: [{ transfer: 'customer' }] },
        adhoc: { tasks: [{ transfer: 'customer' }, { name: 'notify', after: ['customer'], run: async () => {} }] },
      },
    },
  },
});
`;

describe('config and deploy --plan on a PGlite project (CLI)', () => {
  let project: TempProject;
  const cli = (...args: string[]) => runCli(args, project.dir);
  beforeAll(() => {
    project = createTempProject('dk-cli-pglite-');
    project.write('datakit.config.ts', CONFIG);
    project.write('package.json', '{ "type": "module" }\n');
  });
  afterAll(() => project?.remove());

  it('config lists the pipelines with their task counts and schedules', async () => {
    const text = await cli('config');
    expect(text.code).toBe(0);
    expect(text.stdout).toContain('  pipeline nightly: 1 task, schedule "0 2 * * *" (Europe/Amsterdam)\n');
    expect(text.stdout).toContain('  pipeline adhoc: 2 tasks, no schedule\n');
    const json = await cli('config', '--json');
    expect(json.code).toBe(0);
    expect(JSON.parse(json.stdout).pipelines).toEqual({
      nightly: { tasks: 1, schedule: '0 2 * * *', timezone: 'Europe/Amsterdam' },
      adhoc: { tasks: 2 },
    });
  });

  it('deploy --plan creates no directory, and says every table would be created', async () => {
    const dir = path.join(project.dir, '.datakit/dev/warehouse');
    const { code, stdout } = await cli('deploy', '--plan');
    expect(code).toBe(0);
    expect(stdout).toContain(`deploy main/dev → pglite://${dir}\n`);
    expect(stdout).toContain(
      `note: the PGlite directory ${dir} does not exist yet: every table would be created`,
    );
    expect(stdout).toContain('+ create-table bronze.customer');
    expect(stdout).toContain('Plan only: nothing was changed.');
    const json = JSON.parse((await cli('deploy', '--plan', '--json')).stdout);
    expect(json).toMatchObject({ ok: true, status: 'planned', target: `pglite://${dir}` });
    expect(existsSync(path.join(project.dir, '.datakit'))).toBe(false);
  });

  it('deploy creates the directory; a later --plan reads it and has nothing to do', async () => {
    expect((await cli('deploy')).code).toBe(0);
    expect(existsSync(path.join(project.dir, '.datakit/dev/warehouse/PG_VERSION'))).toBe(true);
    const { code, stdout } = await cli('deploy', '--plan');
    expect(code).toBe(0);
    expect(stdout).not.toContain('does not exist yet');
    expect(stdout).toContain('No changes: the warehouse matches its contracts.');
  });
});
