import { describe, expect, it } from 'vitest';
import { PostgresDdlCompiler } from '../../src/dialect/postgres/postgres-ddl-compiler.js';
import { applyDriftPolicy } from '../../src/drift/apply-drift-policy.js';
import { assertNoBreakingDrift } from '../../src/drift/assert-no-breaking-drift.js';
import type { DriftCheckResult, TableDriftResult } from '../../src/drift/check-drift.js';
import { diffTable } from '../../src/drift/diff-table.js';
import { formatDriftReport } from '../../src/drift/format-drift-report.js';
import { DatakitError } from '../../src/errors/datakit-error.js';
import type { TableSchema } from '../../src/schema/table-schema.js';
import { column, customerTable } from './table-fixtures.js';

const compiler = new PostgresDdlCompiler();

function decide(
  live: TableSchema | undefined,
  role: 'source' | 'target',
  policy: Parameters<typeof applyDriftPolicy>[1],
) {
  const contract = customerTable();
  return applyDriftPolicy(diffTable(contract, live, { role }), policy, { contract, live, compiler });
}

/** A target that lost a column and an enum value, got NOT NULL and a narrower varchar, and lost its index. */
const drifted = customerTable((t) => {
  t.columns = t.columns.filter((c) => c.name !== 'created_at');
  column(t, 'full_name').nullable = false;
  column(t, 'email').type = { kind: 'varchar', length: 100 };
  column(t, 'status').type = { kind: 'enum', enumName: 'customer_status', enumValues: ['new', 'active'] };
  t.indexes = [];
});

describe('applyDriftPolicy', () => {
  it('fail: stops on any breaking change, passes safe and info ones', () => {
    expect(decide(drifted, 'target', 'fail')).toMatchObject({ outcome: 'fail', ddl: [] });
    const safe = customerTable((t) =>
      t.columns.push({ name: 'nickname', type: { kind: 'text' }, nullable: true }),
    );
    expect(decide(safe, 'source', 'fail')).toMatchObject({ outcome: 'ok', blocking: [] });
  });

  it('evolve: plans additive DDL that resolves every additive breaking change of a target', () => {
    const decision = decide(drifted, 'target', 'evolve');
    expect(decision.outcome).toBe('evolve');
    expect(decision.blocking).toEqual([]);
    expect(decision.ddl).toEqual([
      'ALTER TABLE "shop"."customer" ALTER COLUMN "email" TYPE varchar(255) USING "email"::varchar(255)',
      'ALTER TABLE "shop"."customer" ALTER COLUMN "full_name" DROP NOT NULL',
      `ALTER TYPE "shop"."customer_status" ADD VALUE IF NOT EXISTS 'closed'`,
      'ALTER TABLE "shop"."customer" ADD COLUMN IF NOT EXISTS "created_at" timestamp with time zone DEFAULT now() NOT NULL',
      'CREATE INDEX IF NOT EXISTS "customer_name_idx" ON "shop"."customer" ("full_name")',
    ]);
  });

  it('evolve: adds a NOT NULL column without default as nullable, and creates a missing table', () => {
    const contract = customerTable((t) =>
      t.columns.push({ name: 'region', type: { kind: 'text' }, nullable: false }),
    );
    const live = customerTable();
    const decision = applyDriftPolicy(diffTable(contract, live, { role: 'target' }), 'evolve', {
      contract,
      live,
      compiler,
    });
    expect(decision.ddl).toEqual(['ALTER TABLE "shop"."customer" ADD COLUMN IF NOT EXISTS "region" text']);
    expect(decision.notes.join()).toContain('"region" is added as nullable');
    const missing = decide(undefined, 'target', 'evolve');
    expect(missing.outcome).toBe('evolve');
    expect(missing.ddl.some((sql) => sql.startsWith('CREATE TABLE IF NOT EXISTS "shop"."customer"'))).toBe(
      true,
    );
  });

  it('evolve: still fails on what it cannot resolve, and never alters a source', () => {
    const retyped = customerTable((t) => {
      column(t, 'full_name').type = { kind: 'integer' };
    });
    const decision = decide(retyped, 'target', 'evolve');
    expect(decision.outcome).toBe('fail');
    expect(decision.blocking.map((c) => c.kind)).toEqual(['column-type-changed']);
    const source = decide(drifted, 'source', 'evolve');
    expect(source).toMatchObject({ outcome: 'fail', ddl: [] });
    expect(source.notes.join()).toContain('never altered');
  });

  it('ignore-new-columns: sets new columns aside but still fails on breaking ones', () => {
    const live = customerTable((t) =>
      t.columns.push({ name: 'nickname', type: { kind: 'text' }, nullable: true }),
    );
    const decision = decide(live, 'source', 'ignore-new-columns');
    expect(decision.outcome).toBe('ok');
    expect(decision.ignored.map((c) => 'column' in c && c.column)).toEqual(['nickname']);
    const required = customerTable((t) =>
      t.columns.push({ name: 'region', type: { kind: 'text' }, nullable: false }),
    );
    expect(decide(required, 'target', 'ignore-new-columns').outcome).toBe('fail');
    expect(decide(required, 'target', 'evolve').ddl).toEqual([
      'ALTER TABLE "shop"."customer" ALTER COLUMN "region" DROP NOT NULL',
    ]);
  });

  it('quarantine: lets per-row problems through, stops on structural ones', () => {
    const narrowed = customerTable((t) => {
      column(t, 'email').type = { kind: 'varchar', length: 100 };
    });
    expect(decide(narrowed, 'target', 'quarantine')).toMatchObject({ outcome: 'quarantine', blocking: [] });
    expect(decide(drifted, 'target', 'quarantine').outcome).toBe('fail');
    expect(decide(undefined, 'source', 'quarantine').outcome).toBe('fail');
  });
});

function result(live: TableSchema | undefined, policy: 'fail' | 'evolve' = 'fail'): DriftCheckResult {
  const contract = customerTable();
  const report = diffTable(contract, live, { role: 'source' });
  const table: TableDriftResult = {
    ...applyDriftPolicy(report, policy),
    system: 'system-a',
    role: 'source',
    report,
    applied: [],
  };
  return { ok: table.outcome !== 'fail', tables: [table] };
}

describe('formatDriftReport and assertNoBreakingDrift', () => {
  const renamed = customerTable((t) => {
    column(t, 'email').name = 'email_address';
    t.uniques = [];
  });

  it('names system, table, column, both sides and the fix', () => {
    const text = formatDriftReport(result(renamed));
    expect(text).toContain('FAIL system-a source "shop"."customer"');
    expect(text).toContain(
      'Column "shop"."customer"."email": missing from the database. The contract says varchar(255) not null; the database has no such column (possibly renamed to "email_address").',
    );
    expect(text).toContain('fix: add a transform for the renamed column');
    expect(text).toContain('Drift check failed: 1 of 1 table would stop a run.');
    expect(formatDriftReport(result(customerTable()))).toContain('1 table without drift: system-a.customer');
  });

  it('throws DatakitError DRIFT naming the place, and returns the result when nothing blocks', async () => {
    const error = await assertNoBreakingDrift(result(renamed)).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(DatakitError);
    const drift = error as DatakitError;
    expect(drift.code).toBe('DRIFT');
    expect(drift.context).toMatchObject({
      system: 'system-a',
      schema: 'shop',
      table: 'customer',
      column: 'email',
    });
    expect(drift.message).toContain('no rows were moved');
    expect(drift.message).toContain('"email"');
    expect(drift.hint).toContain('add a transform for the renamed column');
    const ok = result(customerTable());
    await expect(assertNoBreakingDrift(ok)).resolves.toBe(ok);
  });
});
