import { type Connection, type Datakit, DatakitError } from 'datakit-warehouse';
import { recreateSourceTables } from './create-source-tables.js';
import type { DemoRows } from './demo-rows.js';
import { insertRows } from './insert-rows.js';

/** One seeded source table. */
export interface SeededTable {
  system: string;
  table: string;
  /** Where it lives: `pglite:///…/sources`, `mysql://root@…/demo`. */
  database: string;
  rows: number;
  durationMs: number;
}

/**
 * (Re)creates the demo's source tables in each system's database and fills them with the built
 * rows (batched multi-row INSERTs), system by system.
 *
 * @example
 * ```ts
 * await seedDemoSources(buildDemoRows(sources, demoSizes(2600), 1), { sources, connections });
 * ```
 */
export async function seedDemoSources(
  rows: DemoRows,
  options: { sources: Readonly<Record<string, Datakit>>; connections: Readonly<Record<string, Connection>> },
): Promise<SeededTable[]> {
  const seeded: SeededTable[] = [];
  const systems = [...new Set(rows.tables.map((t) => t.system))];
  for (const system of systems) {
    const datakit = options.sources[system];
    const conn = options.connections[system];
    if (!datakit || !conn) {
      throw new DatakitError(
        'CONFIG',
        `The demo has no ${datakit ? 'connection' : 'datakit'} for source system "${system}"`,
        {
          context: { system },
        },
      );
    }
    const tables = rows.tables.filter((t) => t.system === system);
    const created = await recreateSourceTables(
      conn,
      tables.map((t) => datakit.schemaOf(t.key)),
    );
    for (const [i, t] of tables.entries()) {
      const started = performance.now();
      const schema = created[i];
      if (!schema) continue;
      await insertRows(conn, t.table, schema, t.rows);
      seeded.push({
        system,
        table: schema.name,
        database: conn.target,
        rows: t.rows.length,
        durationMs: Math.round(performance.now() - started),
      });
    }
  }
  return seeded;
}
