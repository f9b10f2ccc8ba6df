import type { DialectFamily } from '../dialect-family.js';
import { postgresAdapter } from './postgres-adapter.js';
import { postgresCodegen } from './postgres-codegen.js';
import { postgresDrizzle } from './postgres-drizzle.js';
import { parsePostgresType } from './postgres-parse-sql-type.js';
import { postgresValues } from './postgres-values.js';

/**
 * The PostgreSQL SQL family, spoken by the PostgreSQL and PGlite dialects.
 *
 * @example
 * ```ts
 * postgresFamily.parseSqlType('character varying(200)'); // { kind: 'varchar', length: 200, raw: ... }
 * ```
 */
export const postgresFamily: DialectFamily = {
  name: 'postgresql',
  adapter: postgresAdapter,
  parseSqlType: parsePostgresType,
  drizzle: postgresDrizzle,
  values: postgresValues,
  codegen: postgresCodegen,
};
