import type { Connection } from '../dialect/connection.js';
import { MIGRATIONS, type StoreMigration } from './migrations.js';

/**
 * Brings the run store (`datakit` schema) to the latest version: applies the missing migrations
 * in order, in one transaction, under an advisory lock so that concurrent callers wait and then
 * find nothing to do. Returns the versions it applied.
 *
 * @example
 * ```ts
 * await migrateStore(warehouse); // [1, 2] on a fresh warehouse, [] afterwards
 * ```
 */
export async function migrateStore(
  conn: Connection,
  migrations: readonly StoreMigration[] = MIGRATIONS,
): Promise<number[]> {
  const latest = migrations.at(-1)?.version ?? 0;
  if ((await storeVersion(conn)) >= latest) return [];
  return conn.transaction(async (tx) => {
    await tx.query(`select pg_advisory_xact_lock(hashtext('datakit.migrations'))`);
    const current = await storeVersion(tx);
    const applied: number[] = [];
    for (const migration of migrations) {
      if (migration.version <= current) continue;
      for (const statement of statementsOf(migration.sql)) await tx.query(statement);
      await tx.query(`insert into "datakit"."migrations" ("version", "name") values ($1, $2)`, [
        migration.version,
        migration.name,
      ]);
      applied.push(migration.version);
    }
    return applied;
  });
}

/**
 * The highest applied migration version, 0 for a warehouse without a run store.
 *
 * @example
 * ```ts
 * if ((await storeVersion(conn)) < MIGRATIONS.at(-1)!.version) console.log('run datakit deploy');
 * ```
 */
export async function storeVersion(conn: Connection): Promise<number> {
  const { rows } = await conn.query<{ ready: boolean }>(
    `select to_regclass('"datakit"."migrations"') is not null as ready`,
  );
  if (!rows[0]?.ready) return 0;
  const { rows: versions } = await conn.query<{ v: number | null }>(
    `select max("version") as v from "datakit"."migrations"`,
  );
  return Number(versions[0]?.v ?? 0);
}

function statementsOf(sql: string): string[] {
  return sql
    .split(/;\s*\n/)
    .map((s) => s.trim())
    .filter((s) => s.length > 0);
}
