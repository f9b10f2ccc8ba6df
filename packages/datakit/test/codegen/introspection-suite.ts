import { readFile, rm } from 'node:fs/promises';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { introspectToDirectory } from '../../src/codegen/introspect-to-directory.js';
import type { Connection } from '../../src/dialect/connection.js';
import { detectChanges } from '../../src/drift/detect-changes.js';
import { normalizeDefault } from '../../src/drift/normalize-sql-expression.js';
import type { TableSchema } from '../../src/schema/table-schema.js';
import { RETYPED, sampleDatabaseSql, UNMAPPED } from './sample-database.js';
import { generatedDir, typeCheck } from './type-check.js';

/** How one dialect runs the live introspection suite. */
export interface IntrospectionSuiteOptions {
  name: string;
  family: 'postgresql' | 'mysql';
  /** A connection to a database this suite may fill. */
  open(): Promise<Connection>;
  /** The schema to create the sample in (PostgreSQL), or the database's name (MySQL). */
  schema(): string;
  /** An empty place to deploy the generated tables into, and the schema to deploy them to. */
  openCopy(): Promise<{ conn: Connection; schema: string | undefined }>;
}

interface LoadedDatakit {
  name: string;
  version: string;
  keys: string[];
  schemaOf(key: string): TableSchema;
}

/**
 * Introspect a live sample database, generate its datakit, type-check and import it, deploy its
 * tables elsewhere and introspect again: the same description, modulo what Drizzle tables cannot
 * carry (comments) and each dialect's own spelling of types (`raw`) and defaults.
 */
export function runIntrospectionSuite(options: IntrospectionSuiteOptions): void {
  describe(`introspect → datakit → deploy → introspect (${options.name})`, () => {
    let conn: Connection;
    let dir: string;
    let file: string;
    let first: Awaited<ReturnType<typeof introspectToDirectory>>;
    const schemaOption = () => (options.family === 'postgresql' ? { schema: options.schema() } : {});

    beforeAll(async () => {
      conn = await options.open();
      for (const sql of sampleDatabaseSql(options.family, options.schema())) await conn.query(sql);
      dir = await generatedDir(`live-${options.name}`);
      first = await introspectToDirectory({
        connection: conn,
        ...schemaOption(),
        out: path.join(dir, 'shop-db'),
        version: '2.1.0',
      });
      file = first.files[0] as string;
    });
    afterAll(async () => {
      await conn?.close();
      if (dir) await rm(dir, { recursive: true, force: true });
    });

    it('writes index.ts with every table, warning about each unmapped type', async () => {
      expect(first.files).toEqual([path.join(dir, 'shop-db', 'index.ts')]);
      expect(first.tables).toEqual(['customer', 'oddity', 'order', 'order_line']);
      expect(first.exportName).toBe('shopDb');
      expect(first.warnings.map((w) => `${w.table}.${w.column}`).sort()).toEqual(
        UNMAPPED[options.family].map((c) => `oddity.${c}`),
      );
      const code = await readFile(file, 'utf8');
      for (const column of UNMAPPED[options.family])
        expect(code).toMatch(new RegExp(`${column}: \\w+\\(.*\\), // datakit: unmapped type`));
      expect(code).toContain("name: 'shop-db',");
    });

    it('regenerates byte-identical code from the unchanged database, keeping the version', async () => {
      const before = await readFile(file, 'utf8');
      const again = await introspectToDirectory({
        connection: conn,
        ...schemaOption(),
        out: path.join(dir, 'shop-db'),
      });
      expect(await readFile(again.files[0] as string, 'utf8')).toBe(before);
      expect(before).toContain("version: '2.1.0',");
    });

    it('only reads the tables asked for, and names the ones that do not exist', async () => {
      const some = await introspectToDirectory({
        connection: conn,
        ...schemaOption(),
        tables: ['order'],
        out: path.join(dir, 'only-order'),
      });
      expect(some.tables).toEqual(['order']);
      expect(some.warnings.some((w) => w.message.includes('"customer"'))).toBe(true);
      await expect(
        introspectToDirectory({
          connection: conn,
          ...schemaOption(),
          tables: ['order', 'nope'],
          out: path.join(dir, 'nope'),
        }),
      ).rejects.toMatchObject({ code: 'USAGE', message: expect.stringContaining('"nope" not found') });
    });

    it('type-checks under the strict tsconfig', async () => {
      expect(await typeCheck(path.dirname(file))).toEqual([]);
    }, 180_000);

    it('deploys the generated tables and reads back the same description', async () => {
      const module = (await import(pathToFileURL(file).href)) as Record<string, LoadedDatakit>;
      const datakit = module.shopDb as LoadedDatakit;
      expect(datakit.version).toBe('2.1.0');
      const contracts = datakit.keys.map((key) => datakit.schemaOf(key));
      const original = await conn.dialect.createIntrospector(conn).introspect(schemaOption());
      const copy = await options.openCopy();
      try {
        const ddl = copy.conn.dialect.createDdlCompiler();
        const moved = contracts.map((t) => moveTo(t, copy.schema));
        if (copy.schema !== undefined && options.family === 'postgresql')
          await copy.conn.query(ddl.createSchema(copy.schema));
        for (const table of moved)
          for (const sql of ddl.createTable({ ...table, foreignKeys: [] })) await copy.conn.query(sql);
        for (const table of moved)
          for (const fk of table.foreignKeys) await copy.conn.query(ddl.addForeignKey(table, fk));
        const redeployed = await copy.conn.dialect
          .createIntrospector(copy.conn)
          .introspect(copy.schema === undefined ? {} : { schema: copy.schema });
        const same = (tables: TableSchema[]) => comparable(tables.filter((t) => t.name !== 'oddity'));
        expect(same(redeployed)).toEqual(same(original));
        const oddity = (tables: TableSchema[]) => tables.find((t) => t.name === 'oddity');
        const changes = detectChanges(oddity(original), oddity(redeployed), { comments: 'declared' });
        expect(changes.map((c) => ('column' in c ? `${c.kind}:${c.column}` : c.kind)).sort()).toEqual(
          RETYPED[options.family].map((c) => `column-type-changed:${c}`),
        );
        for (const table of original.filter((t) => t.name !== 'oddity')) {
          // Drizzle tables carry no comments (codegen keeps them as JSDoc): everything else must match.
          const changes = detectChanges(
            table,
            redeployed.find((t) => t.name === table.name),
          );
          expect(
            changes.filter((c) => c.kind !== 'comment-changed'),
            table.name,
          ).toEqual([]);
        }
      } finally {
        await copy.conn.close();
      }
    });
  });
}

/** The tables at another schema (foreign keys within the old schema follow). */
function moveTo(table: TableSchema, schema: string | undefined): TableSchema {
  const { schema: old, ...rest } = table;
  const foreignKeys = table.foreignKeys.map((fk) => {
    const { schema: refSchema, ...references } = fk.references;
    return {
      ...fk,
      references:
        refSchema === undefined || refSchema === old
          ? { ...references, ...(schema === undefined ? {} : { schema }) }
          : fk.references,
    };
  });
  return { ...rest, ...(schema === undefined ? {} : { schema }), foreignKeys };
}

/** Drops what a Drizzle table cannot carry or each side spells its own way: schema, raw types, comments, default spelling. */
function comparable(tables: TableSchema[]): unknown[] {
  return tables.map(({ schema: _schema, comment: _comment, ...table }) => ({
    ...table,
    columns: table.columns.map(({ comment: _c, default: fallback, ...column }) => {
      const { raw: _raw, ...type } = column.type;
      return { ...column, type, default: normalizeDefault(fallback, type.kind) };
    }),
  }));
}
