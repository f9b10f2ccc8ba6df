import path from 'node:path';
import { connect } from '../../src/dialect/connect.js';
import { createTempProject, type TempProject } from './temp-project.js';

/**
 * The config of the rejects project, importing Datakit as a user does (`datakit-warehouse`, the build): a
 * transfer crm.customer → bronze.customer whose transform throws on the name BOOM and whose target
 * holds emails of 40 characters at most, and a pipeline that runs it, then a SQL transform to
 * silver.customer that rejects customers without an email.
 */
export function rejectsConfig(warehouseUrl: string, crmUrl: string): string {
  return `import { defineConfig, defineDatakit, defineSqlTransform, defineTransform, inLayer, lineageColumns } from 'datakit-warehouse';
import { sql } from 'drizzle-orm';
import { integer, pgSchema, pgTable, text, varchar } from 'drizzle-orm/pg-core';

const customer = pgSchema('crm').table('customer', {
  customer_id: integer().primaryKey(),
  full_name: text().notNull(),
  email: varchar({ length: 200 }),
});
const rawCustomer = pgTable('customer', {
  customer_id: integer().primaryKey(),
  full_name: text().notNull(),
  email: varchar({ length: 40 }),
  ...lineageColumns(),
});
const cleanCustomer = pgTable('customer', { id: integer().primaryKey(), name: text().notNull(), email: text().notNull() });

const crm = defineDatakit({ name: 'crm', version: '1.0.0', tables: { customer } });
const bronze = defineDatakit({ name: 'bronze', version: '1.0.0', layer: 'bronze', tables: { rawCustomer } });
const silver = defineDatakit({ name: 'silver', version: '1.0.0', layer: 'silver', tables: { cleanCustomer } });

const toBronze = defineTransform(customer, rawCustomer, (row) => {
  if (row.full_name === 'BOOM') throw new Error('cannot transform BOOM');
  return { customer_id: row.customer_id, full_name: row.full_name, email: row.email };
});
const toSilver = defineSqlTransform(inLayer(cleanCustomer, 'silver'), {
  from: inLayer(rawCustomer, 'bronze'),
  select: { id: rawCustomer.customer_id, name: rawCustomer.full_name, email: sql<string>\`coalesce(\${rawCustomer.email}, '')\` },
  rules: [{ name: 'email-present', column: 'email', check: sql\`\${rawCustomer.email} is not null\`, message: 'the customer has no email' }],
  disposition: 'replace',
});

export default defineConfig({
  warehouses: {
    shop: {
      layers: { bronze: { datakits: [bronze] }, silver: { datakits: [silver] } },
      sources: { crm },
      environments: { dev: { url: '${warehouseUrl}', sources: { crm: '${crmUrl}' } } },
      transfers: {
        customer: { from: 'crm', source: customer, target: rawCustomer, transform: toBronze, disposition: 'replace', options: { maxRejects: 10 } },
      },
      pipelines: { nightly: { tasks: [{ transfer: 'customer' }, { sqlTransform: toSilver }] } },
    },
  },
});
`;
}

/** A value that must print safely: markup, a quote, a comma and a line break, 60 characters. */
export const HOSTILE_EMAIL = `<script>alert("x")</script>,\nsecond-line-of-a-long@example.com`;

/**
 * Creates the project: the config, an empty PGlite warehouse directory, and a PGlite crm source
 * with 20 customers: 3 is named BOOM (the transform throws), 9 has {@link HOSTILE_EMAIL} (too long
 * for bronze), 12 and 15 have no email (silver rejects them).
 */
export async function createRejectsProject(): Promise<TempProject & { warehouseUrl: string }> {
  const project = createTempProject('dk-rejects-cli-');
  const warehouseUrl = `pglite://${path.join(project.dir, 'warehouse')}`;
  const crmUrl = `pglite://${path.join(project.dir, 'crm')}`;
  project.write('package.json', '{ "type": "module" }\n');
  project.write('datakit.config.ts', rejectsConfig(warehouseUrl, crmUrl));
  const crm = await connect(crmUrl);
  try {
    await crm.query('create schema crm');
    await crm.query(
      'create table crm.customer (customer_id integer primary key, full_name text not null, email varchar(200))',
    );
    for (let id = 1; id <= 20; id++) {
      const name = id === 3 ? 'BOOM' : `Customer ${id}`;
      const email = id === 9 ? HOSTILE_EMAIL : id === 12 || id === 15 ? null : `c${id}@example.com`;
      await crm.query('insert into crm.customer values ($1, $2, $3)', [id, name, email]);
    }
  } finally {
    await crm.close();
  }
  return { ...project, warehouseUrl };
}
