import { randomUUID } from 'node:crypto';
import type { Connection } from '../dialect/connection.js';
import { DatakitError } from '../errors/datakit-error.js';
import { DEFAULT_STORE_SCHEMA } from '../store/store-schema.js';
import { type CompileContext, compileTransform } from './compile-transform.js';
import type { Statement } from './compile-write.js';
import { type PlaceOptions, placedName, type TableAddress } from './resolve-table.js';
import type { SqlDisposition, TransformPlan } from './transform-plan.js';

/**
 * How one run of a SQL transform is placed and stamped: where tables live (`place`; default: a
 * layer's table in the schema named after the layer), the logical time (`at`, default now), the load id (default a new UUID) and the
 * rejects table (default `datakit.rejects`, with the columns of the transfer engine's).
 *
 * @example
 * ```ts
 * await transform.run(conn, { place: (t) => ({ schema: `${t.layer}_dev`, name: t.name }), at: logicalTime });
 * ```
 */
export interface RunTransformOptions extends PlaceOptions {
  at?: Date;
  loadId?: string;
  rejects?: TableAddress;
}

/**
 * What one run did: rows per step and in total. `written` counts rows inserted (append,
 * replace), merged (inserted or updated by `MERGE`) or opened (history versions); `inferred`
 * the inferred dimension members a fact created.
 *
 * @example
 * ```ts
 * const r = await silverCustomer.run(conn);
 * console.log(`${r.rows.written} written, ${r.rows.rejected} rejected in ${r.ms} ms`);
 * ```
 */
export interface SqlTransformResult {
  name: string;
  target: string;
  disposition: SqlDisposition;
  loadId: string;
  at: Date;
  rows: {
    staged: number;
    written: number;
    rejected: number;
    deleted: number;
    closed: number;
    inferred: number;
  };
  steps: { step: Statement['step']; rows: number; ms: number }[];
  ms: number;
}

/**
 * The default rejects table, the run store's (shared with the transfer engine).
 *
 * @example
 * ```ts
 * await transform.run(conn, { rejects: DEFAULT_REJECTS });
 * ```
 */
export const DEFAULT_REJECTS: TableAddress = {
  schema: DEFAULT_STORE_SCHEMA.name,
  name: DEFAULT_STORE_SCHEMA.tableNames.rejects,
};

/**
 * Compiles and runs a plan in one transaction (a savepoint when `conn` is already in one), after
 * the `prelude` statements (a fact's locks and inferred members).
 *
 * @example
 * ```ts
 * const result = await runTransformPlan(conn, plan, { at: logicalTime });
 * ```
 * @internal
 */
export async function runTransformPlan(
  conn: Connection,
  plan: TransformPlan,
  options: RunTransformOptions = {},
  prelude: (ctx: CompileContext) => Statement[] = () => [],
): Promise<SqlTransformResult> {
  const started = performance.now();
  const at = options.at ?? new Date();
  const loadId = options.loadId ?? randomUUID();
  const ctx: CompileContext = {
    dialect: conn.dialect,
    ...(options.place ? { place: options.place } : {}),
    at,
    loadId,
    rejects: options.rejects ?? DEFAULT_REJECTS,
  };
  const compiled = compileTransform(plan, ctx);
  compiled.statements.unshift(...prelude(ctx));
  const target = placedName(compiled.target);
  const steps = await conn.transaction(async (tx) => {
    const done: SqlTransformResult['steps'] = [];
    for (const statement of compiled.statements) {
      const t0 = performance.now();
      const result = await tx.query(statement.sql, statement.params).catch((err: unknown) => {
        throw stepError(plan, target, statement, err);
      });
      done.push({ step: statement.step, rows: result.rowCount, ms: Math.round(performance.now() - t0) });
    }
    return done;
  });
  const sum = (...names: Statement['step'][]) =>
    steps.filter((s) => names.includes(s.step)).reduce((n, s) => n + s.rows, 0);
  return {
    name: plan.name,
    target,
    disposition: plan.disposition,
    loadId,
    at,
    rows: {
      staged: sum('stage'),
      written: sum('insert', 'merge', 'open'),
      rejected: sum('rejects'),
      inferred: sum('inferred'),
      deleted: sum('delete'),
      closed: sum('close-changed', 'close-deleted'),
    },
    steps,
    ms: Math.round(performance.now() - started),
  };
}

function stepError(plan: TransformPlan, target: string, statement: Statement, err: unknown): DatakitError {
  const cause = err instanceof DatakitError ? err : undefined;
  const driverCode = cause?.context.driverCode;
  const hint =
    driverCode === '21000'
      ? 'The source has more than one row for a key of the target: deduplicate it (`dedupe: { key, latest }`) or fix the join.'
      : driverCode === '42P01'
        ? 'A table is missing: deploy the warehouse first, or check where `place` puts the tables.'
        : (cause?.hint ?? 'Check the transform against the contracts of its tables.');
  const message = err instanceof Error ? err.message : String(err);
  return new DatakitError(
    'QUERY',
    `Transform "${plan.name}" failed writing ${target} (step ${statement.step}): ${message}`,
    {
      hint,
      context: { ...(cause?.context ?? {}), table: target },
      cause: err,
    },
  );
}
