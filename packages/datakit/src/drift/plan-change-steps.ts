import type { DdlCompiler, TableRef } from '../dialect/ddl-compiler.js';
import type { ColumnSchema, ColumnType, TableSchema } from '../schema/table-schema.js';
import type { DeployAction, DeployStep } from './deploy-step.js';
import type { DriftChange } from './diff-table.js';

/**
 * What {@link planChangeSteps} needs besides the changes.
 *
 * @example
 * ```ts
 * const context: ChangeStepContext = { contract, live, ddl, enumTypes: new Set() };
 * ```
 */
export interface ChangeStepContext {
  /** The contract table, placed where it lives (its schema is the live schema). */
  contract: TableSchema;
  live: TableSchema | undefined;
  ddl: DdlCompiler;
  /** `schema.type` of enum types that exist or are planned; types the steps create are added. */
  enumTypes: Set<string>;
  /** Steps already planned by their SQL, so a change shared by two columns (one enum type) gets one step. */
  planned?: Map<string, DeployStep>;
  /** Evolve: add a missing NOT NULL column without default as nullable (the table may have rows). */
  relaxNotNull?: boolean;
}

/**
 * The steps of a table's changes, and `deferred` foreign keys to add once every table exists.
 *
 * @example
 * ```ts
 * const { steps, deferred, notes } = planChangeSteps(report.changes, context);
 * ```
 */
export interface ChangeSteps {
  steps: DeployStep[];
  deferred: DeployStep[];
  /** What a relaxed step does differently from the contract. */
  notes: string[];
}

/**
 * The one DDL planner: turns classified changes of a target (contract → live) into steps, for
 * deploy and for the evolve drift policy alike. A safe change gets no step; an additive
 * one a step that loses nothing; a breaking one a destructive step, or a step without statements
 * when only work by hand can make it. Column steps restate the column as it is after the earlier
 * ones, so dialects that rewrite whole columns (MySQL) keep what other steps did. Pure.
 *
 * @example
 * ```ts
 * const report = diffTable(contract, live, { role: 'target' });
 * const { steps } = planChangeSteps(report.changes, { contract, live, ddl, enumTypes: new Set() });
 * ```
 */
export function planChangeSteps(changes: readonly DriftChange[], context: ChangeStepContext): ChangeSteps {
  const { contract, ddl } = context;
  const planned = context.planned ?? new Map<string, DeployStep>();
  const ref: TableRef =
    contract.schema === undefined
      ? { name: contract.name }
      : { schema: contract.schema, name: contract.name };
  const tableName = contract.schema === undefined ? contract.name : `${contract.schema}.${contract.name}`;
  const current = new Map((context.live?.columns ?? []).map((c) => [c.name, c]));
  const wanted = (name: string) => contract.columns.find((c) => c.name === name);
  const result: ChangeSteps = { steps: [], deferred: [], notes: [] };

  const push = (
    change: DriftChange,
    action: DeployAction,
    target: string,
    statements: string[],
    into = result.steps,
    destructive?: boolean,
  ) => {
    const key = statements.join(';\n');
    const same = statements.length > 0 ? planned.get(key) : undefined;
    if (same) {
      same.changes.push(change);
      return;
    }
    const step: DeployStep = {
      action,
      target,
      destructive: destructive ?? change.classification.severity === 'breaking',
      reason:
        change.kind === 'table-missing'
          ? change.classification.reason
          : `${change.classification.reason} (the database has ${change.live}; the contract says ${change.contract})`,
      statements,
      changes: [change],
    };
    if (statements.length > 0) planned.set(key, step);
    into.push(step);
  };
  const ensureEnum = (change: DriftChange, type: ColumnType) => {
    if (type.kind !== 'enum' || !type.enumName || !type.enumValues) return;
    const key = contract.schema === undefined ? type.enumName : `${contract.schema}.${type.enumName}`;
    if (context.enumTypes.has(key)) return;
    context.enumTypes.add(key);
    const statements = ddl.createEnum(contract.schema, type.enumName, type.enumValues);
    if (statements.length > 0) push(change, 'create-enum', key, statements, result.steps, false);
  };
  const alter = (
    change: DriftChange,
    action: DeployAction,
    column: ColumnSchema,
    sql: (c: ColumnSchema) => string | string[],
    target?: string,
  ) => {
    current.set(column.name, column);
    const statements = sql(column);
    push(
      change,
      action,
      target ?? `${tableName}.${column.name}`,
      Array.isArray(statements) ? statements : [statements],
    );
  };

  for (const change of changes) {
    if (change.classification.severity === 'safe') continue;
    switch (change.kind) {
      case 'table-missing': {
        for (const column of contract.columns) ensureEnum(change, column.type);
        push(
          change,
          'create-table',
          tableName,
          ddl.createTable({ ...contract, foreignKeys: [] }, { enumTypes: false }),
        );
        for (const fk of contract.foreignKeys)
          push(change, 'add-constraint', tableName, [ddl.addForeignKey(ref, fk)], result.deferred);
        break;
      }
      case 'column-dropped': {
        const relax = context.relaxNotNull === true && change.classification.severity === 'breaking';
        const column = relax ? { ...change.definition, nullable: true } : change.definition;
        if (relax)
          result.notes.push(`"${column.name}" is added as nullable: the table may already have rows`);
        ensureEnum(change, column.type);
        current.set(column.name, column);
        push(
          change,
          'add-column',
          `${tableName}.${column.name}`,
          [ddl.addColumn(ref, column)],
          result.steps,
          relax ? false : undefined,
        );
        break;
      }
      case 'column-added': {
        const column = current.get(change.column) ?? change.definition;
        alter(change, 'drop-not-null', { ...column, nullable: true }, (c) => ddl.setNotNull(ref, c, false));
        break;
      }
      case 'column-type-changed': {
        const column = current.get(change.column);
        const type = wanted(change.column)?.type;
        if (!column || !type) break;
        ensureEnum(change, type);
        alter(change, 'alter-column-type', { ...column, type }, (c) => ddl.alterColumnType(ref, c));
        break;
      }
      case 'nullability-changed': {
        const column = current.get(change.column);
        if (!column) break;
        const notNull = !change.from;
        alter(change, notNull ? 'set-not-null' : 'drop-not-null', { ...column, nullable: !notNull }, (c) =>
          ddl.setNotNull(ref, c, notNull),
        );
        break;
      }
      case 'enum-values-removed': {
        const column = current.get(change.column);
        if (!column) break;
        const live = column.type.enumValues ?? [];
        const values = [...(wanted(change.column)?.type.enumValues ?? []), ...live];
        const type = { ...column.type, enumValues: [...new Set(values)] };
        const target = type.enumName
          ? `${contract.schema === undefined ? '' : `${contract.schema}.`}${type.enumName}`
          : undefined;
        alter(
          change,
          'add-enum-values',
          { ...column, type },
          (c) => ddl.extendEnum(ref, c, change.values),
          target,
        );
        break;
      }
      case 'default-changed': {
        const column = current.get(change.column);
        if (!column) break;
        const next: ColumnSchema = { ...column };
        const value = wanted(change.column)?.default;
        if (value === undefined) delete next.default;
        else next.default = value;
        alter(change, 'set-default', next, (c) => ddl.setDefault(ref, c));
        break;
      }
      case 'primary-key-changed': {
        const key = contract.primaryKey;
        push(
          change,
          'change-primary-key',
          tableName,
          change.classification.severity === 'additive' && key ? [ddl.addPrimaryKey(ref, key)] : [],
        );
        break;
      }
      case 'generated-changed':
        push(change, 'change-identity', `${tableName}.${change.column}`, []);
        break;
      case 'index-dropped':
        push(change, 'create-index', `${tableName}.${change.index.name}`, [
          ddl.createIndex(ref, change.index),
        ]);
        break;
      case 'unique-dropped': {
        const columns = change.unique.columns.join('\u0000');
        const index = contract.indexes.find((i) => i.unique && i.columns.join('\u0000') === columns);
        if (index) push(change, 'create-index', `${tableName}.${index.name}`, [ddl.createIndex(ref, index)]);
        else push(change, 'add-constraint', tableName, [ddl.addUnique(ref, change.unique)]);
        break;
      }
      case 'foreign-key-dropped':
        push(
          change,
          'add-constraint',
          tableName,
          [ddl.addForeignKey(ref, change.foreignKey)],
          result.deferred,
        );
        break;
      case 'check-dropped':
        push(change, 'add-constraint', tableName, [ddl.addCheck(ref, change.check)]);
        break;
      default:
        break;
    }
  }
  return result;
}
