import type { Connection } from '../../dialect/connection.js';
import { DatakitError } from '../../errors/datakit-error.js';
import { listRuns } from '../../store/runs/list-runs.js';
import type { RunRecord } from '../../store/runs/run-record.js';
import { DEFAULT_STORE_SCHEMA } from '../../store/store-schema.js';
import type { CompiledPipeline } from '../dag/compiled-pipeline.js';
import { Schedule } from '../schedule/schedule-ticks.js';

/**
 * Which runs of a backfill's range run again: those that failed, all, or none.
 *
 * @example
 * ```ts
 * const reprocess: Reprocess = 'failed';
 * ```
 */
export type Reprocess = 'failed' | 'all' | 'none';

/**
 * One logical time of a backfill, the run it already has, and what the backfill does with it.
 *
 * @example
 * ```ts
 * const step: BackfillStep = { logicalTime, run: undefined, action: 'create', reason: 'no run yet' };
 * ```
 */
export interface BackfillStep {
  logicalTime: Date;
  run: Pick<RunRecord, 'id' | 'state' | 'trigger'> | undefined;
  action: 'create' | 'start' | 'resume' | 'rerun' | 'skip';
  reason: string;
}

/**
 * The plan of a backfill: the schedule's ticks in the range, each with its existing run (if any)
 * and the action — succeeded runs are skipped unless `reprocess` is `all`; failed, cancelled and
 * abandoned ones are resumed unless it is `none`; running ones are left alone.
 *
 * @example
 * ```ts
 * const plan = await planBackfill(store, pipeline, 'dev', range, 'failed');
 * plan.filter((s) => s.action !== 'skip').length; // runs the backfill will start
 * ```
 */
export async function planBackfill(
  store: Connection,
  pipeline: CompiledPipeline,
  environment: string,
  range: { from: Date; to: Date },
  reprocess: Reprocess,
): Promise<BackfillStep[]> {
  if (!pipeline.config.schedule) {
    throw new DatakitError(
      'USAGE',
      `Pipeline "${pipeline.name}" has no schedule, so a backfill has no logical times to run`,
      {
        hint: `Give it one (schedule: '0 2 * * *') or run single times with datakit run ${pipeline.name} --logical-time <time>.`,
      },
    );
  }
  const schedule = new Schedule(pipeline.config.schedule, pipeline.config.timezone);
  const ticks = schedule.between(new Date(range.from.getTime() - 1), range.to, 10_001);
  if (ticks.length > 10_000)
    throw new DatakitError('USAGE', 'The range holds more than 10,000 logical times', {
      hint: 'Backfill a shorter range at a time.',
    });
  const existing = await listRuns(
    store,
    {
      warehouse: pipeline.warehouse,
      pipeline: pipeline.name,
      environment,
      from: range.from,
      to: range.to,
      triggers: ['schedule', 'backfill'],
      limit: 100_000,
    },
    DEFAULT_STORE_SCHEMA,
  );
  const byTime = new Map(existing.map(({ run }) => [run.logicalTime.getTime(), run]));
  return ticks.map((logicalTime) => step(logicalTime, byTime.get(logicalTime.getTime()), reprocess));
}

function step(logicalTime: Date, run: RunRecord | undefined, reprocess: Reprocess): BackfillStep {
  const found = run ? { id: run.id, state: run.state, trigger: run.trigger } : undefined;
  const at = (action: BackfillStep['action'], reason: string): BackfillStep => ({
    logicalTime,
    run: found,
    action,
    reason,
  });
  if (!run) return at('create', 'no run yet');
  switch (run.state) {
    case 'queued':
      return at('start', 'queued');
    case 'running':
      return at('skip', 'running now');
    case 'succeeded':
      return reprocess === 'all' ? at('rerun', 'succeeded; --reprocess all') : at('skip', 'succeeded');
    default:
      if (reprocess === 'none') return at('skip', `${run.state}; --reprocess none`);
      return reprocess === 'all' ? at('rerun', `${run.state}; --reprocess all`) : at('resume', run.state);
  }
}
