import { randomUUID } from 'node:crypto';
import type { Table } from 'drizzle-orm';
import type { WriteDisposition } from '../contract/define-datakit.js';
import type { TransformContext, TransformFn } from '../contract/define-transform.js';
import { fromDrizzle } from '../contract/from-drizzle.js';
import { LINEAGE_COLUMNS } from '../contract/lineage-columns.js';
import { familyOfTable } from '../dialect/families.js';
import { DatakitError } from '../errors/datakit-error.js';
import { nearestName } from '../errors/nearest-name.js';
import type { LoadKey } from '../store/loads/load-key.js';
import { DEFAULT_STORE_SCHEMA, type StoreSchema } from '../store/store-schema.js';
import { type ColumnCodec, columnCodecs } from '../values/column-codec.js';
import { formatPgTimestamp } from '../values/pg-timestamp-text.js';
import type { SqlTable } from './dispositions.js';
import type { TransferOptions } from './transfer-options.js';

const DISPOSITIONS: readonly WriteDisposition[] = ['append', 'replace', 'merge', 'history'];

/**
 * Everything a transfer needs, resolved and checked before a connection is touched. @internal
 *
 * @example
 * ```ts
 * const plan: TransferPlan = resolveTransfer(options, 'crm');
 * plan.target.written.map((c) => c.name); // columns the transform fills
 * ```
 */
export interface TransferPlan {
  name: string;
  /** Warehouse, environment, transfer and tables: what loads and the cursor are keyed by. */
  key: LoadKey;
  /** The run store its load, rejects and cursor are recorded in. */
  store: StoreSchema;
  loadId: string;
  disposition: WriteDisposition;
  source: { table: Table; ref: SqlTable; codecs: ColumnCodec[]; key: ColumnCodec[]; system: string };
  /** `filled`: SQL names of target columns the engine sets itself (lineage; `systime` of history), not the transform. */
  target: {
    table: Table;
    ref: SqlTable;
    codecs: ColumnCodec[];
    written: ColumnCodec[];
    filled: string[];
    key: ColumnCodec[];
  };
  fn: TransformFn<Table, Table>;
  ctx: TransformContext;
  startedAt: Date;
  /** Lineage columns the target has (SQL names) and their values in PostgreSQL text. */
  lineage: { names: string[]; text: string[] };
  cursor?: ColumnCodec;
  maxRejects: { count: number; fraction?: number; text: string };
  heartbeatMs: number;
  partitions: number;
  batchSize: number;
  detectDeletes: boolean;
}

function usage(message: string, hint: string, context: Record<string, string> = {}): DatakitError {
  return new DatakitError('USAGE', message, { hint, context });
}

function identityTransform(
  source: readonly ColumnCodec[],
  target: readonly ColumnCodec[],
): TransformFn<Table, Table> {
  const shared = target.map((c) => c.key).filter((k) => source.some((s) => s.key === k));
  const body = `return { ${shared.map((k) => `${JSON.stringify(k)}: row[${JSON.stringify(k)}]`).join(', ')} };`;
  return new Function('row', body) as TransformFn<Table, Table>;
}

/**
 * Rejected rows a load may have when `maxRejects` is not given: 1% of the rows read. Past it the
 * load fails and its target is left unchanged.
 *
 * @example
 * ```ts
 * await transfer({ from, to, transform, maxRejects: DEFAULT_MAX_REJECTS / 10 }); // stricter: 0.1%
 * ```
 */
export const DEFAULT_MAX_REJECTS = 0.01;

function maxRejectsOf(value: number | undefined): TransferPlan['maxRejects'] {
  if (value === undefined)
    return {
      count: Number.POSITIVE_INFINITY,
      fraction: DEFAULT_MAX_REJECTS,
      text: `(default maxRejects: ${DEFAULT_MAX_REJECTS * 100}% of rows read)`,
    };
  if (!(value >= 0) || (value >= 1 && !Number.isInteger(value))) {
    throw usage(
      `maxRejects must be a count (0, 1, 2, ...) or a fraction between 0 and 1, got ${value}`,
      'Use e.g. maxRejects: 100 or maxRejects: 0.01.',
    );
  }
  if (value > 0 && value < 1)
    return {
      count: Number.POSITIVE_INFINITY,
      fraction: value,
      text: `(maxRejects ${value * 100}% of rows read)`,
    };
  return { count: value, text: `(maxRejects ${value})` };
}

function keyCodecs(
  codecs: readonly ColumnCodec[],
  names: readonly string[],
  table: string,
  what: string,
): ColumnCodec[] {
  return names.map((name) => {
    const codec = codecs.find((c) => c.key === name || c.name === name);
    if (!codec) {
      const near = nearestName(
        name,
        codecs.map((c) => c.key),
      );
      throw usage(
        `The ${what} "${name}" is not a column of "${table}"${near ? ` — did you mean "${near}"?` : ''}`,
        `Columns: ${codecs.map((c) => c.key).join(', ')}.`,
        { table, column: name },
      );
    }
    return codec;
  });
}

const qualified = (t: SqlTable) => (t.schema ? `${t.schema}.${t.name}` : t.name);
const refOf = (schema: string | undefined, name: string): SqlTable => (schema ? { schema, name } : { name });

/**
 * Checks the options and resolves tables, columns, keys, lineage and limits into a plan.
 *
 * @example
 * ```ts
 * const plan = resolveTransfer({ from, to, transform: customerToBronze, disposition: 'merge' }, 'crm');
 * ```
 * @internal
 */
export function resolveTransfer(
  options: TransferOptions<Table, Table>,
  sourceDatabase: string,
): TransferPlan {
  const transform = typeof options.transform === 'function' ? undefined : options.transform;
  const sourceTable = options.source ?? transform?.source;
  const targetTable = options.target ?? transform?.target;
  if (!sourceTable || !targetTable) {
    throw usage(
      'transfer needs a source and a target table',
      'Pass { source, target } (Drizzle tables) or a transform made with defineTransform.',
    );
  }
  const disposition = options.disposition ?? 'append';
  if (!DISPOSITIONS.includes(disposition)) {
    throw usage(`Unknown disposition "${disposition}"`, `Use one of: ${DISPOSITIONS.join(', ')}.`);
  }
  const sourceSchema = fromDrizzle(sourceTable);
  const targetSchema = fromDrizzle(targetTable);
  const sourceCodecs = columnCodecs(sourceTable, familyOfTable(sourceTable).drizzle);
  const targetCodecs = columnCodecs(targetTable, familyOfTable(targetTable).drizzle);
  const lineageSet = new Set<string>(LINEAGE_COLUMNS);
  const lineageCodecs = targetCodecs.filter((c) => lineageSet.has(c.name));
  const excluded = new Set([
    ...lineageCodecs.map((c) => c.name),
    ...(disposition === 'history' ? ['systime'] : []),
  ]);
  const written = targetCodecs.filter(
    (c) => !excluded.has(c.name) && !(c.column.generated && c.column.generated.type !== 'byDefault'),
  );
  if (disposition === 'history' && !targetCodecs.some((c) => c.name === 'systime')) {
    throw usage(
      `history needs a "systime" tstzrange column on "${targetSchema.name}"`,
      'Add the temporal or transactional audit mixin (systime) to the target table.',
      { table: targetSchema.name },
    );
  }
  const pkNames = (schema: typeof targetSchema) =>
    (schema.primaryKey?.columns ?? []).filter((c) => c !== 'systime');
  let key: ColumnCodec[] = [];
  if (disposition === 'merge' || disposition === 'history') {
    const names = options.key ?? pkNames(targetSchema);
    if (names.length === 0) {
      throw usage(
        `${disposition} needs a key, and "${targetSchema.name}" has no primary key`,
        `Pass key: ['<column>'] or declare a primary key on the target.`,
        { table: targetSchema.name },
      );
    }
    key = keyCodecs(targetCodecs, names, targetSchema.name, 'key column');
  }
  const cursor =
    options.cursor === undefined
      ? undefined
      : keyCodecs(sourceCodecs, [options.cursor], sourceSchema.name, 'cursor column')[0];
  if (cursor && disposition === 'replace') {
    throw usage(
      'An incremental (cursor) transfer cannot use the replace disposition: it would delete every row not read this time',
      'Use append or merge with a cursor, or drop the cursor to replace the whole table.',
    );
  }
  const partitions = options.partitions ?? 1;
  if (!Number.isInteger(partitions) || partitions < 1 || partitions > 8) {
    throw usage(
      `partitions must be an integer from 1 to 8, got ${partitions}`,
      'Each partition holds one source connection (the pool has 10).',
    );
  }
  if (options.zeroDates !== undefined && !['reject', 'null'].includes(options.zeroDates)) {
    throw usage(
      `zeroDates must be 'reject' or 'null', got ${JSON.stringify(options.zeroDates)}`,
      "Use zeroDates: 'null' to read MySQL zero dates as NULL, or leave it out to reject their rows.",
    );
  }
  const sourceKey = keyCodecs(
    sourceCodecs,
    sourceSchema.primaryKey?.columns ?? [],
    sourceSchema.name,
    'primary key column',
  );
  if (partitions > 1 && sourceKey.length !== 1) {
    throw usage(
      `partitions need a single-column primary key on "${sourceSchema.name}"`,
      'Declare one primary key column on the source table, or use partitions: 1.',
      { table: sourceSchema.name },
    );
  }
  const loadId = options.loadId ?? randomUUID();
  const startedAt = new Date();
  const system =
    options.sourceSystem ?? options.sourceDatakit?.system ?? options.sourceDatakit?.name ?? sourceDatabase;
  const sourceRef = refOf(options.sourceSchema ?? sourceSchema.schema, sourceSchema.name);
  const targetRef = refOf(options.targetSchema ?? targetSchema.schema, targetSchema.name);
  const sourceName = qualified(sourceRef);
  const lineageText: Record<string, string> = {
    _load_id: loadId,
    _loaded_at: formatPgTimestamp(startedAt, true),
    _source_system: system,
    _source_table: sourceName,
  };
  const name = options.name ?? `${system}.${sourceName}->${qualified(targetRef)}`;
  const heartbeatMs = options.heartbeatMs ?? 10_000;
  if (!(heartbeatMs > 0)) {
    throw usage(
      `heartbeatMs must be a positive number of milliseconds, got ${heartbeatMs}`,
      'Use e.g. heartbeatMs: 10000.',
    );
  }
  return {
    name,
    key: {
      warehouse: options.warehouse ?? 'default',
      environment: options.environment ?? 'default',
      transfer: name,
      sourceSystem: system,
      sourceTable: sourceName,
      targetTable: qualified(targetRef),
    },
    store: options.storeSchema ?? DEFAULT_STORE_SCHEMA,
    loadId,
    disposition,
    source: {
      table: sourceTable,
      ref: sourceRef,
      codecs: sourceCodecs,
      key: sourceKey,
      system,
    },
    target: {
      table: targetTable,
      ref: targetRef,
      codecs: targetCodecs,
      written,
      filled: [...excluded],
      key,
    },
    fn:
      ((typeof options.transform === 'function' ? options.transform : transform?.fn) as TransformFn<
        Table,
        Table
      >) ?? identityTransform(sourceCodecs, written),
    ctx: { loadId, logicalTime: options.logicalTime ?? startedAt, source: { system, table: sourceName } },
    startedAt,
    lineage: {
      names: lineageCodecs.map((c) => c.name),
      text: lineageCodecs.map((c) => lineageText[c.name] as string),
    },
    ...(cursor ? { cursor } : {}),
    maxRejects: maxRejectsOf(options.maxRejects),
    heartbeatMs,
    partitions,
    batchSize: options.batchSize ?? 1000,
    detectDeletes: options.detectDeletes ?? cursor === undefined,
  };
}
