import { randomBytes } from 'node:crypto';
import { rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import fc from 'fast-check';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { generateDatakit } from '../../src/codegen/generate-datakit.js';
import { connect } from '../../src/dialect/connect.js';
import type { Connection } from '../../src/dialect/connection.js';
import { normalizeDefault } from '../../src/drift/normalize-sql-expression.js';
import type { TableSchema } from '../../src/schema/table-schema.js';
import { createTestDatabase, describeServer, type TestDatabase } from '../support/servers.js';
import { generatedDir, typeCheck } from './type-check.js';

// Names that have broken generated code somewhere: line terminators after `//`, comment ends,
// template syntax, quotes, prototype keys, reserved words, Drizzle's own table members, and
// payloads that set a global if they ever run.
const PAYLOAD = 'globalThis.__dkPwned = 1';
const HOSTILE = [
  '"',
  "'",
  '\n',
  '\r\n',
  '\u2028',
  '\u2029',
  '*/',
  '/*',
  '${',
  '`',
  '\\',
  '//',
  '__proto__',
  'constructor',
  'class',
  'default',
  'toString',
  'hasOwnProperty',
  'getSQL',
  'enableRLS',
  '_',
  '$inferSelect',
  `\n;${PAYLOAD};//`,
  `\u2028${PAYLOAD};//`,
  `*/ ${PAYLOAD}; /*`,
  `\`; ${PAYLOAD}; \``,
  `\${${PAYLOAD}}`,
  `'); ${PAYLOAD}; ('`,
  'é',
  '日本',
  '🙂',
  ' ',
  '1',
  'Order Lines',
  'OrderID',
];

const fragment = fc.oneof(
  { weight: 3, arbitrary: fc.constantFrom(...HOSTILE) },
  { weight: 1, arbitrary: fc.string({ minLength: 1, maxLength: 6, unit: 'grapheme' }) },
);
/** A PostgreSQL identifier: no NUL, at most 63 bytes (longer ones are silently truncated). */
const identifier = fc
  .array(fragment, { minLength: 1, maxLength: 3 })
  .map((parts) => parts.join(''))
  .filter((s) => !s.includes('\0') && Buffer.byteLength(s) <= 63);
const names = (n: number) =>
  fc.uniqueArray(identifier, { minLength: n, maxLength: n, selector: (s) => s.toLowerCase() });

interface Hostile {
  relations: string[];
  columns: string[];
  texts: string[];
}

// The enum's two labels come from relations[11] and texts[3]: equal labels are a DDL error, not a finding.
const hostile: fc.Arbitrary<Hostile> = fc
  .record({
    relations: names(12),
    columns: names(8),
    texts: names(4),
  })
  .filter((h) => h.relations[11] !== h.texts[3]);

const q = (name: string) => `"${name.replaceAll('"', '""')}"`;
const lit = (text: string) => `'${text.replaceAll("'", "''")}'`;

/** Two related tables, an enum, every kind of named constraint, comments, a default, and a foreign key to a table outside the introspected schema. */
function ddl(schema: string, other: string, h: Hostile): string[] {
  const [
    parent,
    child,
    typeName,
    pk,
    unique,
    index,
    check,
    fk,
    outsideFk,
    outsideTable,
    childIndex,
    enumValue,
  ] = h.relations as [
    string,
    string,
    string,
    string,
    string,
    string,
    string,
    string,
    string,
    string,
    string,
    string,
  ];
  const [id, a, b, c, parentId, outsideId, status, note] = h.columns as [
    string,
    string,
    string,
    string,
    string,
    string,
    string,
    string,
  ];
  const [comment, fallback, tableComment, value] = h.texts as [string, string, string, string];
  const s = q(schema);
  return [
    `create schema ${s}`,
    `create schema ${q(other)}`,
    `create table ${q(other)}.${q(outsideTable)} (${q(outsideId)} integer primary key)`,
    `create type ${s}.${q(typeName)} as enum (${lit(enumValue)}, ${lit(value)})`,
    `create table ${s}.${q(parent)} (
      ${q(id)} integer not null,
      ${q(a)} text not null default ${lit(fallback)},
      ${q(b)} integer,
      ${q(status)} ${s}.${q(typeName)},
      constraint ${q(pk)} primary key (${q(id)}),
      constraint ${q(unique)} unique (${q(a)}, ${q(b)}),
      constraint ${q(check)} check (${q(b)} > 0)
    )`,
    `create index ${q(index)} on ${s}.${q(parent)} (${q(b)})`,
    `comment on table ${s}.${q(parent)} is ${lit(tableComment)}`,
    `comment on column ${s}.${q(parent)}.${q(a)} is ${lit(comment)}`,
    `create table ${s}.${q(child)} (
      ${q(c)} integer primary key,
      ${q(parentId)} integer not null,
      ${q(outsideId)} integer,
      ${q(note)} varchar(40),
      constraint ${q(fk)} foreign key (${q(parentId)}) references ${s}.${q(parent)} (${q(id)}),
      constraint ${q(outsideFk)} foreign key (${q(outsideId)}) references ${q(other)}.${q(outsideTable)} (${q(outsideId)})
    )`,
    `create index ${q(childIndex)} on ${s}.${q(child)} (${q(note)}, ${q(parentId)})`,
  ];
}

/** Every name of a table and its parts, in a stable order, plus normalized defaults. */
function namesOf(table: TableSchema): unknown {
  const byName = <T extends { name?: string }>(items: readonly T[]) =>
    [...items].sort((x, y) => ((x.name ?? '') < (y.name ?? '') ? -1 : 1));
  return {
    name: table.name,
    // Sorted: a Drizzle table's columns are an object's keys, and JavaScript puts integer-like keys
    // (a column named "1") first whatever order the code writes them in.
    columns: byName(table.columns).map((c) => ({
      name: c.name,
      nullable: c.nullable,
      enum: c.type.kind === 'enum' ? [c.type.enumName, ...(c.type.enumValues ?? [])] : undefined,
      default: normalizeDefault(c.default, c.type.kind),
    })),
    primaryKey: table.primaryKey?.columns,
    uniques: byName(table.uniques).map((u) => [u.name, ...u.columns]),
    indexes: byName(table.indexes).map((i) => [i.name, ...i.columns]),
    checks: byName(table.checks).map((k) => k.name),
  };
}

interface LoadedDatakit {
  keys: string[];
  schemaOf(key: string): TableSchema;
}

await describeServer('postgres', 'introspection fuzz: hostile identifiers', () => {
  let db: TestDatabase;
  let conn: Connection;
  let dir: string;

  beforeAll(async () => {
    db = await createTestDatabase('postgres', 'fuzz_names');
    conn = await connect(db.url);
    dir = await generatedDir('fuzz');
  });
  afterAll(async () => {
    await conn?.close();
    await db?.drop();
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  it('generated code compiles, imports without side effects and round-trips every name', async () => {
    let run = 0;
    await fc.assert(
      fc.asyncProperty(hostile, async (h) => {
        run += 1;
        const schema = `fz_${run}_${randomBytes(3).toString('hex')}`;
        for (const sql of ddl(schema, `${schema}_other`, h)) await conn.query(sql);
        const live = await conn.dialect.createIntrospector(conn).introspect({ schema });
        const { code } = generateDatakit(live, { name: 'fuzz', version: '1.0.0', dialect: 'postgresql' });
        const runDir = path.join(dir, schema);
        const file = path.join(runDir, 'index.ts');
        await (await import('node:fs/promises')).mkdir(runDir, { recursive: true });
        await writeFile(file, code);

        expect(await typeCheck(runDir), code).toEqual([]);
        const marker = globalThis as { __dkPwned?: unknown };
        delete marker.__dkPwned;
        const module = (await import(pathToFileURL(file).href)) as Record<string, LoadedDatakit>;
        expect(marker.__dkPwned, code).toBeUndefined();

        const datakit = module.fuzz as LoadedDatakit;
        const generated = datakit.keys.map((key) => datakit.schemaOf(key));
        const sorted = (tables: TableSchema[]) => [...tables].sort((x, y) => (x.name < y.name ? -1 : 1));
        expect(sorted(generated).map(namesOf), code).toEqual(sorted(live).map(namesOf));
        const fks = (tables: TableSchema[]) =>
          tables.flatMap((t) =>
            t.foreignKeys.map((fk) => [
              t.name,
              fk.name,
              ...fk.columns,
              fk.references.table,
              ...fk.references.columns,
            ]),
          );
        // The foreign key into the other schema is left out as a comment; the one inside round-trips.
        expect(fks(generated)).toEqual(fks(live).filter((fk) => fk[3] !== h.relations[9]));
      }),
      { numRuns: 3, endOnFailure: true },
    );
  }, 300_000);
});
