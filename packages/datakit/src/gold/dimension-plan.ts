import { Column, getTableColumns, is } from 'drizzle-orm';
import { fromDrizzle } from '../contract/from-drizzle.js';
import { DatakitError } from '../errors/datakit-error.js';
import { sourceParts } from '../sql-transform/in-layer.js';
import type { TransformPlan } from '../sql-transform/transform-plan.js';
import { SCD2_COLUMNS } from './dimension-columns.js';

/**
 * An SCD2 dimension with every name resolved to SQL names. @internal
 *
 * @example
 * ```ts
 * const statements = compileDimension(plan, ctx);
 * ```
 */
export interface DimensionPlan {
  base: TransformPlan;
  surrogateKey: string;
  businessKey: readonly string[];
  attributes: readonly string[];
  latest?: readonly unknown[];
  deletes: 'ignore' | 'close' | 'version';
  firstVersionFrom: 'beginning' | 'at';
  strategy: 'auto' | 'stage' | 'direct';
  unknownMember?: Readonly<Record<string, unknown>>;
  inferred?: Readonly<Record<string, unknown>>;
  /** The business key is a key of the only source table, so it cannot repeat. */
  uniqueBySource: boolean;
}

/**
 * Resolves and validates a dimension's options against its table. @internal
 *
 * @example
 * ```ts
 * const plan = dimensionPlan(buildPlan(target, input), { surrogateKey: 'customer_key', businessKey: ['customer_id'], deletes: 'close', firstVersionFrom: 'beginning' });
 * ```
 */
export function dimensionPlan(
  base: TransformPlan,
  options: {
    surrogateKey: string;
    businessKey: readonly string[];
    latest?: readonly unknown[];
    deletes: DimensionPlan['deletes'];
    firstVersionFrom: DimensionPlan['firstVersionFrom'];
    strategy?: DimensionPlan['strategy'];
    unknownMember?: Record<string, unknown>;
    inferred?: Record<string, unknown>;
  },
): DimensionPlan {
  const fail = (message: string, hint: string, column?: string): never => {
    throw new DatakitError('USAGE', `Dimension "${base.name}": ${message}`, {
      hint,
      context: { table: base.targetSchema.name, ...(column ? { column } : {}) },
    });
  };
  const byKey = getTableColumns(base.targetTable) as Record<string, Column>;
  const sqlName = (key: string) =>
    byKey[key]?.name ?? fail(`"${key}" is not a column`, 'Name columns of the dimension table.', key);
  for (const column of SCD2_COLUMNS) {
    if (!base.targetSchema.columns.some((c) => c.name === column)) {
      fail(`the table has no "${column}" column`, 'Spread scd2Columns() into the dimension table.', column);
    }
  }
  if (!['ignore', 'close', 'version'].includes(options.deletes)) {
    fail(
      `deletes '${String(options.deletes)}' is not ignore, close or version`,
      "Use deletes: 'ignore', 'close' or 'version'.",
    );
  }
  const businessKey = options.businessKey.map(sqlName);
  if (businessKey.length === 0) fail('it has no business key', "Pass businessKey: ['customer_id'].");
  const selected = new Set(base.select.map((s) => s.column.name));
  for (const k of businessKey)
    if (!selected.has(k))
      fail(`business key "${k}" is not in the select map`, `Add "${k}" to the select map.`, k);
  const attributes = base.select.map((s) => s.column.name).filter((c) => !businessKey.includes(c));
  const values = (
    given: Record<string, unknown> | undefined,
    what: string,
    required: (c: string) => boolean,
  ) => {
    if (!given) return undefined;
    const out: Record<string, unknown> = {};
    for (const [key, value] of Object.entries(given)) out[sqlName(key)] = value;
    for (const c of base.targetSchema.columns) {
      if (required(c.name) && !c.nullable && c.default === undefined && !c.generated && !(c.name in out)) {
        fail(
          `the ${what} has no value for NOT NULL column "${c.name}"`,
          `Add ${c.name} to \`${what}\`.`,
          c.name,
        );
      }
    }
    return out;
  };
  const filled = new Set<string>([...SCD2_COLUMNS, options.surrogateKey]);
  const unknownMember = values(options.unknownMember, 'unknownMember', (c) => !filled.has(c));
  const inferred = values(options.inferred, 'inferred', (c) => !filled.has(c) && !businessKey.includes(c));
  return {
    base,
    surrogateKey: options.surrogateKey,
    businessKey,
    attributes,
    ...(options.latest ? { latest: options.latest } : {}),
    deletes: options.deletes,
    firstVersionFrom: options.firstVersionFrom,
    strategy: options.strategy ?? 'auto',
    ...(unknownMember ? { unknownMember } : {}),
    ...(inferred ? { inferred } : {}),
    uniqueBySource: uniqueBySource(base, businessKey),
  };
}

function uniqueBySource(base: TransformPlan, businessKey: readonly string[]): boolean {
  if (base.joins.length > 0 || base.groupBy) return false;
  const from = sourceParts(base.from).table;
  const sourceColumns = businessKey.map((k) => {
    const expr = base.select.find((s) => s.column.name === k)?.expr;
    return is(expr, Column) && expr.table === from ? expr.name : undefined;
  });
  if (sourceColumns.some((c) => c === undefined)) return false;
  const schema = fromDrizzle(from);
  const key = schema.primaryKey?.columns;
  return (
    key !== undefined && key.length === sourceColumns.length && key.every((c) => sourceColumns.includes(c))
  );
}
