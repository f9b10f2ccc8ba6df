import { int, mysqlTable, varchar } from 'drizzle-orm/mysql-core';
import { integer, pgSchema, text } from 'drizzle-orm/pg-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fromDrizzle } from '../../src/contract/from-drizzle.js';
import type { Connection } from '../../src/dialect/connection.js';
import { assertNoBreakingDrift } from '../../src/drift/assert-no-breaking-drift.js';
import { checkDrift } from '../../src/drift/check-drift.js';
import { formatDriftReport } from '../../src/drift/format-drift-report.js';
import { DatakitError } from '../../src/errors/datakit-error.js';
import { CASES, driftContract } from './drift-cases.js';

/** How one dialect runs the live drift suite. */
export interface DriftSuiteOptions {
  name: string;
  family: 'postgresql' | 'mysql';
  open(): Promise<Connection>;
  /** The PostgreSQL schema to work in (created by the suite), undefined for MySQL's database. */
  schema: string | undefined;
}

/**
 * Each kind of drift made with ALTER TABLE on a live table, checked against its contract: the
 * classification, the policy outcome and a message naming the column.
 */
export function runDriftSuite(options: DriftSuiteOptions): void {
  describe(`drift against a live database (${options.name})`, () => {
    let conn: Connection;
    const quote = (name: string) =>
      conn.dialect.adapter.quoteTable(
        options.schema === undefined ? { name } : { schema: options.schema, name },
      );
    const create = async (name: string) => {
      const contract = driftContract(name, options.schema, options.family);
      for (const sql of conn.dialect.createDdlCompiler().createTable(contract)) await conn.query(sql);
      return contract;
    };

    beforeAll(async () => {
      conn = await options.open();
      if (options.schema !== undefined)
        await conn.query(conn.dialect.createDdlCompiler().createSchema(options.schema));
    });
    afterAll(async () => {
      await conn?.close();
    });

    it('finds no drift on a table deployed from its contract', async () => {
      const contract = await create('d_clean');
      const result = await checkDrift({
        connection: conn,
        tables: [{ system: 'shop', role: 'target', contract }],
      });
      expect(result.ok).toBe(true);
      expect(result.tables[0]?.report.changes).toEqual([]);
      expect(result.tables[0]?.live?.name).toBe('d_clean');
    });

    CASES.forEach((drift, index) => {
      it(drift.title, async () => {
        const name = `d_case_${index}`;
        const contract = await create(name);
        for (const sql of drift.alter[options.family](quote(name), {
          name,
          schema: options.schema,
          family: options.family,
        })) {
          await conn.query(sql);
        }
        const result = await checkDrift({
          connection: conn,
          tables: [{ system: 'shop', role: drift.role, contract }],
        });
        const table = result.tables[0];
        const change = table?.report.changes.find((c) => c.kind === drift.kind);
        expect(change, JSON.stringify(table?.report.changes.map((c) => c.message))).toBeDefined();
        expect(change?.severity).toBe(drift.severity);
        expect(table?.outcome).toBe(drift.outcome);
        if (drift.column) {
          expect('column' in (change ?? {}) && change && 'column' in change ? change.column : undefined).toBe(
            drift.column,
          );
          expect(change?.message).toContain(`"${name}"."${drift.column}"`);
        }
        if (drift.message) expect(change?.message).toContain(drift.message);
        if (drift.fix) expect(change?.fix).toContain(drift.fix);
        expect(formatDriftReport(result)).toContain(change?.message);
      });
    });

    it('a text default with a quote and a backslash (from Drizzle) is stored as written and shows no drift', async () => {
      const value = "it's C:\\temp\\new";
      const table =
        options.family === 'postgresql'
          ? pgSchema(options.schema ?? 'public').table('d_default_text', {
              id: integer('id').primaryKey(),
              note: text('note').notNull().default(value),
            })
          : mysqlTable('d_default_text', {
              id: int('id').primaryKey(),
              note: varchar('note', { length: 50 }).notNull().default(value),
            });
      const contract = fromDrizzle(table);
      for (const sql of conn.dialect.createDdlCompiler().createTable(contract)) await conn.query(sql);
      await conn.query(`insert into ${quote('d_default_text')} (id) values (1)`);
      const { rows } = await conn.query<{ note: string }>(`select note from ${quote('d_default_text')}`);
      expect(rows[0]?.note).toBe(value);
      const result = await checkDrift({
        connection: conn,
        tables: [{ system: 'shop', role: 'target', contract }],
      });
      expect(result.tables[0]?.report.changes).toEqual([]);
    });

    it('reports a missing table as breaking', async () => {
      const contract = driftContract('d_never_created', options.schema, options.family);
      const result = await checkDrift({
        connection: conn,
        tables: [{ system: 'shop', role: 'source', contract }],
      });
      expect(result.ok).toBe(false);
      expect(result.tables[0]?.report.changes).toMatchObject([
        { kind: 'table-missing', severity: 'breaking' },
      ]);
    });

    it('assertNoBreakingDrift throws DRIFT naming system, table and column before any row moves', async () => {
      const contract = await create('d_assert');
      await conn.query(`alter table ${quote('d_assert')} drop column full_name`);
      const error = await assertNoBreakingDrift({
        connection: conn,
        tables: [{ system: 'shop', role: 'source', contract }],
      }).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(DatakitError);
      expect((error as DatakitError).code).toBe('DRIFT');
      expect((error as DatakitError).context).toMatchObject({
        system: 'shop',
        table: 'd_assert',
        column: 'full_name',
      });
      expect((error as DatakitError).describe()).toContain('fix: ');
    });

    it('evolve applies the additive DDL to a target and keeps its rows', async () => {
      const contract = await create('d_evolve');
      const t = quote('d_evolve');
      const alters =
        options.family === 'postgresql'
          ? [
              `alter table ${t} drop column full_name`,
              `alter table ${t} alter column email type varchar(50)`,
              `alter table ${t} alter column balance set not null`,
              `drop index "${options.schema}"."d_evolve_created_idx"`,
            ]
          : [
              `alter table ${t} drop column full_name`,
              `alter table ${t} modify email varchar(50) not null`,
              `alter table ${t} modify balance decimal(10,2) not null`,
              `alter table ${t} modify status enum('new') not null default 'new'`,
              `drop index d_evolve_created_idx on ${t}`,
            ];
      for (const sql of alters) await conn.query(sql);
      await conn.query(
        `insert into ${t} (id, email, status, balance) values (1, 'a@example.com', 'new', 2.5)`,
      );
      const planned = await checkDrift({
        connection: conn,
        tables: [{ system: 'bronze', role: 'target', contract, policy: 'evolve' }],
      });
      expect(planned.tables[0]?.outcome).toBe('evolve');
      expect(planned.tables[0]?.applied).toEqual([]);
      const evolved = await checkDrift({
        connection: conn,
        applyEvolution: true,
        tables: [{ system: 'bronze', role: 'target', contract, policy: 'evolve' }],
      });
      const table = evolved.tables[0];
      expect(evolved.ok).toBe(true);
      expect(table?.applied.length).toBeGreaterThanOrEqual(4);
      expect(table?.report.changes.filter((c) => c.severity === 'breaking')).toEqual([]);
      expect(table?.outcome).toBe('ok');
      const { rows } = await conn.query<{ email: string }>(`select email from ${t}`);
      expect(rows).toEqual([{ email: 'a@example.com' }]);
    });
  });
}
