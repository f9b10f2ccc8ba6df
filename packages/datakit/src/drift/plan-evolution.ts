import type { DdlCompiler, TableRef } from '../dialect/ddl-compiler.js';
import type { ColumnSchema, TableSchema } from '../schema/table-schema.js';
import { compareColumnTypes } from './compare-column-types.js';
import type { DriftChange } from './diff-table.js';

/**
 * The DDL that evolves a live target towards its contract, and the changes it resolves.
 *
 * @example
 * ```ts
 * const { ddl, resolved } = planEvolution(report.changes, contract, live, compiler);
 * ```
 */
export interface EvolutionPlan {
  ddl: string[];
  resolved: DriftChange[];
  notes: string[];
}

/**
 * Plans the additive DDL that makes a live target satisfy its contract: creates a missing table,
 * adds missing columns (NOT NULL ones without a default are added nullable, since the table may
 * have rows), widens narrowed columns, drops a NOT NULL the contract does not have (also on a
 * column the contract does not know), adds missing enum values and indexes. Never drops or
 * narrows anything.
 *
 * @example
 * ```ts
 * const plan = planEvolution(report.changes, contract, live, conn.dialect.createDdlCompiler());
 * for (const sql of plan.ddl) await conn.query(sql);
 * ```
 */
export function planEvolution(
  changes: readonly DriftChange[],
  contract: TableSchema,
  live: TableSchema | undefined,
  compiler: DdlCompiler,
): EvolutionPlan {
  const plan: EvolutionPlan = { ddl: [], resolved: [], notes: [] };
  const schema = live?.schema ?? contract.schema;
  const table: TableRef = schema === undefined ? { name: contract.name } : { schema, name: contract.name };
  const contractColumn = (name: string) => contract.columns.find((c) => c.name === name);
  const liveColumn = (name: string) => live?.columns.find((c) => c.name === name);
  const resolve = (change: DriftChange, ...ddl: string[]) => {
    plan.ddl.push(...ddl);
    plan.resolved.push(change);
  };
  for (const change of changes) {
    switch (change.kind) {
      case 'table-missing': {
        const target = table.schema === undefined ? contract : { ...contract, schema: table.schema };
        resolve(change, ...compiler.createTable(target));
        break;
      }
      case 'column-dropped': {
        const column: ColumnSchema = { ...change.definition };
        if (!column.nullable && column.default === undefined && !column.generated) {
          column.nullable = true;
          plan.notes.push(`"${column.name}" is added as nullable: the table may already have rows`);
        }
        resolve(change, compiler.addColumn(table, column));
        break;
      }
      case 'column-type-changed': {
        const wanted = contractColumn(change.column);
        const current = liveColumn(change.column);
        if (wanted && current && compareColumnTypes(current.type, wanted.type) === 'widened') {
          resolve(change, compiler.alterColumnType(table, keepLive(wanted, current)));
        }
        break;
      }
      case 'column-added':
        // A NOT NULL column the contract does not fill would refuse every insert: relax it.
        if (change.severity === 'breaking') {
          resolve(change, compiler.setNotNull(table, { ...change.definition, nullable: true }, false));
        }
        break;
      case 'nullability-changed': {
        const current = liveColumn(change.column);
        if (change.from && !change.to && current)
          resolve(change, compiler.setNotNull(table, { ...current, nullable: true }, false));
        break;
      }
      case 'enum-values-removed': {
        const wanted = contractColumn(change.column);
        const current = liveColumn(change.column);
        if (!wanted || !current) break;
        if (current.type.enumName) {
          resolve(change, ...compiler.addEnumValues(table.schema, current.type.enumName, change.values));
        } else {
          const liveValues = current.type.enumValues ?? [];
          const values = [
            ...(wanted.type.enumValues ?? []),
            ...liveValues.filter((v) => !wanted.type.enumValues?.includes(v)),
          ];
          resolve(
            change,
            compiler.alterColumnType(table, { ...current, type: { ...current.type, enumValues: values } }),
          );
        }
        break;
      }
      case 'index-dropped':
        resolve(change, compiler.createIndex(table, change.index));
        break;
      default:
        break;
    }
  }
  return plan;
}

/** The contract's type with the live column's nullability and default, so only the type changes. */
function keepLive(wanted: ColumnSchema, current: ColumnSchema): ColumnSchema {
  return { ...current, type: wanted.type };
}
