import { type Column, getTableColumns, is, SQL, sql } from 'drizzle-orm';
import { fromDrizzle } from '../contract/from-drizzle.js';
import { LINEAGE_COLUMNS } from '../contract/lineage-columns.js';
import { DatakitError } from '../errors/datakit-error.js';
import type { ColumnSchema } from '../schema/table-schema.js';
import { drizzleTableNames } from './drizzle-table-names.js';
import { sourceParts, type TableSource } from './in-layer.js';
import type { Join } from './join.js';
import { runLoadId } from './run-value.js';
import type { RulePlan, SqlDisposition, TransformPlan } from './transform-plan.js';

/**
 * The untyped shape every SQL-transform helper (transforms, facts, aggregates) builds a plan
 * from; `select` is keyed by the target table's property names. @internal
 *
 * @example
 * ```ts
 * const plan = buildPlan(inLayer(customer, 'silver'), { from, select, disposition: 'merge' });
 * ```
 */
export interface PlanInput {
  name?: string;
  from: TableSource;
  joins?: readonly Join[];
  select: Readonly<Record<string, unknown>>;
  where?: unknown;
  groupBy?: readonly unknown[];
  having?: unknown;
  dedupe?: { key: readonly Column[]; latest: unknown };
  disposition: SqlDisposition;
  key?: readonly string[];
  constrain?: boolean;
  rules?: readonly (Omit<RulePlan, 'column'> & { column?: string })[];
  deletes?: 'ignore' | 'close';
  /** Columns the caller fills itself (SCD2 columns, lookups): not required in, and refused from, the select map. */
  filled?: readonly string[];
}

const LINEAGE = new Set<string>(LINEAGE_COLUMNS);

function lineageValue(name: string, from: TableSource): unknown {
  const { table, layer } = sourceParts(from);
  const carried = Object.values(getTableColumns(table)).find((c) => c.name === name);
  if (carried && name !== '_load_id' && name !== '_loaded_at') return carried;
  if (name === '_load_id') return runLoadId;
  if (name === '_loaded_at') return sql`now()`;
  if (name === '_source_system') return 'datakit';
  const names = drizzleTableNames(table);
  return layer === undefined ? names.name : `${layer}.${names.name}`;
}

/**
 * Resolves a transform's names (property keys → SQL columns), fills the lineage columns the select
 * map leaves out, and refuses at definition time what would fail at run time: unknown columns,
 * a NOT NULL column without a database default left out, a merge without a key, a history target
 * without `systime`.
 *
 * @example
 * ```ts
 * const plan = buildPlan(inLayer(customer, 'silver'), { from: inLayer(customer, 'bronze'), select: { id: customer.id }, disposition: 'merge' });
 * ```
 * @internal
 */
export function buildPlan(target: TableSource, input: PlanInput): TransformPlan {
  const targetTable = sourceParts(target).table;
  const targetSchema = fromDrizzle(targetTable);
  const tableName = targetSchema.name;
  const name = input.name ?? `${sourceParts(target).layer ?? targetSchema.schema ?? 'public'}.${tableName}`;
  const fail = (message: string, hint: string, column?: string): never => {
    throw new DatakitError('USAGE', `Transform "${name}": ${message}`, {
      hint,
      context: { table: tableName, ...(column ? { column } : {}) },
    });
  };
  const columnsByKey = getTableColumns(targetTable) as Record<string, Column>;
  const schemaByName = new Map(targetSchema.columns.map((c) => [c.name, c]));
  const chosen = new Map<string, unknown>();
  const filled = new Set(input.filled ?? []);
  for (const [key, expr] of Object.entries(input.select)) {
    const column = columnsByKey[key];
    if (!column)
      fail(
        `the target "${tableName}" has no column "${key}"`,
        `Use one of: ${Object.keys(columnsByKey).join(', ')}.`,
        key,
      );
    else if (filled.has(column.name))
      fail(
        `the select map sets "${column.name}", which is filled for you`,
        `Remove "${key}" from the select map.`,
        key,
      );
    else chosen.set(column.name, expr);
  }
  for (const column of targetSchema.columns) {
    if (chosen.has(column.name) || filled.has(column.name)) continue;
    if (LINEAGE.has(column.name)) chosen.set(column.name, lineageValue(column.name, input.from));
    else if (
      !column.nullable &&
      column.default === undefined &&
      !column.generated &&
      column.name !== 'systime'
    ) {
      fail(
        `column "${column.name}" is NOT NULL and has no database default, but the select map leaves it out`,
        `Add "${column.name}" to the select map.`,
        column.name,
      );
    }
  }
  const select = targetSchema.columns
    .filter((c) => chosen.has(c.name))
    .map((column) => ({
      column: schemaByName.get(column.name) as ColumnSchema,
      expr: chosen.get(column.name),
    }));
  const keyNames = (input.key ?? []).map(
    (k) => columnsByKey[k]?.name ?? fail(`key "${k}" is not a column`, 'Name target columns in `key`.', k),
  );
  const disposition = input.disposition;
  let key =
    keyNames.length > 0 ? keyNames : (targetSchema.primaryKey?.columns ?? []).filter((c) => c !== 'systime');
  if (disposition === 'history') {
    const systime = schemaByName.get('systime');
    if (systime?.type.kind !== 'tstzrange') {
      fail(
        `disposition 'history' needs a "systime" tstzrange column on "${tableName}"`,
        'Spread transactional(), reference() or temporal() into the target table.',
      );
    }
    if (chosen.has('systime'))
      fail(
        'the select map sets "systime", which history fills',
        'Remove systime from the select map.',
        'systime',
      );
  }
  if ((disposition === 'merge' || disposition === 'history') && key.length === 0) {
    fail(
      `disposition '${disposition}' needs a business key`,
      'Give the target a primary key, or pass `key: [...]`.',
    );
  }
  if (disposition !== 'merge' && disposition !== 'history' && keyNames.length === 0) {
    key = key.every((k) => chosen.has(k)) ? key : [];
  }
  for (const k of key)
    if (!chosen.has(k))
      fail(`key column "${k}" is not in the select map`, `Add "${k}" to the select map.`, k);
  const latest = input.dedupe?.latest;
  return {
    name,
    target,
    targetTable,
    targetSchema,
    from: input.from,
    joins: input.joins ?? [],
    select,
    ...(input.where === undefined ? {} : { where: input.where }),
    ...(input.groupBy ? { groupBy: input.groupBy } : {}),
    ...(input.having === undefined ? {} : { having: input.having }),
    ...(input.dedupe
      ? {
          dedupe: {
            key: input.dedupe.key,
            latest: Array.isArray(latest) && !is(latest, SQL) ? latest : [latest],
          },
        }
      : {}),
    disposition,
    key,
    constrain: input.constrain ?? false,
    rules: (input.rules ?? []).map((r) => {
      const column = r.column === undefined ? undefined : (columnsByKey[r.column]?.name ?? r.column);
      return { ...r, ...(column === undefined ? {} : { column }) };
    }),
    deletes: input.deletes ?? 'ignore',
  };
}
