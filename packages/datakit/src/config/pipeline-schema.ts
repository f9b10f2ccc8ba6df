import { Cron } from 'croner';
import { is, Table } from 'drizzle-orm';
import { z } from 'zod';

const table = z.custom<unknown>(
  (v) =>
    is(v, Table) ||
    (typeof v === 'object' &&
      v !== null &&
      ['bronze', 'silver', 'gold'].includes(String((v as { layer?: unknown }).layer)) &&
      is((v as { table?: unknown }).table, Table)),
  { message: "expected a Drizzle table or { layer: 'bronze' | 'silver' | 'gold', table }" },
);
const count = z.number().int().min(0);
const positive = z.number().int().positive();
const policy = {
  retries: count.optional(),
  retryDelayMs: count.optional(),
  maxRetryDelayMs: count.optional(),
  timeoutMs: positive.optional(),
};
const task = z.strictObject({
  name: z
    .string()
    .regex(/^[A-Za-z0-9_][A-Za-z0-9_.:-]*$/, 'use letters, digits, "_", ".", ":" or "-"')
    .optional(),
  transfer: z.string().min(1).optional(),
  run: z
    .custom<unknown>((v) => typeof v === 'function', { message: 'expected an async function (ctx) => …' })
    .optional(),
  sqlTransform: z
    .custom<unknown>((v) => (v as { kind?: unknown } | null)?.kind === 'sql-transform', {
      message: 'expected a transform made with defineSqlTransform(...)',
    })
    .optional(),
  dimension: z
    .custom<unknown>((v) => (v as { kind?: unknown } | null)?.kind === 'scd2-dimension', {
      message: 'expected a dimension made with defineDimension(...)',
    })
    .optional(),
  checks: z
    .array(
      z.custom<unknown>((v) => typeof (v as { compile?: unknown } | null)?.compile === 'function', {
        message: 'expected a quality check (notNullCheck, uniqueCheck, contractChecks(...), ...)',
      }),
    )
    .optional(),
  reads: z.array(table).optional(),
  writes: z.array(table).optional(),
  after: z.array(z.string().min(1)).optional(),
  ...policy,
});

/** The zod schema of one pipeline in `datakit.config.ts`. @internal */
export const pipelineSchema = z
  .strictObject({
    schedule: z.string().min(1).optional(),
    timezone: z
      .string()
      .refine((zone) => validZone(zone), 'is not an IANA time zone (e.g. "Europe/Amsterdam" or "UTC")')
      .optional(),
    catchup: z.enum(['all', 'latest', 'none']).optional(),
    maxActiveRuns: positive.optional(),
    concurrency: positive.optional(),
    kindConcurrency: z
      .strictObject({
        transfer: positive.optional(),
        custom: positive.optional(),
        sql: positive.optional(),
        quality: positive.optional(),
        dimension: positive.optional(),
      })
      .optional(),
    defaults: z.strictObject(policy).optional(),
    tasks: z.array(task),
  })
  .superRefine((pipeline, ctx) => {
    if (pipeline.schedule === undefined) return;
    const problem = cronProblem(pipeline.schedule, pipeline.timezone);
    if (problem)
      ctx.addIssue({
        code: 'custom',
        path: ['schedule'],
        message: `"${pipeline.schedule}" is not a cron expression: ${problem}`,
      });
  });

function validZone(zone: string): boolean {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}

function cronProblem(pattern: string, timezone: string | undefined): string | undefined {
  try {
    new Cron(pattern, { paused: true, ...(timezone && validZone(timezone) ? { timezone } : {}) });
    return undefined;
  } catch (error) {
    return (error as Error).message;
  }
}
