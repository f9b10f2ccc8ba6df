import type { Table } from 'drizzle-orm';
import { DatakitError } from '../errors/datakit-error.js';
import type { SqlFamily } from './dialect-adapter.js';
import type { DialectFamily } from './dialect-family.js';
import { mysqlFamily } from './mysql/mysql-family.js';
import { postgresFamily } from './postgres/postgres-family.js';

/**
 * Every SQL family Datakit speaks.
 *
 * @example
 * ```ts
 * FAMILIES.map((f) => f.name); // ['postgresql', 'mysql']
 * ```
 * @internal
 */
export const FAMILIES: readonly DialectFamily[] = [postgresFamily, mysqlFamily];

/**
 * The family of a name.
 *
 * @example
 * ```ts
 * familyNamed('mysql').parseSqlType('datetime(3)'); // { kind: 'timestamp', precision: 3, raw: 'datetime(3)' }
 * ```
 * @internal
 */
export function familyNamed(name: SqlFamily): DialectFamily {
  const family = FAMILIES.find((f) => f.name === name);
  if (!family) throw new DatakitError('UNSUPPORTED', `Unknown SQL family "${String(name)}"`);
  return family;
}

/**
 * The family a Drizzle table is written for (`pgTable` → PostgreSQL, `mysqlTable` → MySQL).
 * Throws a `CONTRACT` error for any other table.
 *
 * @example
 * ```ts
 * familyOfTable(pgTable('t', { id: integer() })).name; // 'postgresql'
 * ```
 * @internal
 */
export function familyOfTable(table: Table): DialectFamily {
  const family = FAMILIES.find((f) => f.drizzle.ownsTable(table));
  if (family) return family;
  const functions = FAMILIES.map((f) => f.codegen.tableFunction);
  throw new DatakitError('CONTRACT', `Only ${functions.join(' and ')} tables can be datakit contracts`, {
    hint: `Define the table with ${FAMILIES.map((f) => `${f.codegen.tableFunction} from '${f.codegen.coreModule}'`).join(' or ')}.`,
  });
}
