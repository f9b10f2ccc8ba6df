import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { planDeploy } from '../../src/deploy/plan-deploy.js';
import type { Connection } from '../../src/dialect/connection.js';
import { checkDrift } from '../../src/drift/check-drift.js';
import type { DriftChange } from '../../src/drift/diff-table.js';
import type { TableSchema } from '../../src/schema/table-schema.js';
import { CASES, driftContract } from './drift-cases.js';
import type { DriftSuiteOptions } from './drift-suite.js';

/** What a change looks like to compare deploy's plan with drift's report. */
function identity(change: DriftChange) {
  return { kind: change.kind, message: change.message, classification: change.classification };
}

/**
 * For every drift case: the live table drifted by the case's ALTER is checked by `datakit drift`
 * (as a target) and planned by `datakit deploy`. Both must find the same changes with the same
 * classification; deploy must plan no step for a safe change, a plain step for an additive one and
 * a destructive step for a breaking one; applying the plan must leave only safe differences.
 */
export function runAgreementSuite(options: DriftSuiteOptions): void {
  describe(`deploy and drift agree on every drift case (${options.name})`, () => {
    let conn: Connection;
    const quote = (name: string) =>
      conn.dialect.adapter.quoteTable(
        options.schema === undefined ? { name } : { schema: options.schema, name },
      );
    const live = async (contract: TableSchema) => {
      const result = await checkDrift({
        connection: conn,
        tables: [{ system: 'shop', role: 'target', contract }],
      });
      const table = result.tables[0];
      if (!table) throw new Error('no drift result');
      return table;
    };
    const plan = (contract: TableSchema, current: TableSchema | undefined) => {
      // MySQL reads the table back with its database as schema; the contract names none.
      const placed = current && contract.schema === undefined ? { ...current } : current;
      if (placed && contract.schema === undefined) delete placed.schema;
      return planDeploy(
        [contract],
        { schemas: options.schema === undefined ? [] : [options.schema], tables: placed ? [placed] : [] },
        conn.dialect.createDdlCompiler(),
      );
    };

    beforeAll(async () => {
      conn = await options.open();
      if (options.schema !== undefined)
        await conn.query(conn.dialect.createDdlCompiler().createSchema(options.schema));
    });
    afterAll(async () => {
      await conn?.close();
    });

    CASES.forEach((drift, index) => {
      it(drift.title, async () => {
        const name = `agree_${index}`;
        const contract = driftContract(name, options.schema, options.family);
        for (const sql of conn.dialect.createDdlCompiler().createTable(contract)) await conn.query(sql);
        for (const sql of drift.alter[options.family](quote(name), {
          name,
          schema: options.schema,
          family: options.family,
        })) {
          await conn.query(sql);
        }
        const checked = await live(contract);
        const report = checked.report;
        const deploy = plan(contract, checked.live);
        expect(report.changes.some((c) => c.kind === drift.kind)).toBe(true);
        expect(deploy.changes.map(identity)).toEqual(report.changes.map(identity));
        for (const change of report.changes) {
          const steps = deploy.steps.filter((s) => s.changes.some((c) => c.message === change.message));
          const label = `${change.message} → ${JSON.stringify(steps.map((s) => s.action))}`;
          if (change.classification.severity === 'safe') {
            expect(steps, label).toEqual([]);
            expect(deploy.notes, label).toContain(change.message);
          } else {
            expect(steps.length, label).toBeGreaterThan(0);
            for (const step of steps)
              expect(step.destructive, label).toBe(change.classification.severity === 'breaking');
          }
        }
        expect(deploy.steps.every((s) => s.changes.length > 0)).toBe(true);
        if (drift.role === 'target') {
          expect(report.changes.find((c) => c.kind === drift.kind)?.severity).toBe(drift.severity);
        }

        if (deploy.steps.some((s) => s.statements.length === 0)) return;
        const apply = async (c: Connection) => {
          for (const sql of deploy.steps.flatMap((s) => s.statements)) await c.query(sql);
        };
        if (conn.dialect.adapter.supportsTransactionalDdl) await conn.transaction(apply);
        else await apply(conn);
        const after = await live(contract);
        expect(
          after.report.changes.filter((c) => c.classification.severity !== 'safe').map((c) => c.message),
        ).toEqual([]);
        expect(plan(contract, after.live).steps).toEqual([]);
      });
    });
  });
}
