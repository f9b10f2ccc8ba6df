import type { DriftOutcome } from '../../src/drift/apply-drift-policy.js';
import { DRIFT_FIXES } from '../../src/drift/classify-change.js';
import type { DriftChange, DriftRole, DriftSeverity } from '../../src/drift/diff-table.js';
import type { TableSchema } from '../../src/schema/table-schema.js';

export type Alter = (
  table: string,
  ctx: { name: string; schema: string | undefined; family: 'postgresql' | 'mysql' },
) => string[];

export interface DriftCase {
  title: string;
  role: DriftRole;
  alter: { postgresql: Alter; mysql: Alter };
  kind: DriftChange['kind'];
  column?: string;
  severity: DriftSeverity;
  outcome: DriftOutcome;
  message?: string;
  fix?: string;
}

const both = (alter: Alter) => ({ postgresql: alter, mysql: alter });

/** Each kind of drift, made with ALTER TABLE per SQL family, and what the check must say. */
export const CASES: DriftCase[] = [
  {
    title: 'a new nullable column in a source is safe',
    role: 'source',
    alter: both((t) => [`alter table ${t} add column nickname varchar(20)`]),
    kind: 'column-added',
    column: 'nickname',
    severity: 'safe',
    outcome: 'ok',
  },
  {
    title: 'a dropped column is breaking',
    role: 'source',
    alter: both((t) => [`alter table ${t} drop column full_name`]),
    kind: 'column-dropped',
    column: 'full_name',
    severity: 'breaking',
    outcome: 'fail',
    fix: DRIFT_FIXES.introspect,
  },
  {
    title: 'a renamed column is a breaking drop, "possibly renamed"',
    role: 'source',
    alter: both((t) => [`alter table ${t} rename column email to email_address`]),
    kind: 'column-dropped',
    column: 'email',
    severity: 'breaking',
    outcome: 'fail',
    message: 'possibly renamed to "email_address"',
    fix: DRIFT_FIXES.rename,
  },
  {
    title: 'a changed type is breaking',
    role: 'source',
    alter: {
      postgresql: (t) => [`alter table ${t} alter column full_name type integer using null`],
      mysql: (t) => [`alter table ${t} modify full_name int null`],
    },
    kind: 'column-type-changed',
    column: 'full_name',
    severity: 'breaking',
    outcome: 'fail',
    message: 'the database has integer',
  },
  {
    title: 'a widened varchar in a target is safe',
    role: 'target',
    alter: {
      postgresql: (t) => [`alter table ${t} alter column email type varchar(200)`],
      mysql: (t) => [`alter table ${t} modify email varchar(200) not null`],
    },
    kind: 'column-type-changed',
    column: 'email',
    severity: 'safe',
    outcome: 'ok',
    message: 'The contract says varchar(100); the database has varchar(200) (widened)',
  },
  {
    title: 'a narrowed varchar is breaking',
    role: 'target',
    alter: {
      postgresql: (t) => [`alter table ${t} alter column email type varchar(50)`],
      mysql: (t) => [`alter table ${t} modify email varchar(50) not null`],
    },
    kind: 'column-type-changed',
    column: 'email',
    severity: 'breaking',
    outcome: 'fail',
    message: 'varchar(50) (narrowed)',
  },
  {
    title: 'a widened varchar in a source is breaking: longer values would be rejected',
    role: 'source',
    alter: {
      postgresql: (t) => [`alter table ${t} alter column email type varchar(200)`],
      mysql: (t) => [`alter table ${t} modify email varchar(200) not null`],
    },
    kind: 'column-type-changed',
    column: 'email',
    severity: 'breaking',
    outcome: 'fail',
    message: 'varchar(200) (widened)',
    fix: 'quarantine',
  },
  {
    title: 'a narrowed numeric precision in a source is safe: every value fits the contract',
    role: 'source',
    alter: {
      postgresql: (t) => [`alter table ${t} alter column balance type numeric(8,2)`],
      mysql: (t) => [`alter table ${t} modify balance decimal(8,2) null`],
    },
    kind: 'column-type-changed',
    column: 'balance',
    severity: 'safe',
    outcome: 'ok',
    message: 'numeric(8,2)',
  },
  {
    title: 'a narrowed numeric precision in a target is breaking',
    role: 'target',
    alter: {
      postgresql: (t) => [`alter table ${t} alter column balance type numeric(8,2)`],
      mysql: (t) => [`alter table ${t} modify balance decimal(8,2) null`],
    },
    kind: 'column-type-changed',
    column: 'balance',
    severity: 'breaking',
    outcome: 'fail',
    message: 'numeric(8,2)',
  },
  {
    title: 'nullable → NOT NULL in a target is breaking',
    role: 'target',
    alter: {
      postgresql: (t) => [`alter table ${t} alter column full_name set not null`],
      mysql: (t) => [`alter table ${t} modify full_name longtext not null`],
    },
    kind: 'nullability-changed',
    column: 'full_name',
    severity: 'breaking',
    outcome: 'fail',
  },
  {
    title: 'nullable → NOT NULL in a source is safe',
    role: 'source',
    alter: {
      postgresql: (t) => [`alter table ${t} alter column full_name set not null`],
      mysql: (t) => [`alter table ${t} modify full_name longtext not null`],
    },
    kind: 'nullability-changed',
    column: 'full_name',
    severity: 'safe',
    outcome: 'ok',
  },
  {
    title: 'NOT NULL → nullable in a source is breaking: rows with NULL would be rejected one by one',
    role: 'source',
    alter: {
      postgresql: (t) => [`alter table ${t} alter column email drop not null`],
      mysql: (t) => [`alter table ${t} modify email varchar(100) null`],
    },
    kind: 'nullability-changed',
    column: 'email',
    severity: 'breaking',
    outcome: 'fail',
    message: 'The contract says not null; the database has null',
    fix: 'make the column nullable in the contract',
  },
  {
    title: 'NOT NULL → nullable in a target is info: runs go on, deploy would tighten it',
    role: 'target',
    alter: {
      postgresql: (t) => [`alter table ${t} alter column email drop not null`],
      mysql: (t) => [`alter table ${t} modify email varchar(100) null`],
    },
    kind: 'nullability-changed',
    column: 'email',
    severity: 'info',
    outcome: 'ok',
  },
  {
    title: 'an added enum value in a target is safe',
    role: 'target',
    alter: {
      postgresql: (_t, { name, schema }) => [`alter type "${schema}"."${name}_status" add value 'vip'`],
      mysql: (t) => [`alter table ${t} modify status enum('new','active','vip') not null default 'new'`],
    },
    kind: 'enum-values-added',
    column: 'status',
    severity: 'safe',
    outcome: 'ok',
  },
  {
    title: 'an added enum value in a source is breaking: rows with it would be rejected',
    role: 'source',
    alter: {
      postgresql: (_t, { name, schema }) => [`alter type "${schema}"."${name}_status" add value 'vip'`],
      mysql: (t) => [`alter table ${t} modify status enum('new','active','vip') not null default 'new'`],
    },
    kind: 'enum-values-added',
    column: 'status',
    severity: 'breaking',
    outcome: 'fail',
    message: "added 'vip'",
    fix: 'add the values to the contract',
  },
  {
    title: 'a removed enum value is breaking',
    role: 'target',
    alter: {
      postgresql: (t, { name, schema }) => {
        const type = `"${schema}"."${name}_status"`;
        return [
          `alter type ${type} rename to "${name}_status_old"`,
          `create type ${type} as enum ('new')`,
          `alter table ${t} alter column status drop default`,
          `alter table ${t} alter column status type ${type} using status::text::${type}`,
          `alter table ${t} alter column status set default 'new'`,
          `drop type "${schema}"."${name}_status_old"`,
        ];
      },
      mysql: (t) => [`alter table ${t} modify status enum('new') not null default 'new'`],
    },
    kind: 'enum-values-removed',
    column: 'status',
    severity: 'breaking',
    outcome: 'fail',
    message: "removed 'active'",
  },
  {
    title: 'a changed primary key is breaking',
    role: 'target',
    alter: {
      postgresql: (t, { name }) => [
        `alter table ${t} drop constraint "${name}_pkey"`,
        `alter table ${t} add primary key (email)`,
      ],
      mysql: (t) => [`alter table ${t} drop primary key, add primary key (email)`],
    },
    kind: 'primary-key-changed',
    severity: 'breaking',
    outcome: 'fail',
    message: 'The contract says primary key (id); the database has primary key',
  },
  {
    title: 'a new index is safe',
    role: 'source',
    alter: both((t, { name }) => [
      `create index "${name}_balance_idx" on ${t} (balance)`.replaceAll('"', ''),
    ]),
    kind: 'index-added',
    severity: 'safe',
    outcome: 'ok',
    message: 'balance',
  },
  {
    title: 'a dropped index is info',
    role: 'target',
    alter: {
      postgresql: (_t, { name, schema }) => [`drop index "${schema}"."${name}_created_idx"`],
      mysql: (t, { name }) => [`drop index ${name}_created_idx on ${t}`],
    },
    kind: 'index-dropped',
    severity: 'info',
    outcome: 'ok',
    message: `created_at`,
  },
  {
    title: 'a changed default is info',
    role: 'target',
    alter: both((t) => [`alter table ${t} alter column balance set default 5`]),
    kind: 'default-changed',
    column: 'balance',
    severity: 'info',
    outcome: 'ok',
  },
];

/** The contract of one drift case's table; enum types are named after the table. */
export function driftContract(
  name: string,
  schema: string | undefined,
  family: 'postgresql' | 'mysql',
): TableSchema {
  const table: TableSchema = {
    name,
    columns: [
      { name: 'id', type: { kind: 'integer' }, nullable: false },
      { name: 'email', type: { kind: 'varchar', length: 100 }, nullable: false },
      { name: 'full_name', type: { kind: 'text' }, nullable: true },
      {
        name: 'status',
        type: {
          kind: 'enum',
          enumValues: ['new', 'active'],
          ...(family === 'postgresql' ? { enumName: `${name}_status` } : {}),
        },
        nullable: false,
        default: "'new'",
      },
      { name: 'balance', type: { kind: 'numeric', precision: 10, scale: 2 }, nullable: true },
      { name: 'created_at', type: { kind: 'timestamp' }, nullable: true },
    ],
    primaryKey: { columns: ['id'] },
    uniques: [],
    foreignKeys: [],
    indexes: [{ name: `${name}_created_idx`, columns: ['created_at'], unique: false }],
    checks: [],
  };
  if (schema !== undefined) table.schema = schema;
  return table;
}
