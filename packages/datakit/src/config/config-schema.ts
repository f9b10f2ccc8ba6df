import { is, Table } from 'drizzle-orm';
import { z } from 'zod';
import type { Datakit } from '../contract/define-datakit.js';
import { pipelineSchema } from './pipeline-schema.js';

const datakit = z.custom<Datakit>(
  (value) => typeof value === 'object' && value !== null && 'schemaOf' in value && 'version' in value,
  { message: 'expected a datakit made by defineDatakit()' },
);
const table = z.custom<Table>((value) => is(value, Table), {
  message: 'expected a Drizzle table (pgTable/mysqlTable)',
});
const identifier = z.string().regex(/^[A-Za-z_][A-Za-z0-9_-]*$/, 'use letters, digits, "_" or "-"');

const layer = z.strictObject({ datakits: z.array(datakit).min(1), schema: z.string().min(1).optional() });
const environment = z.strictObject({
  url: z.string().min(1),
  sources: z.record(identifier, z.string().min(1)).optional(),
});
const transfer = z.strictObject({
  from: identifier,
  source: table,
  target: table,
  transform: z
    .custom<unknown>((v) => typeof v === 'function' || (typeof v === 'object' && v !== null && 'fn' in v), {
      message: 'expected defineTransform(...) or a function',
    })
    .optional(),
  layer: z.enum(['bronze', 'silver', 'gold']).optional(),
  disposition: z.enum(['append', 'replace', 'merge', 'history']).optional(),
  options: z
    .strictObject({
      cursor: z.string().min(1).optional(),
      key: z.array(z.string().min(1)).min(1).optional(),
      partitions: z.number().int('must be a whole number').min(1).max(8).optional(),
      maxRejects: z
        .number()
        .min(0)
        .refine(
          (n) => n < 1 || Number.isInteger(n),
          'must be a count (0, 1, 2, ...) or a fraction between 0 and 1',
        )
        .optional(),
      batchSize: z.number().int('must be a whole number').min(1).optional(),
      detectDeletes: z.boolean().optional(),
      lockTimeout: z.number().int('must be a whole number of milliseconds').min(0).optional(),
    })
    .optional(),
});
const warehouse = z.strictObject({
  layers: z.strictObject({ bronze: layer.optional(), silver: layer.optional(), gold: layer.optional() }),
  sources: z.record(identifier, datakit).optional(),
  environments: z
    .record(identifier, environment)
    .refine((e) => Object.keys(e).length > 0, 'declare at least one environment'),
  transfers: z.record(identifier, transfer).optional(),
  pipelines: z.record(identifier, pipelineSchema).optional(),
});

/** The zod schema `datakit.config.ts` is checked against. @internal */
export const configSchema = z.strictObject({
  warehouses: z
    .record(identifier, warehouse)
    .refine((w) => Object.keys(w).length > 0, 'declare at least one warehouse'),
  defaultEnvironment: identifier.optional(),
});
