import type {
  ColumnSchema,
  ColumnType,
  ForeignKeySchema,
  KeyConstraint,
  TableSchema,
} from '../schema/table-schema.js';
import { compareColumnTypes } from './compare-column-types.js';
import { normalizeDefault, normalizeSqlExpression } from './normalize-sql-expression.js';
import type { ChangedTable, SchemaChange } from './schema-change.js';

/**
 * Options of {@link detectChanges}.
 *
 * @example
 * ```ts
 * detectChanges(contract, live, { comments: 'declared' });
 * ```
 */
export interface DetectChangesOptions {
  /**
   * `declared` (drift): compare comments only where `from` declares one, since contracts written as
   * Drizzle tables carry none. `all` (versions, the default): every comment difference counts.
   */
  comments?: 'all' | 'declared';
}

/**
 * Every difference between two descriptions of one table, in a stable order: table, columns in
 * `from`'s ordinal order, added columns in `to`'s order, then keys, uniques, indexes, foreign keys
 * and checks. Constraints are matched by their columns or expression, not their names, which
 * differ between dialects and tools. A dropped and an added column of the same type are paired
 * as a possible rename.
 *
 * @example
 * ```ts
 * const changes = detectChanges(contract, live);
 * changes.filter((c) => c.kind === 'column-dropped'); // columns the database no longer has
 * ```
 */
export function detectChanges(
  from: TableSchema | undefined,
  to: TableSchema | undefined,
  options: DetectChangesOptions = {},
): SchemaChange[] {
  if (!from && !to) return [];
  if (!to) return [{ kind: 'table-missing', table: tableRef(from as TableSchema) }];
  if (!from) return [{ kind: 'table-added', table: tableRef(to) }];
  const table = tableRef(from);
  const changes: SchemaChange[] = [...columnChanges(table, from, to, options)];
  if (commentDiffers(from.comment, to.comment, options)) {
    changes.push(withOptional({ kind: 'comment-changed', table }, { from: from.comment, to: to.comment }));
  }
  if (!sameColumns(from.primaryKey?.columns, to.primaryKey?.columns)) {
    changes.push(
      withOptional({ kind: 'primary-key-changed', table }, { from: from.primaryKey, to: to.primaryKey }),
    );
  }
  const fromUniques = uniqueKeys(from);
  const toUniques = uniqueKeys(to);
  for (const [key, unique] of fromUniques)
    if (!toUniques.has(key)) changes.push({ kind: 'unique-dropped', table, unique });
  for (const [key, unique] of toUniques)
    if (!fromUniques.has(key)) changes.push({ kind: 'unique-added', table, unique });
  const fromIndexes = plainIndexes(from);
  const toIndexes = plainIndexes(to);
  for (const [key, index] of fromIndexes)
    if (!toIndexes.has(key)) changes.push({ kind: 'index-dropped', table, index });
  for (const [key, index] of toIndexes)
    if (!fromIndexes.has(key)) changes.push({ kind: 'index-added', table, index });
  const fromFks = byKey(from.foreignKeys, foreignKeyKey);
  const toFks = byKey(to.foreignKeys, foreignKeyKey);
  for (const [key, foreignKey] of fromFks) {
    if (!toFks.has(key)) changes.push({ kind: 'foreign-key-dropped', table, foreignKey });
  }
  for (const [key, foreignKey] of toFks)
    if (!fromFks.has(key)) changes.push({ kind: 'foreign-key-added', table, foreignKey });
  const fromChecks = byKey(from.checks, (c) => normalizeSqlExpression(c.expression));
  const toChecks = byKey(to.checks, (c) => normalizeSqlExpression(c.expression));
  for (const [key, check] of fromChecks)
    if (!toChecks.has(key)) changes.push({ kind: 'check-dropped', table, check });
  for (const [key, check] of toChecks)
    if (!fromChecks.has(key)) changes.push({ kind: 'check-added', table, check });
  return changes;
}

function columnChanges(
  table: ChangedTable,
  from: TableSchema,
  to: TableSchema,
  options: DetectChangesOptions,
): SchemaChange[] {
  const toByName = new Map(to.columns.map((c) => [c.name, c]));
  const fromNames = new Set(from.columns.map((c) => c.name));
  const changes: SchemaChange[] = [];
  const dropped: Extract<SchemaChange, { kind: 'column-dropped' }>[] = [];
  for (const column of from.columns) {
    const live = toByName.get(column.name);
    if (!live) {
      const change: Extract<SchemaChange, { kind: 'column-dropped' }> = {
        kind: 'column-dropped',
        table,
        column: column.name,
        definition: column,
      };
      dropped.push(change);
      changes.push(change);
      continue;
    }
    changes.push(...compareColumn(table, column, live, options));
  }
  const added = to.columns
    .filter((c) => !fromNames.has(c.name))
    .map(
      (column): Extract<SchemaChange, { kind: 'column-added' }> => ({
        kind: 'column-added',
        table,
        column: column.name,
        definition: column,
      }),
    );
  for (const drop of dropped) {
    const rename = added.find(
      (add) => add.renamedFrom === undefined && sameType(drop.definition.type, add.definition.type),
    );
    if (rename) {
      rename.renamedFrom = drop.column;
      drop.renamedTo = rename.column;
    }
  }
  return [...changes, ...added];
}

function compareColumn(
  table: ChangedTable,
  from: ColumnSchema,
  to: ColumnSchema,
  options: DetectChangesOptions,
): SchemaChange[] {
  const column = from.name;
  const changes: SchemaChange[] = [];
  const typeChange = compareColumnTypes(from.type, to.type);
  const enumNamesDiffer =
    from.type.kind === 'enum' &&
    to.type.kind === 'enum' &&
    from.type.enumName !== undefined &&
    to.type.enumName !== undefined &&
    from.type.enumName !== to.type.enumName;
  if (typeChange !== 'same' || enumNamesDiffer) {
    changes.push({
      kind: 'column-type-changed',
      table,
      column,
      from: from.type,
      to: to.type,
      change: typeChange === 'same' ? 'retyped' : typeChange,
    });
  } else if (from.type.kind === 'enum' && to.type.kind === 'enum') {
    const fromValues = from.type.enumValues ?? [];
    const toValues = to.type.enumValues ?? [];
    const removed = fromValues.filter((v) => !toValues.includes(v));
    const added = toValues.filter((v) => !fromValues.includes(v));
    if (removed.length > 0)
      changes.push({
        kind: 'enum-values-removed',
        table,
        column,
        values: removed,
        from: from.type,
        to: to.type,
      });
    if (added.length > 0)
      changes.push({ kind: 'enum-values-added', table, column, values: added, from: from.type, to: to.type });
    const commonFrom = fromValues.filter((v) => toValues.includes(v));
    const commonTo = toValues.filter((v) => fromValues.includes(v));
    if (commonFrom.join('\u0000') !== commonTo.join('\u0000')) {
      changes.push({ kind: 'enum-values-reordered', table, column, from: from.type, to: to.type });
    }
  }
  if (from.nullable !== to.nullable) {
    changes.push({ kind: 'nullability-changed', table, column, from: from.nullable, to: to.nullable });
  }
  const fromGenerated = generatedOf(from);
  const toGenerated = generatedOf(to);
  if (fromGenerated !== toGenerated) {
    changes.push(
      withOptional({ kind: 'generated-changed', table, column }, { from: fromGenerated, to: toGenerated }),
    );
  } else if (
    !fromGenerated &&
    normalizeDefault(from.default, from.type.kind) !== normalizeDefault(to.default, to.type.kind)
  ) {
    changes.push(
      withOptional({ kind: 'default-changed', table, column }, { from: from.default, to: to.default }),
    );
  }
  if (commentDiffers(from.comment, to.comment, options)) {
    changes.push(
      withOptional({ kind: 'comment-changed', table, column }, { from: from.comment, to: to.comment }),
    );
  }
  return changes;
}

/** Serial columns read as `nextval(...)` defaults are the same thing as identity columns. */
function generatedOf(column: ColumnSchema): ColumnSchema['generated'] {
  if (column.generated) return column.generated;
  return column.default !== undefined && /^\s*nextval\(/i.test(column.default) ? 'identity' : undefined;
}

function sameType(a: ColumnType, b: ColumnType): boolean {
  return (
    compareColumnTypes(a, b) === 'same' &&
    a.kind === b.kind &&
    (a.enumValues ?? []).join('\u0000') === (b.enumValues ?? []).join('\u0000')
  );
}

function commentDiffers(
  from: string | undefined,
  to: string | undefined,
  options: DetectChangesOptions,
): boolean {
  if (options.comments === 'declared' && from === undefined) return false;
  return (from ?? '') !== (to ?? '');
}

function sameColumns(a: readonly string[] | undefined, b: readonly string[] | undefined): boolean {
  return (a ?? []).join('\u0000') === (b ?? []).join('\u0000');
}

function uniqueKeys(table: TableSchema): Map<string, KeyConstraint> {
  const pk = (table.primaryKey?.columns ?? []).join('\u0000');
  const keys = new Map<string, KeyConstraint>();
  const candidates: KeyConstraint[] = [
    ...table.uniques,
    ...table.indexes.filter((i) => i.unique).map((i) => ({ name: i.name, columns: i.columns })),
  ];
  for (const unique of candidates) {
    const key = unique.columns.join('\u0000');
    if (key !== pk && !keys.has(key)) keys.set(key, unique);
  }
  return keys;
}

/** Non-unique indexes, without the ones MySQL creates implicitly for a foreign key (same name and columns). */
function plainIndexes(table: TableSchema): Map<string, TableSchema['indexes'][number]> {
  const implicit = new Set(
    table.foreignKeys.map((fk) => `${fk.name ?? ''}\u0001${fk.columns.join('\u0000')}`),
  );
  return byKey(
    table.indexes.filter((i) => !i.unique && !implicit.has(`${i.name}\u0001${i.columns.join('\u0000')}`)),
    (i) => i.columns.join('\u0000'),
  );
}

function foreignKeyKey(fk: ForeignKeySchema): string {
  const action = (a: ForeignKeySchema['onDelete']) => (a === undefined || a === 'restrict' ? 'no action' : a);
  return [
    fk.columns.join(','),
    fk.references.table,
    fk.references.columns.join(','),
    action(fk.onDelete),
    action(fk.onUpdate),
  ].join('\u0000');
}

function byKey<T>(items: readonly T[], key: (item: T) => string): Map<string, T> {
  const map = new Map<string, T>();
  for (const item of items) {
    const k = key(item);
    if (!map.has(k)) map.set(k, item);
  }
  return map;
}

function tableRef(table: TableSchema): ChangedTable {
  return table.schema === undefined ? { name: table.name } : { schema: table.schema, name: table.name };
}

/** Sets only the defined optional fields (exactOptionalPropertyTypes). */
function withOptional<T extends object, O extends Record<string, unknown>>(base: T, optional: O): T {
  const result: Record<string, unknown> = { ...(base as Record<string, unknown>) };
  for (const [key, value] of Object.entries(optional)) if (value !== undefined) result[key] = value;
  return result as T;
}
