import { describe, expect, it } from 'vitest';
import { planDeploy } from '../../src/deploy/plan-deploy.js';
import { PostgresDdlCompiler } from '../../src/dialect/postgres/postgres-ddl-compiler.js';
import type { TableSchema } from '../../src/schema/table-schema.js';
import { column, customerTable } from '../drift/table-fixtures.js';

const ddl = new PostgresDdlCompiler();

/** The plan that turns `live` into `desired`, as `action target` lines. */
function plan(desired: TableSchema[], live: TableSchema[], schemas = ['shop']) {
  return planDeploy(desired, { schemas, tables: live }, ddl);
}

function actions(result: ReturnType<typeof plan>): string[] {
  return result.steps.map((s) => `${s.destructive ? '!' : '+'} ${s.action} ${s.target}`);
}

describe('planDeploy (pure, no database)', () => {
  it('plans nothing when the live table is the contract', () => {
    expect(plan([customerTable()], [customerTable()]).steps).toEqual([]);
  });

  it('creates a schema, its enum type once, the tables, then their foreign keys', () => {
    const order: TableSchema = {
      schema: 'shop',
      name: 'order',
      columns: [
        { name: 'order_id', type: { kind: 'integer' }, nullable: false },
        { name: 'customer_id', type: { kind: 'integer' }, nullable: false },
        {
          name: 'status',
          type: { kind: 'enum', enumName: 'customer_status', enumValues: ['new', 'active', 'closed'] },
          nullable: false,
        },
      ],
      primaryKey: { columns: ['order_id'] },
      uniques: [],
      foreignKeys: [
        { columns: ['customer_id'], references: { table: 'customer', columns: ['customer_id'] } },
      ],
      indexes: [],
      checks: [],
    };
    const result = plan([customerTable(), order], [], []);
    expect(actions(result)).toEqual([
      '+ create-schema shop',
      '+ create-enum shop.customer_status',
      '+ create-table shop.customer',
      '+ create-table shop.order',
      '+ add-constraint shop.order',
    ]);
    const statements = result.steps.flatMap((s) => s.statements);
    expect(statements.filter((sql) => sql.includes('CREATE TYPE'))).toHaveLength(1);
    expect(statements.at(-1)).toContain('REFERENCES "shop"."customer"');
  });

  it('widens varchar(200) to text as an additive change, never a destructive one', () => {
    const live = customerTable((t) => {
      column(t, 'email').type = { kind: 'varchar', length: 200 };
    });
    const desired = customerTable((t) => {
      column(t, 'email').type = { kind: 'text' };
    });
    const result = plan([desired], [live]);
    expect(actions(result)).toEqual(['+ alter-column-type shop.customer.email']);
    expect(result.destructive).toEqual([]);
  });

  it('leaves a live column that is wider than the contract as it is', () => {
    const live = customerTable((t) => {
      column(t, 'email').type = { kind: 'text' };
    });
    expect(plan([customerTable()], [live]).steps).toEqual([]);
  });

  it('treats a renamed index or check as the same index or check: no step', () => {
    const live = customerTable((t) => {
      t.indexes = [{ name: 'customer_full_name_idx', columns: ['full_name'], unique: false }];
      t.checks = [{ name: 'balance_not_negative', expression: 'CHECK ((balance >= (0)::numeric))' }];
    });
    expect(actions(plan([customerTable()], [live]))).toEqual([]);
  });

  it('sets a changed default, and drops one the contract no longer has', () => {
    const live = customerTable((t) => {
      column(t, 'balance').default = '5';
      column(t, 'full_name').default = "'n/a'::text";
    });
    const result = plan([customerTable()], [live]);
    expect(actions(result)).toEqual([
      '+ set-default shop.customer.full_name',
      '+ set-default shop.customer.balance',
    ]);
    expect(result.steps.flatMap((s) => s.statements)).toEqual([
      'ALTER TABLE "shop"."customer" ALTER COLUMN "full_name" DROP DEFAULT',
      'ALTER TABLE "shop"."customer" ALTER COLUMN "balance" SET DEFAULT 0',
    ]);
  });

  it('keeps a column, an index or an enum value the contract does not list, and says so', () => {
    const live = customerTable((t) => {
      t.columns.push({ name: 'legacy_code', type: { kind: 'text' }, nullable: true });
      t.indexes.push({ name: 'customer_created_idx', columns: ['created_at'], unique: false });
      column(t, 'status').type = {
        kind: 'enum',
        enumName: 'customer_status',
        enumValues: ['new', 'active', 'closed', 'vip'],
      };
    });
    const result = plan([customerTable()], [live]);
    expect(result.steps).toEqual([]);
    expect(result.notes.join('\n')).toContain('"legacy_code"');
    expect(result.notes.join('\n')).toContain("'vip'");
  });

  it('adds a nullable column and a missing index; a NOT NULL column without default is destructive', () => {
    const desired = customerTable((t) => {
      t.columns.push({ name: 'phone', type: { kind: 'text' }, nullable: true });
      t.columns.push({ name: 'tier', type: { kind: 'integer' }, nullable: false });
      t.indexes.push({ name: 'customer_phone_idx', columns: ['phone'], unique: false });
    });
    const result = plan([desired], [customerTable()]);
    expect(actions(result)).toEqual([
      '+ add-column shop.customer.phone',
      '! add-column shop.customer.tier',
      '+ create-index shop.customer.customer_phone_idx',
    ]);
    expect(result.destructive[0]?.reason).toContain('NOT NULL');
  });

  it('relaxes a NOT NULL the contract does not have, and tightens one only as a destructive step', () => {
    const live = customerTable((t) => {
      column(t, 'full_name').nullable = false;
      column(t, 'email').nullable = true;
    });
    expect(actions(plan([customerTable()], [live]))).toEqual([
      '! set-not-null shop.customer.email',
      '+ drop-not-null shop.customer.full_name',
    ]);
  });

  it('adds missing enum values once for a type that two columns share', () => {
    const withStatus = (name: string) =>
      customerTable((t) => {
        t.name = name;
        column(t, 'status').type = {
          kind: 'enum',
          enumName: 'customer_status',
          enumValues: ['new', 'active'],
        };
      });
    const desired = [
      customerTable(),
      customerTable((t) => {
        t.name = 'prospect';
      }),
    ];
    const result = plan(desired, [withStatus('customer'), withStatus('prospect')]);
    expect(actions(result)).toEqual(['+ add-enum-values shop.customer_status']);
    expect(result.steps[0]?.statements).toEqual([
      `ALTER TYPE "shop"."customer_status" ADD VALUE IF NOT EXISTS 'closed'`,
    ]);
  });

  it('retypes a column only as a destructive step', () => {
    const live = customerTable((t) => {
      column(t, 'full_name').type = { kind: 'integer' };
    });
    const result = plan([customerTable()], [live]);
    expect(actions(result)).toEqual(['! alter-column-type shop.customer.full_name']);
    expect(result.destructive[0]?.reason).toMatch(/integer.*text/);
  });
});
