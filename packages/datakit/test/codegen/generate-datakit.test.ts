import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateDatakit } from '../../src/codegen/generate-datakit.js';
import { detectChanges } from '../../src/drift/detect-changes.js';
import type { TableSchema } from '../../src/schema/table-schema.js';
import { mysqlSampleTables, pgSampleTables } from './sample-tables.js';
import { generatedDir, typeCheck } from './type-check.js';

interface LoadedDatakit {
  name: string;
  version: string;
  keys: string[];
  schemaOf(key: string): TableSchema;
}

const pg = generateDatakit(pgSampleTables(), { name: 'system-d', version: '1.2.0', dialect: 'postgresql' });
const mysql = generateDatakit(mysqlSampleTables(), {
  name: 'shop-db',
  version: '1.0.0',
  dialect: 'mysql',
  bigint: 'number',
});

describe('generateDatakit', () => {
  it('is byte-stable whatever order the tables come in', () => {
    const reversed = generateDatakit([...pgSampleTables()].reverse(), {
      name: 'system-d',
      version: '1.2.0',
      dialect: 'postgresql',
    });
    expect(reversed.code).toBe(pg.code);
  });

  it('writes tables, schema, enums, keys, constraints and the datakit', () => {
    expect(pg.exportName).toBe('systemD');
    expect(pg.code).toContain("export const shopSchema = pgSchema('shop');");
    expect(pg.code).toContain(
      "export const orderStatusEnum = shopSchema.enum('order_status', ['new', 'paid', \"it's\"]);",
    );
    expect(pg.code).toContain(
      "order_id: bigint({ mode: 'bigint' }).generatedByDefaultAsIdentity().primaryKey(),",
    );
    expect(pg.code).toContain("status: orderStatusEnum().notNull().default('new'),");
    expect(pg.code).toContain("total: numeric({ precision: 10, scale: 2 }).default('0.00'),");
    expect(pg.code).toContain(
      'placed_at: timestamp({ withTimezone: true, precision: 3 }).notNull().default(sql`now()`),',
    );
    expect(pg.code).toContain('grid: integer().array().array(),');
    expect(pg.code).toContain("email: varchar({ length: 255 }).notNull().unique('customer_email_key'),");
    expect(pg.code).toContain("unique('customer_code_manager_key').on(t.code, t.manager_id),");
    expect(pg.code).toContain("primaryKey({ name: 'order_line_pkey', columns: [t.order_id, t.line_no] }),");
    expect(pg.code).toContain("index('order_placed_idx').on(t.placed_at, t.status),");
    expect(pg.code).toContain("uniqueIndex('customer_ref_idx').on(t.ref),");
    expect(pg.code).toContain(
      "    foreignKey({\n      name: 'order_customer_id_fkey',\n      columns: [t.customer_id],\n      foreignColumns: [customer.customer_id],\n    }).onDelete('cascade'),\n",
    );
    expect(pg.code).toContain(
      "    foreignKey({ name: 'order_line_order_fkey', columns: [t.order_id], foreignColumns: [order.order_id] }),\n",
    );
    expect(pg.code).toContain("  (t) => [primaryKey({ name: 'integer_id_pk', columns: [t.id] })],\n");
    expect(pg.code).toContain("check('order_total_check', sql`(total >= (0)::numeric)`),");
    expect(pg.code).toContain(`'odd name': varchar({ length: 20 }).default("it's"),`);
    expect(pg.code).toContain('/** a *\\/ comment */');
    expect(pg.code).toContain('export type OrderLine = typeof orderLine.$inferSelect;');
    expect(pg.code).toMatch(
      /export const systemD = defineDatakit\(\{\n {2}name: 'system-d',\n {2}version: '1.2.0',\n {2}tables: \{ customer, integerTable, order, orderLine \},\n\}\);\n$/,
    );
  });

  it('gives a table named like a builder another variable name', () => {
    expect(pg.code).toContain("export const integerTable = shopSchema.table(\n  'integer',");
  });

  it('writes types it has no kind for as a rawType pass-through with a comment and a warning', () => {
    expect(pg.code).toContain(`geom: rawType({ sql: 'point' }), // datakit: unmapped type "point"`);
    expect(pg.code).toContain('const rawType = customType<');
    expect(pg.warnings).toContainEqual(
      expect.objectContaining({ table: 'order', column: 'geom', rawType: 'point' }),
    );
    expect(mysql.code).toContain('yr: year(),');
    expect(mysql.code).toContain('bits: bit({ length: 8 }),');
    expect(mysql.code).toContain(`tags: set({ values: ['a', "it's"] }),`);
    expect(mysql.code).toContain(`spot: rawType({ sql: 'point' }), // datakit: unmapped type "point"`);
    expect(mysql.warnings).toEqual([
      expect.objectContaining({
        table: 'item',
        column: 'spot',
        rawType: 'point',
        message: expect.stringContaining('rawType'),
      }),
    ]);
  });

  it('leaves out a foreign key to a table outside the datakit, with a warning', () => {
    expect(pg.code).toContain(
      '// datakit: foreign key "order_line_elsewhere_fkey" (line_no) references "other"."elsewhere", which is not in this datakit',
    );
    expect(pg.warnings.some((w) => w.message.includes('order_line_elsewhere_fkey'))).toBe(true);
  });

  it('writes MySQL tables with the exact builders', () => {
    expect(mysql.code).toContain("import { defineDatakit } from 'datakit-warehouse';");
    expect(mysql.code).toContain("from 'drizzle-orm/mysql-core';");
    expect(mysql.code).toContain(
      "id: bigint({ mode: 'number', unsigned: true }).autoincrement().primaryKey(),",
    );
    expect(mysql.code).toContain('tiny: tinyint(),');
    expect(mysql.code).toContain('medium: mediumint(),');
    expect(mysql.code).toContain('flag: boolean().notNull().default(true),');
    expect(mysql.code).toContain('notes: longtext(),');
    expect(mysql.code).toContain("size: mysqlEnum(['s', 'm', 'l']).default('m'),");
    expect(mysql.code).toContain(
      'created: datetime({ fsp: 3 }).notNull().default(sql`current_timestamp(3)`),',
    );
    expect(mysql.code).toContain('touched: timestamp(),');
    expect(mysql.code).toContain('hash: binary({ length: 16 }),');
    expect(mysql.code).toContain('blob: mediumblob(),');
    expect(mysql.code).toContain('primaryKey({ columns: [t.item_id, t.part_id] }),');
    expect(mysql.code).not.toContain('pgTable');
  });
});

describe('generated modules compile and read back as the same tables', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await generatedDir('codegen');
    await writeFile(path.join(dir, 'pg.ts'), pg.code);
    await writeFile(path.join(dir, 'mysql.ts'), mysql.code);
  });
  afterAll(async () => {
    const { rm } = await import('node:fs/promises');
    await rm(dir, { recursive: true, force: true });
  });

  it('type-checks under the strict tsconfig (and the check does catch errors)', async () => {
    await writeFile(
      path.join(dir, 'broken.ts'),
      `${pg.code}\nexport const wrong: Order = { order_id: 'x' };\n`,
    );
    const errors = await typeCheck(dir);
    expect(errors.length).toBeGreaterThan(0);
    expect(errors.every((e) => e.includes('broken.ts'))).toBe(true);
    const { rm } = await import('node:fs/promises');
    await rm(path.join(dir, 'broken.ts'));
    expect(await typeCheck(dir)).toEqual([]);
  }, 120_000);

  it('passes Biome (format and lint) as written', async () => {
    const { execFile } = await import('node:child_process');
    const { promisify } = await import('node:util');
    const biome = path.resolve(dir, '../../../../../../node_modules/.bin/biome');
    const files = [path.join(dir, 'pg.ts'), path.join(dir, 'mysql.ts')];
    const outcome = await promisify(execFile)(biome, ['check', ...files]).then(
      () => 'clean',
      (error: { stdout?: string; stderr?: string }) => `${error.stdout ?? ''}${error.stderr ?? ''}`,
    );
    expect(outcome).toBe('clean');
  });

  for (const [file, tables, exportName] of [
    ['pg.ts', pgSampleTables(), 'systemD'],
    ['mysql.ts', mysqlSampleTables(), 'shopDb'],
  ] as const) {
    it(`${file}: fromDrizzle gives back every table, differing only where codegen warned`, async () => {
      const module = (await import(pathToFileURL(path.join(dir, file)).href)) as Record<
        string,
        LoadedDatakit
      >;
      const datakit = module[exportName] as LoadedDatakit;
      const read = datakit.keys.map((key) => datakit.schemaOf(key));
      expect(read.map((t) => t.name).sort()).toEqual(tables.map((t) => t.name).sort());
      const changes = tables.flatMap((table) =>
        detectChanges(
          table,
          read.find((t) => t.name === table.name),
        ),
      );
      // Drizzle tables carry no comments: codegen writes them as JSDoc, so they do not read back.
      const summary = changes
        .filter((c) => c.kind !== 'comment-changed')
        .map((c) => `${c.table.name}:${c.kind}:${'column' in c ? c.column : ''}`);
      expect(summary).toEqual(file === 'pg.ts' ? ['order_line:foreign-key-dropped:'] : []);
    });
  }
});
