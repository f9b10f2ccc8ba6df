import type { DdlCompiler, TableRef } from '../dialect/ddl-compiler.js';
import type { ColumnType, KeyConstraint, TableSchema } from '../schema/table-schema.js';
import type { DeployStep } from './deploy-step.js';

/**
 * The steps that turn the live table into the desired one. Additive changes (new nullable or
 * defaulted column, dropped NOT NULL, new index or constraint) are safe; anything that drops,
 * retypes or tightens is destructive.
 *
 * @example
 * ```ts
 * planTableChanges(desired, live, ddl).filter((s) => s.destructive);
 * ```
 */
export function planTableChanges(desired: TableSchema, live: TableSchema, ddl: DdlCompiler): DeployStep[] {
  const ref: TableRef = { ...(desired.schema ? { schema: desired.schema } : {}), name: desired.name };
  const name = `${desired.schema ?? ''}${desired.schema ? '.' : ''}${desired.name}`;
  const steps: DeployStep[] = [];
  const liveColumns = new Map(live.columns.map((c) => [c.name, c]));
  const desiredNames = new Set(desired.columns.map((c) => c.name));

  for (const column of desired.columns) {
    const target = `${name}.${column.name}`;
    const current = liveColumns.get(column.name);
    if (!current) {
      const safe = column.nullable || column.default !== undefined || column.generated !== undefined;
      steps.push({
        action: 'add-column',
        target,
        destructive: !safe,
        reason: safe ? 'new column' : 'new NOT NULL column without a default: fails on a table with rows',
        statements: [ddl.addColumn(ref, column)],
      });
      continue;
    }
    if (!sameType(column.type, current.type)) {
      steps.push({
        action: 'alter-column-type',
        target,
        destructive: true,
        reason: `type changes from ${describeType(current.type)} to ${describeType(column.type)}`,
        statements: [ddl.alterColumnType(ref, column)],
      });
    }
    if (column.nullable !== current.nullable) {
      steps.push(
        column.nullable
          ? { action: 'drop-not-null', target, destructive: false, reason: 'column becomes nullable', statements: [ddl.setNotNull(ref, column.name, false)] }
          : { action: 'set-not-null', target, destructive: true, reason: 'column becomes NOT NULL: fails if a row holds NULL', statements: [ddl.setNotNull(ref, column.name, true)] },
      );
    }
  }
  for (const column of live.columns) {
    if (desiredNames.has(column.name)) continue;
    steps.push({
      action: 'drop-column',
      target: `${name}.${column.name}`,
      destructive: true,
      reason: 'column is not in the contract: dropping it deletes its data',
      statements: [ddl.dropColumn(ref, column.name)],
    });
  }

  if (!sameKey(desired.primaryKey, live.primaryKey)) {
    const add = desired.primaryKey && !live.primaryKey;
    steps.push({
      action: 'change-primary-key',
      target: name,
      destructive: !add,
      reason: add
        ? `new primary key (${desired.primaryKey?.columns.join(', ')})`
        : `primary key changes from (${live.primaryKey?.columns.join(', ') ?? 'none'}) to (${desired.primaryKey?.columns.join(', ') ?? 'none'}): migrate it by hand`,
      statements: add && desired.primaryKey ? [ddl.addPrimaryKey(ref, desired.primaryKey)] : [],
    });
  }
  for (const unique of desired.uniques) {
    if (!live.uniques.some((u) => sameKey(u, unique))) {
      steps.push(constraintStep(name, `unique (${unique.columns.join(', ')})`, ddl.addUnique(ref, unique)));
    }
  }
  for (const fk of desired.foreignKeys) {
    const exists = live.foreignKeys.some(
      (l) => sameColumns(l.columns, fk.columns) && l.references.table === fk.references.table && sameColumns(l.references.columns, fk.references.columns),
    );
    if (!exists) {
      steps.push(constraintStep(name, `foreign key (${fk.columns.join(', ')}) → ${fk.references.table}`, ddl.addForeignKey(ref, fk)));
    }
  }
  for (const check of desired.checks) {
    if (!live.checks.some((c) => c.name === check.name)) steps.push(constraintStep(name, `check ${check.name}`, ddl.addCheck(ref, check)));
  }
  for (const index of desired.indexes) {
    if (!live.indexes.some((i) => i.name === index.name)) {
      steps.push({ action: 'create-index', target: `${name}.${index.name}`, destructive: false, reason: 'new index', statements: [ddl.createIndex(ref, index)] });
    }
  }
  for (const index of live.indexes) {
    if (!desired.indexes.some((i) => i.name === index.name)) {
      steps.push({ action: 'drop-index', target: `${name}.${index.name}`, destructive: true, reason: 'index is not in the contract', statements: [ddl.dropIndex(ref, index)] });
    }
  }
  return steps;
}

function constraintStep(table: string, what: string, statement: string): DeployStep {
  return { action: 'add-constraint', target: table, destructive: false, reason: `new ${what}`, statements: [statement] };
}

/** Types are the same when kind, sizes and dimensions match; enum values are planned separately. */
export function sameType(a: ColumnType, b: ColumnType): boolean {
  return (
    a.kind === b.kind &&
    a.length === b.length &&
    a.precision === b.precision &&
    a.scale === b.scale &&
    (a.dimensions ?? 0) === (b.dimensions ?? 0) &&
    (a.kind !== 'enum' || a.enumName === b.enumName || a.enumName === undefined || b.enumName === undefined)
  );
}

function describeType(type: ColumnType): string {
  const size = type.length ?? (type.precision !== undefined ? `${type.precision}${type.scale !== undefined ? `,${type.scale}` : ''}` : undefined);
  return `${type.enumName ?? type.kind}${size !== undefined ? `(${size})` : ''}${'[]'.repeat(type.dimensions ?? 0)}`;
}

function sameColumns(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && a.every((c, i) => c === b[i]);
}

function sameKey(a: KeyConstraint | undefined, b: KeyConstraint | undefined): boolean {
  if (!a || !b) return a === b;
  return sameColumns(a.columns, b.columns);
}
