import type { Connection } from '../dialect/connection.js';
import { DatakitError } from '../errors/datakit-error.js';
import {
  type PlaceOptions,
  type PlaceTable,
  placedName,
  placeTable,
} from '../sql-transform/resolve-table.js';
import { SqlWriter } from '../sql-transform/sql-writer.js';
import type { CheckKind, QualityCheck, Severity } from './quality-check.js';
import { crosses } from './threshold.js';

/**
 * The outcome of one check: `pass`, `warn` or `error` (also when its query failed, with `error`
 * saying why), the failing count and up to N sample rows (JSON values as PostgreSQL renders them).
 *
 * @example
 * ```ts
 * const r: CheckResult = { name: 'not-null(silver.customer.email)', kind: 'not-null', table: 'silver.customer', column: 'email',
 *   severity: 'error', status: 'error', failing: 2, samples: [{ id: 7, email: null }], errorIf: '> 0', warnIf: '> 0', ms: 3 };
 * ```
 */
export interface CheckResult {
  name: string;
  kind: CheckKind;
  table: string;
  column?: string;
  severity: Severity;
  status: 'pass' | 'warn' | 'error';
  failing: number;
  samples: Record<string, unknown>[];
  errorIf: string;
  warnIf: string;
  error?: { message: string; code?: string };
  sql: string;
  ms: number;
}

/**
 * The results of a set of checks and the verdict: `error` when any check is in error (the
 * pipeline's downstream tasks must not run: `blocking`), else `warn` when any warned, else `pass`.
 *
 * @example
 * ```ts
 * const run = await runChecks(conn, checks);
 * if (run.blocking) throw new Error(run.results.filter((r) => r.status === 'error').map((r) => r.name).join(', '));
 * ```
 */
export interface CheckRun {
  verdict: 'pass' | 'warn' | 'error';
  blocking: boolean;
  counts: { pass: number; warn: number; error: number };
  results: CheckResult[];
}

/**
 * Options of a check run: table placement, the logical time (freshness is judged at it), and how
 * many sample rows to keep per check (default 5).
 *
 * @example
 * ```ts
 * const o: RunChecksOptions = { place: (t) => ({ schema: `${t.layer}_dev`, name: t.name }), now: logicalTime, samples: 10 };
 * ```
 */
export interface RunChecksOptions extends PlaceOptions {
  now?: Date;
  samples?: number;
}

/**
 * Runs checks one after the other and returns every result with the verdict; a check whose query
 * fails is reported (status by its severity, with the error), never thrown, so one bad check does
 * not hide the others.
 *
 * @example
 * ```ts
 * const run = await runChecks(conn, [...contractChecks(inLayer(order, 'silver')), freshnessCheck(...)]);
 * run.verdict; // 'pass' | 'warn' | 'error'
 * ```
 */
export async function runChecks(
  conn: Connection,
  checks: readonly QualityCheck[],
  options: RunChecksOptions = {},
): Promise<CheckRun> {
  const samples = options.samples ?? 5;
  if (!Number.isInteger(samples) || samples < 0) {
    throw new DatakitError('USAGE', `runChecks: samples must be a whole number >= 0, got ${samples}`, {
      hint: 'Pass e.g. { samples: 5 }.',
    });
  }
  const now = options.now ?? new Date();
  const placement = options.place;
  const results: CheckResult[] = [];
  for (const check of checks) results.push(await runOne(conn, check, placement, now, samples));
  const counts = { pass: 0, warn: 0, error: 0 };
  for (const r of results) counts[r.status]++;
  const verdict = counts.error > 0 ? 'error' : counts.warn > 0 ? 'warn' : 'pass';
  return { verdict, blocking: verdict === 'error', counts, results };
}

async function runOne(
  conn: Connection,
  check: QualityCheck,
  placement: PlaceTable | undefined,
  now: Date,
  samples: number,
): Promise<CheckResult> {
  const started = performance.now();
  const base = {
    name: check.name,
    kind: check.kind,
    table: placedName(placeTable(check.table, placement)),
    ...(check.column === undefined ? {} : { column: check.column }),
    severity: check.severity,
    errorIf: check.errorIf.text,
    warnIf: check.warnIf.text,
  };
  let sql = '';
  try {
    const w = new SqlWriter(conn.dialect.adapter, placement, {
      run: { at: now, loadId: '00000000-0000-0000-0000-000000000000' },
    });
    const query = check.compile(w, { now });
    sql =
      query.mode === 'rows'
        ? `select count(*) over () as failing, to_jsonb(f) as row from (${query.sql}) as f limit ${w.param(samples)}`
        : query.sql;
    // A savepoint keeps a caller's transaction usable when the check's query fails.
    const { rows } = await conn.transaction((tx) =>
      tx.query<{ failing: unknown; row: unknown }>(sql, w.params),
    );
    const failing = Number(rows[0]?.failing ?? 0);
    const kept = failing > 0 ? rows.slice(0, samples).map((r) => asObject(r.row)) : [];
    const status =
      check.severity === 'error' && crosses(check.errorIf, failing)
        ? 'error'
        : crosses(check.warnIf, failing)
          ? 'warn'
          : 'pass';
    return { ...base, status, failing, samples: kept, sql, ms: Math.round(performance.now() - started) };
  } catch (err) {
    const code = err instanceof DatakitError ? err.context.driverCode : undefined;
    return {
      ...base,
      status: check.severity,
      failing: 0,
      samples: [],
      error: { message: err instanceof Error ? err.message : String(err), ...(code ? { code } : {}) },
      sql,
      ms: Math.round(performance.now() - started),
    };
  }
}

function asObject(value: unknown): Record<string, unknown> {
  const parsed = typeof value === 'string' ? (JSON.parse(value) as unknown) : value;
  return parsed !== null && typeof parsed === 'object'
    ? (parsed as Record<string, unknown>)
    : { value: parsed };
}
