import { integer, pgTable, text, varchar } from 'drizzle-orm/pg-core';
import { describe, expect, it } from 'vitest';
import { defineDatakit } from '../../src/contract/define-datakit.js';
import { planDeploy } from '../../src/deploy/plan-deploy.js';
import { postgresDialect } from '../../src/dialect/postgres/postgres-dialect.js';
import type { TableSchema } from '../../src/schema/table-schema.js';
import { warehouseTables } from '../../src/warehouse/warehouse-tables.js';

// planDeploy is pure: these cases need no database, only the PostgreSQL DDL compiler.
const customer = pgTable('customer', {
  customer_id: integer().primaryKey(),
  full_name: text().notNull(),
  email: varchar({ length: 200 }),
});
const kit = defineDatakit({ name: 'kit', version: '1.0.0', layer: 'bronze', tables: { customer } });
const desired = warehouseTables({
  layers: { bronze: { datakits: [kit] } },
  environments: { dev: { url: 'pglite://memory' } },
}).map((t) => t.contract);
const compiler = postgresDialect.createDdlCompiler();
const live = (change: (t: TableSchema) => TableSchema = (t) => t) => ({
  schemas: ['bronze'],
  tables: desired.map((t) => change(structuredClone(t))),
});

describe('planDeploy without a database', () => {
  it('on an empty warehouse: creates the layer schema, then the table; nothing destructive', () => {
    const plan = planDeploy(desired, { schemas: [], tables: [] }, compiler);
    expect(plan.steps.map((s) => [s.action, s.target])).toEqual([
      ['create-schema', 'bronze'],
      ['create-table', 'bronze.customer'],
    ]);
    expect(plan.destructive).toEqual([]);
    expect(plan.steps[1]?.statements.join('\n')).toMatch(
      /create table (if not exists )?"bronze"\."customer"/i,
    );
  });

  it('on a warehouse that matches: no steps', () => {
    expect(planDeploy(desired, live(), compiler).steps).toEqual([]);
  });

  it('a column the contract added is one additive step', () => {
    const plan = planDeploy(
      desired,
      live((t) => ({ ...t, columns: t.columns.filter((c) => c.name !== 'email') })),
      compiler,
    );
    expect(plan.steps.map((s) => [s.action, s.destructive])).toEqual([['add-column', false]]);
    expect(plan.steps[0]?.statements.join('\n')).toMatch(
      /add column (if not exists )?"email" varchar\(200\)/i,
    );
  });

  it('a column the contract no longer has is destructive', () => {
    const plan = planDeploy(
      desired,
      live((t) => ({
        ...t,
        columns: [...t.columns, { name: 'legacy', type: { kind: 'text' }, nullable: true }],
      })),
      compiler,
    );
    expect(plan.destructive.map((s) => [s.action, s.target])).toEqual([
      ['drop-column', 'bronze.customer.legacy'],
    ]);
  });
});
