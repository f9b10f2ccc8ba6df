import type { Connection } from '../../dialect/connection.js';
import { DatakitError } from '../../errors/datakit-error.js';
import type { StoreSchema } from '../store-schema.js';
import { reapExpired } from './reap-expired.js';
import { type RunKey, type RunRecord, type RunTrigger, runFromRow } from './run-record.js';

/** The tasks a run should have, with the attempts each may make. */
export interface RunTaskSpec {
  name: string;
  kind: string;
  maxAttempts: number;
}

/**
 * What {@link acquireRun} starts: a new run (`create`), or an existing one (`runId`: a queued
 * run, or with `reset` a resume, which sets the tasks that did not succeed — or all, for
 * `reset: 'all'` — back to pending).
 *
 * @example
 * ```ts
 * const request: RunRequest = {
 *   key, owner: 'host:123', leaseMs: 30_000, maxActiveRuns: 1, tasks,
 *   create: { logicalTime: new Date(), trigger: 'manual', definitionHash: pipeline.hash, datakits: pipeline.datakits },
 * };
 * ```
 */
export interface RunRequest {
  key: RunKey;
  owner: string;
  leaseMs: number;
  maxActiveRuns: number;
  tasks: readonly RunTaskSpec[];
  runId?: string;
  create?: {
    logicalTime: Date;
    trigger: RunTrigger;
    definitionHash: string;
    datakits: readonly { name: string; version: string }[];
  };
  reset?: 'unfinished' | 'all';
}

/**
 * The run, now `running` and leased by the caller; or the runs that hold every slot; or, for a
 * queued run, `taken` when it is queued no more (another scheduler started it).
 */
export type AcquireResult = { ok: true; run: RunRecord } | { ok: false; holders: RunRecord[]; taken?: true };

/**
 * Starts a run if the pipeline has a free slot in this environment. Serialized per pipeline by a
 * transaction-scoped advisory lock (so it holds across machines); the slot itself is the run's
 * lease, so a crashed process frees it once its lease expires.
 *
 * @example
 * ```ts
 * const result = await acquireRun(warehouse, request, store);
 * if (!result.ok) console.error(`run ${result.holders[0]!.id} is running`);
 * ```
 */
export async function acquireRun(
  conn: Connection,
  request: RunRequest,
  store: StoreSchema,
): Promise<AcquireResult> {
  const { key } = request;
  return conn.transaction(async (tx) => {
    await tx.query(`select pg_advisory_xact_lock(hashtext($1))`, [
      `datakit.run:${key.warehouse}/${key.pipeline}/${key.environment}`,
    ]);
    await reapExpired(tx, key, store);
    const { rows: running } = await tx.query(
      `select * from ${store.runs} where "warehouse" = $1 and "pipeline" = $2 and "environment" = $3 and "state" = 'running' order by "id"`,
      [key.warehouse, key.pipeline, key.environment],
    );
    const holders = running.map(runFromRow);
    if (holders.length >= request.maxActiveRuns || holders.some((h) => h.id === request.runId))
      return { ok: false, holders };
    const run = request.create
      ? await insertRun(tx, request, store)
      : await startExisting(tx, request, store);
    if (!run) return { ok: false, holders, taken: true };
    const names = request.tasks.map((t) => t.name);
    const attempts = request.tasks.map((t) => t.maxAttempts);
    await tx.query(
      `insert into ${store.taskRuns} ("run_id", "task", "kind", "state", "max_attempts")
       select $1, t.name, t.kind, 'pending', t.n from unnest($2::text[], $3::text[], $4::int[]) as t(name, kind, n)
       on conflict ("run_id", "task") do nothing`,
      [run.id, names, request.tasks.map((t) => t.kind), attempts],
    );
    if (request.reset) {
      await tx.query(
        `update ${store.taskRuns} t set "state" = 'pending', "max_attempts" = t."attempt" + p.n, "next_attempt_at" = null,
           "owner" = null, "lease_expires_at" = null
         from unnest($2::text[], $3::int[]) as p(name, n)
         where t."run_id" = $1 and t."task" = p.name and ($4 or t."state" <> 'succeeded')`,
        [run.id, names, attempts, request.reset === 'all'],
      );
    }
    const verb = request.reset === 'all' ? 'restarted' : request.reset ? 'resumed' : 'started';
    await tx.query(
      `insert into ${store.events} ("run_id", "kind", "message", "data") values ($1, $2, $3, $4)`,
      [run.id, `run_${verb}`, `run ${verb} by ${request.owner}`, JSON.stringify({ owner: request.owner })],
    );
    return { ok: true, run };
  });
}

async function insertRun(tx: Connection, request: RunRequest, store: StoreSchema): Promise<RunRecord> {
  const c = request.create as NonNullable<RunRequest['create']>;
  const { rows } = await tx.query(
    `insert into ${store.runs} ("warehouse", "pipeline", "environment", "logical_time", "trigger", "state",
       "definition_hash", "datakits", "owner", "lease_expires_at", "started_at")
     values ($1, $2, $3, $4, $5, 'running', $6, $7, $8, clock_timestamp() + $9 * interval '1 millisecond', clock_timestamp()) returning *`,
    [
      request.key.warehouse,
      request.key.pipeline,
      request.key.environment,
      c.logicalTime.toISOString(),
      c.trigger,
      c.definitionHash,
      JSON.stringify(c.datakits),
      request.owner,
      request.leaseMs,
    ],
  );
  return runFromRow(rows[0] as Record<string, unknown>);
}

async function startExisting(tx: Connection, request: RunRequest, store: StoreSchema): Promise<RunRecord> {
  const { rows } = await tx.query(
    `update ${store.runs} set "state" = 'running', "owner" = $2, "lease_expires_at" = clock_timestamp() + $3 * interval '1 millisecond',
       "started_at" = coalesce("started_at", clock_timestamp()), "ended_at" = null, "error" = null
     where "id" = $1 and "warehouse" = $4 and "pipeline" = $5 and "environment" = $6 returning *`,
    [
      request.runId,
      request.owner,
      request.leaseMs,
      request.key.warehouse,
      request.key.pipeline,
      request.key.environment,
    ],
  );
  const row = rows[0];
  if (!row) {
    throw new DatakitError(
      'USAGE',
      `Run ${request.runId} is not a run of pipeline "${request.key.pipeline}" in environment "${request.key.environment}"`,
      {
        hint: 'List the runs with `datakit runs --pipeline <name>` and pick one of them.',
      },
    );
  }
  return runFromRow(row);
}
