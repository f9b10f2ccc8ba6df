import type { DriftPolicy } from '../contract/define-datakit.js';
import type { Connection } from '../dialect/connection.js';
import { DatakitError } from '../errors/datakit-error.js';
import type { TableSchema } from '../schema/table-schema.js';
import { applyDriftPolicy, type DriftDecision } from './apply-drift-policy.js';
import { type DriftReport, type DriftRole, diffTable } from './diff-table.js';

/**
 * One table to check: its contract, where it lives and what to do on drift.
 *
 * @example
 * ```ts
 * const entry: DriftCheckTable = { system: 'system-a', role: 'source', contract: systemA.schemaOf('customer'), policy: 'fail' };
 * ```
 */
export interface DriftCheckTable {
  /** The system (datakit or warehouse layer) the table belongs to, for messages. */
  system: string;
  role: DriftRole;
  contract: TableSchema;
  /** Default `fail`. */
  policy?: DriftPolicy;
  /** The schema the table lives in when it is not `contract.schema` (e.g. a layer's schema). */
  schema?: string;
  /** The connection holding this table, when it is not the check's `connection`. */
  connection?: Connection;
}

/**
 * What {@link checkDrift} takes.
 *
 * @example
 * ```ts
 * const input: CheckDriftInput = { connection: warehouse, tables: [entry], applyEvolution: true };
 * ```
 */
export interface CheckDriftInput {
  tables: readonly DriftCheckTable[];
  /** The default connection for tables that name none. */
  connection?: Connection;
  /** Run the evolve DDL on the targets (in one transaction where DDL is transactional), then check again. */
  applyEvolution?: boolean;
}

/**
 * The drift of one table, with its policy's decision.
 *
 * @example
 * ```ts
 * for (const t of result.tables) if (t.outcome === 'quarantine') validateAgainst(t.live);
 * ```
 */
export interface TableDriftResult extends DriftDecision {
  system: string;
  role: DriftRole;
  report: DriftReport;
  /** The live table as introspected (after evolution, when applied); undefined when it does not exist. */
  live?: TableSchema;
  /** The DDL that was run on the target (empty unless `applyEvolution`). */
  applied: string[];
}

/**
 * The result of a drift check; `ok` is false when any table's outcome is `fail`.
 *
 * @example
 * ```ts
 * const result = await checkDrift({ tables, connection });
 * if (!result.ok) console.error(formatDriftReport(result));
 * ```
 */
export interface DriftCheckResult {
  ok: boolean;
  tables: TableDriftResult[];
}

/**
 * Introspects the live tables (one catalog read per connection and schema), diffs each against
 * its contract and applies its policy. With `applyEvolution`, runs the planned DDL on the
 * targets and checks them again.
 *
 * @example
 * ```ts
 * const result = await checkDrift({
 *   connection: source,
 *   tables: systemA.keys.map((key) => ({ system: systemA.name, role: 'source', contract: systemA.schemaOf(key) })),
 * });
 * console.log(formatDriftReport(result));
 * ```
 */
export async function checkDrift(input: CheckDriftInput): Promise<DriftCheckResult> {
  const located = input.tables.map((entry) => {
    const connection = entry.connection ?? input.connection;
    if (!connection) {
      throw new DatakitError(
        'USAGE',
        `No connection to check table "${entry.contract.name}" of ${entry.system} for drift`,
        {
          hint: 'Pass checkDrift({ connection }) or a connection per table.',
          context: { system: entry.system, table: entry.contract.name },
        },
      );
    }
    const schema = entry.schema ?? entry.contract.schema;
    const contract: TableSchema = { ...entry.contract };
    if (schema === undefined) delete contract.schema;
    else contract.schema = schema;
    return { entry, connection, schema, contract };
  });
  const lives = await introspectAll(located);
  const results: TableDriftResult[] = [];
  for (const [index, item] of located.entries()) {
    let live = lives[index];
    let result = evaluate(item.entry, item.contract, live, item.connection);
    if (input.applyEvolution && result.outcome === 'evolve') {
      const ddl = result.ddl;
      const run = async (conn: Connection) => {
        for (const sql of ddl) await conn.query(sql);
      };
      if (item.connection.dialect.adapter.supportsTransactionalDdl) await item.connection.transaction(run);
      else await run(item.connection);
      [live] = await introspectAll([item]);
      result = { ...evaluate(item.entry, item.contract, live, item.connection), applied: ddl };
    }
    results.push(result);
  }
  return { ok: results.every((r) => r.outcome !== 'fail'), tables: results };
}

function evaluate(
  entry: DriftCheckTable,
  contract: TableSchema,
  live: TableSchema | undefined,
  connection: Connection,
): TableDriftResult {
  const report = diffTable(contract, live, { role: entry.role });
  const decision = applyDriftPolicy(report, entry.policy ?? 'fail', {
    contract,
    live,
    compiler: connection.dialect.createDdlCompiler(),
  });
  const result: TableDriftResult = {
    ...decision,
    system: entry.system,
    role: entry.role,
    report,
    applied: [],
  };
  if (live) result.live = live;
  return result;
}

async function introspectAll(
  located: readonly { connection: Connection; schema: string | undefined; contract: TableSchema }[],
): Promise<(TableSchema | undefined)[]> {
  const groups = new Map<Connection, Map<string | undefined, Set<string>>>();
  for (const { connection, schema, contract } of located) {
    const bySchema = groups.get(connection) ?? new Map<string | undefined, Set<string>>();
    groups.set(connection, bySchema);
    const names = bySchema.get(schema) ?? new Set<string>();
    bySchema.set(schema, names);
    names.add(contract.name);
  }
  const found = new Map<Connection, Map<string | undefined, TableSchema[]>>();
  for (const [connection, bySchema] of groups) {
    const introspector = connection.dialect.createIntrospector(connection);
    const perSchema = new Map<string | undefined, TableSchema[]>();
    for (const [schema, names] of bySchema) {
      const tables = await introspector.introspect({
        ...(schema === undefined ? {} : { schema }),
        tables: [...names],
      });
      perSchema.set(schema, tables);
    }
    found.set(connection, perSchema);
  }
  return located.map(({ connection, schema, contract }) =>
    found
      .get(connection)
      ?.get(schema)
      ?.find((t) => t.name === contract.name),
  );
}
