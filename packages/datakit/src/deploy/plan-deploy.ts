import type { DdlCompiler } from '../dialect/ddl-compiler.js';
import type { TableSchema } from '../schema/table-schema.js';
import type { DeployPlan, DeployStep } from './deploy-step.js';
import { planTableChanges } from './plan-table-changes.js';

/** The live state deploy compares against: existing schemas and their tables. */
export interface LiveState {
  schemas: readonly string[];
  tables: readonly TableSchema[];
}

/**
 * A pure diff of the desired tables against the live catalog: schemas, enum types, tables, then
 * per-table changes. Running it on its own output's result gives an empty plan.
 *
 * @example
 * ```ts
 * const plan = planDeploy(desired.map((d) => d.table), { schemas, tables: live }, dialect.createDdlCompiler());
 * if (plan.destructive.length > 0 && !allowDestructive) refuse(plan.destructive);
 * ```
 */
export function planDeploy(desired: readonly TableSchema[], live: LiveState, ddl: DdlCompiler): DeployPlan {
  const steps: DeployStep[] = [];
  const notes: string[] = [];
  const schemas = new Set(live.schemas);
  const liveTables = new Map(live.tables.map((t) => [qualified(t), t]));

  for (const table of desired) {
    if (table.schema && !schemas.has(table.schema)) {
      schemas.add(table.schema);
      steps.push({ action: 'create-schema', target: table.schema, destructive: false, reason: 'new schema', statements: [ddl.createSchema(table.schema)] });
    }
  }

  const liveEnums = new Map<string, readonly string[]>();
  for (const table of live.tables) {
    for (const column of table.columns) {
      if (column.type.enumName && column.type.enumValues) liveEnums.set(enumKey(table.schema, column.type.enumName), column.type.enumValues);
    }
  }
  const planned = new Set<string>();
  for (const table of desired) {
    for (const column of table.columns) {
      const { enumName, enumValues } = column.type;
      if (!enumName || !enumValues) continue;
      const key = enumKey(table.schema, enumName);
      if (planned.has(key)) continue;
      planned.add(key);
      const existing = liveEnums.get(key);
      if (!existing) {
        const statements = ddl.createEnum(table.schema, enumName, enumValues);
        if (statements.length > 0) steps.push({ action: 'create-enum', target: key, destructive: false, reason: 'new enum type', statements });
        continue;
      }
      const added = enumValues.filter((v) => !existing.includes(v));
      const removed = existing.filter((v) => !enumValues.includes(v));
      if (added.length > 0) {
        steps.push({ action: 'add-enum-values', target: key, destructive: false, reason: `new values ${added.join(', ')}`, statements: ddl.addEnumValues(table.schema, enumName, added) });
      }
      if (removed.length > 0) {
        notes.push(
          `enum ${key} keeps value(s) ${removed.join(', ')} that the contract no longer lists: PostgreSQL cannot drop enum values, and a wider type loads every row the contract allows`,
        );
      }
    }
  }

  const created: TableSchema[] = [];
  for (const table of desired) {
    const current = liveTables.get(qualified(table));
    if (!current) {
      created.push(table);
      continue;
    }
    steps.push(...planTableChanges(table, current, ddl));
  }
  // Tables are created before any foreign key that points at them: constraints go in a last step.
  for (const table of created) {
    steps.push({
      action: 'create-table',
      target: qualified(table),
      destructive: false,
      reason: 'new table',
      statements: ddl.createTable({ ...table, foreignKeys: [] }),
    });
  }
  for (const table of created) {
    const ref = { ...(table.schema ? { schema: table.schema } : {}), name: table.name };
    for (const fk of table.foreignKeys) {
      steps.push({
        action: 'add-constraint',
        target: qualified(table),
        destructive: false,
        reason: `new foreign key (${fk.columns.join(', ')}) → ${fk.references.table}`,
        statements: [ddl.addForeignKey(ref, fk)],
      });
    }
  }
  return { steps, destructive: steps.filter((s) => s.destructive), notes };
}

function qualified(table: { schema?: string; name: string }): string {
  return table.schema ? `${table.schema}.${table.name}` : table.name;
}

function enumKey(schema: string | undefined, name: string): string {
  return schema ? `${schema}.${name}` : name;
}
