import { randomUUID } from 'node:crypto';
import type { Connection } from '../dialect/connection.js';
import { DatakitError } from '../errors/datakit-error.js';
import { type PlaceOptions, placedName } from '../sql-transform/resolve-table.js';
import { compileDimension } from './compile-dimension.js';
import type { DimensionPlan } from './dimension-plan.js';

/**
 * Placement and logical time of a dimension run (`at` defaults to now; versions change at it).
 *
 * @example
 * ```ts
 * await dimCustomer.run(conn, { at: new Date('2024-06-01T00:00:00Z') });
 * ```
 */
export interface RunDimensionOptions extends PlaceOptions {
  at?: Date;
  loadId?: string;
}

/**
 * What a dimension run did: source rows staged, keys new, changed (a version closed and one
 * opened), re-opened after a delete, inferred members completed in place, keys deleted (per the
 * delete mode), and keys unchanged (untouched).
 *
 * @example
 * ```ts
 * const { rows } = await dimCustomer.run(conn, { at: logicalTime });
 * console.log(`${rows.new} new, ${rows.changed} changed, ${rows.unchanged} unchanged`);
 * ```
 */
export interface DimensionResult {
  name: string;
  target: string;
  at: Date;
  rows: {
    staged: number;
    new: number;
    changed: number;
    reopened: number;
    inferred: number;
    deleted: number;
    unchanged: number;
  };
  steps: { step: string; rows: number; ms: number }[];
  ms: number;
}

interface LastRow {
  last: string | null;
  late: boolean;
  versions: number;
  live: number;
  deleted: number;
  waiting: boolean;
}

/**
 * Runs an SCD2 dimension in one transaction, one writer per dimension at a time (advisory lock).
 * A run whose logical time is not after the dimension's last change is refused when it would
 * change a version (versions only move forward in time).
 *
 * @example
 * ```ts
 * const result = await runDimension(conn, plan, { at });
 * ```
 * @internal
 */
export async function runDimension(
  conn: Connection,
  plan: DimensionPlan,
  options: RunDimensionOptions = {},
): Promise<DimensionResult> {
  const started = performance.now();
  const at = options.at ?? new Date();
  const compiled = compileDimension(plan, {
    dialect: conn.dialect,
    ...(options.place ? { place: options.place } : {}),
    at,
    loadId: options.loadId ?? randomUUID(),
  });
  const target = placedName(compiled.target);
  const steps: DimensionResult['steps'] = [];
  const fail = (message: string, hint: string, key?: string) =>
    new DatakitError('TRANSFER', `Dimension "${plan.base.name}" (${target}): ${message}`, {
      hint,
      context: { table: target, ...(key ? { key } : {}) },
    });
  const result = await conn.transaction(async (tx) => {
    const query = async <R>(step: string, sql: string, params: unknown[]) => {
      const t0 = performance.now();
      const r = await tx.query<R>(sql, params).catch((err: unknown) => {
        const cause = err instanceof DatakitError ? err : undefined;
        throw new DatakitError(
          'QUERY',
          `Dimension "${plan.base.name}" failed writing ${target} (step ${step}): ${err instanceof Error ? err.message : String(err)}`,
          {
            hint:
              cause?.context.driverCode === '23505'
                ? 'Two current rows of one key would exist: is the dimension run twice in one transaction, or the business key wrong?'
                : (cause?.hint ?? 'Check the dimension against its source and table.'),
            context: { ...(cause?.context ?? {}), table: target },
            cause: err,
          },
        );
      });
      steps.push({ step, rows: r.rowCount, ms: Math.round(performance.now() - t0) });
      return r;
    };
    const run = <R>(s: { step: string; sql: string; params: unknown[] }) => query<R>(s.step, s.sql, s.params);
    await run(compiled.lock);
    const last = (await run<LastRow>(compiled.last)).rows[0];
    const direct = compiled.strategy === 'direct';
    const firstLoad = direct && compiled.firstLoad !== undefined && Number(last?.versions ?? 0) === 0;
    // Without current rows of deleted keys, every source row is counted by exactly one write (or
    // has the unknown member's key), so the source need not be counted on its own: see below.
    const derived = direct && (firstLoad || (plan.deletes !== 'ignore' && Number(last?.deleted ?? 0) === 0));
    let staged = 0;
    for (const statement of compiled.before) {
      if (statement.step === 'count' && derived) continue;
      const r = await run<{ n: number }>(statement);
      staged =
        statement.step === 'count'
          ? Number(r.rows[0]?.n ?? 0)
          : statement.step === 'stage'
            ? r.rowCount
            : staged;
    }
    if (compiled.duplicates) {
      const dup = (await run<Record<string, unknown>>(compiled.duplicates)).rows[0];
      if (dup) {
        const key = plan.businessKey.map((k) => `${k}=${String(dup[k])}`).join(', ');
        throw fail(
          `the source has ${String(dup.n)} rows for key ${key}`,
          "Pass `latest` (e.g. the source's updated_at) so the latest row of a key wins, or fix the joins.",
          key,
        );
      }
    }
    if (last?.late && Number((await run<{ n: number }>(compiled.late)).rows[0]?.n ?? 0) > 0) {
      throw fail(
        `the run's time ${at.toISOString()} is not after the dimension's last change (${last.last})`,
        'Run dimensions forward in time: pass a later `at` (the logical time of the run).',
      );
    }
    const counts =
      compiled.counts && !firstLoad ? (await run<{ action?: string; n: number }>(compiled.counts)).rows : [];
    const unknown =
      derived && compiled.unknownInSource
        ? Number((await run<{ n: number }>(compiled.unknownInSource)).rows[0]?.n ?? 0)
        : 0;
    const written: Record<string, number> = {};
    let opened = { opened: 0, first: 0 };
    const writes = firstLoad && compiled.firstLoad ? [compiled.firstLoad] : compiled.writes;
    for (const write of writes) {
      if (write.step === 'infer' && direct && !last?.waiting) continue;
      const r = await run<{ opened: number; first: number }>(write);
      written[write.step] = r.rowCount;
      if (write.step === 'open' && direct) {
        opened = firstLoad
          ? { opened: r.rowCount, first: r.rowCount }
          : { opened: Number(r.rows[0]?.opened ?? 0), first: Number(r.rows[0]?.first ?? 0) };
      }
    }
    if (compiled.strategy === 'stage') {
      const n = (action: string) => Number(counts.find((c) => c.action === action)?.n ?? 0);
      return {
        staged,
        new: n('new'),
        changed: n('change'),
        reopened: n('reopen'),
        inferred: n('infer'),
        deleted: written.delete ?? 0,
        unchanged: n('same'),
      };
    }
    const changed = written['close-changed'] ?? 0;
    const inferred = written.infer ?? 0;
    const fresh = compiled.counts && !firstLoad ? Number(counts[0]?.n ?? 0) : opened.first;
    if (derived) {
      // Source keys are unique; each has the unknown member's key, or an inferred current row
      // (completed), or a live one (kept or changed: live minus the deleted ones), or none
      // (opened, as are the changed keys' new versions).
      staged = unknown + inferred + Number(last?.live ?? 0) - (written.delete ?? 0) + opened.opened - changed;
    }
    return {
      staged,
      new: fresh,
      changed,
      reopened: opened.opened - fresh - changed,
      inferred,
      deleted: written.delete ?? 0,
      unchanged: staged - opened.opened - inferred,
    };
  });
  return {
    name: plan.base.name,
    target,
    at,
    rows: result,
    steps,
    ms: Math.round(performance.now() - started),
  };
}
