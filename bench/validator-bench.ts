/**
 * Row validation cost: ns per row of `check()` for an 8-column table, 1M rows per round (all valid,
 * and 1% invalid), next to TypeBox's TypeCompiler on the same rules and a read-only floor. Run: `npx tsx bench/validator-bench.ts` (prints a table; `--json` for JSON).
 */
import { type TSchema, Type } from '@sinclair/typebox';
import { TypeCompiler } from '@sinclair/typebox/compiler';
import {
  boolean,
  integer,
  numeric,
  pgEnum,
  pgTable,
  text,
  timestamp,
  uuid,
  varchar,
} from 'drizzle-orm/pg-core';
import { compileValidator } from '../packages/datakit/src/contract/compile-validator.js';

const status = pgEnum('customer_status', ['active', 'blocked', 'closed']);
const customer = pgTable('customer', {
  id: integer().primaryKey(),
  email: varchar({ length: 200 }).notNull(),
  full_name: text().notNull(),
  status: status().notNull(),
  balance: numeric({ precision: 12, scale: 2 }),
  created_at: timestamp({ withTimezone: true }).notNull(),
  is_active: boolean().notNull(),
  ext_id: uuid(),
});

const TOTAL = 1_000_000;
const ROUNDS = 5;
// hot: 1,000 distinct rows checked 1,000 times, in cache as rows just parsed from a stream are;
// cold: 100,000 distinct rows checked 10 times, each string read from main memory.
const POOLS = { hot: 1_000, cold: 100_000 } as const;

// Strings read from a database driver are flat; template literals would be ropes, slower to scan.
const flat = (text: string) => Buffer.from(text, 'utf8').toString('utf8');

function makeRows(count: number, invalidEvery: number): Record<string, unknown>[] {
  const statuses = ['active', 'blocked', 'closed'] as const;
  const rows: Record<string, unknown>[] = [];
  for (let i = 0; i < count; i++) {
    const hex = (i * 2654435761).toString(16).padStart(12, '0').slice(-12);
    const row: Record<string, unknown> = {
      id: i + 1,
      email: flat(`customer${i}@example.com`),
      full_name: flat(`Customer Number ${i}`),
      status: statuses[i % 3],
      balance: i % 10 === 0 ? null : flat(`${(i * 37) % 100000}.${String(i % 100).padStart(2, '0')}`),
      created_at: new Date(1_700_000_000_000 + i * 1000),
      is_active: i % 2 === 0,
      ext_id: i % 5 === 0 ? null : flat(`1b4e28ba-2fa1-11d2-883f-${hex}`),
    };
    if (invalidEvery > 0 && i % invalidEvery === invalidEvery - 1) {
      if (i % 3 === 0) row.email = 'x'.repeat(201);
      else if (i % 3 === 1) row.status = 'unknown';
      else row.balance = '12345678901.5';
    }
    rows.push(row);
  }
  return rows;
}

const NO_NUL = '^[^\\u0000]*$';
const nullable = <T extends TSchema>(schema: T) => Type.Union([schema, Type.Null()]);
const typebox = TypeCompiler.Compile(
  Type.Object({
    id: Type.Integer({ minimum: -2147483648, maximum: 2147483647 }),
    email: Type.String({ maxLength: 200, pattern: NO_NUL }),
    full_name: Type.String({ pattern: NO_NUL }),
    status: Type.Union([Type.Literal('active'), Type.Literal('blocked'), Type.Literal('closed')]),
    balance: nullable(Type.String({ pattern: '^[+-]?(?=\\.?\\d)0*\\d{0,10}(?:\\.\\d{0,2}0*)?$' })),
    created_at: Type.Date(),
    is_active: Type.Boolean(),
    ext_id: nullable(
      Type.String({
        pattern: '^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$',
      }),
    ),
  }),
);

function measure(
  check: (row: unknown) => boolean,
  rows: readonly unknown[],
): { nsPerRow: number; invalid: number } {
  const passes = TOTAL / rows.length;
  let valid = 0;
  const start = process.hrtime.bigint();
  for (let pass = 0; pass < passes; pass++) {
    for (let i = 0; i < rows.length; i++) if (check(rows[i])) valid++;
  }
  const elapsed = Number(process.hrtime.bigint() - start);
  return { nsPerRow: elapsed / TOTAL, invalid: TOTAL - valid };
}

const select = compileValidator(customer, { mode: 'select' });
const insert = compileValidator(customer, { mode: 'insert' });
// The floor: reading the eight values, no rule at all.
const readOnly = (row: unknown) => {
  const r = row as Record<string, unknown>;
  return (
    r.id !== undefined &&
    r.email !== undefined &&
    r.full_name !== undefined &&
    r.status !== undefined &&
    r.balance !== undefined &&
    r.created_at !== undefined &&
    r.is_active !== undefined &&
    r.ext_id !== undefined
  );
};
const candidates: [string, (row: unknown) => boolean][] = [
  ['baseline: read 8 values, no rules', readOnly],
  ['datakit check (select mode, extra keys ignored)', (row) => select.check(row)],
  ['datakit check (insert mode, extra keys rejected)', (row) => insert.check(row)],
  ['TypeBox TypeCompiler, same rules', (row) => typebox.Check(row)],
];

const results: {
  validator: string;
  rows: string;
  cache: string;
  medianNs: number;
  minNs: number;
  invalidRows: number;
}[] = [];
for (const [cache, pool] of Object.entries(POOLS)) {
  for (const [label, invalidEvery] of [
    ['all valid', 0],
    ['1% invalid', 100],
  ] as const) {
    const rows = makeRows(pool, invalidEvery);
    for (const [name, check] of candidates) {
      measure(check, rows);
      const runs = Array.from({ length: ROUNDS }, () => measure(check, rows));
      const sorted = runs.map((r) => r.nsPerRow).sort((a, b) => a - b);
      results.push({
        validator: name,
        rows: label,
        cache,
        medianNs: Math.round((sorted[Math.floor(ROUNDS / 2)] ?? 0) * 10) / 10,
        minNs: Math.round((sorted[0] ?? 0) * 10) / 10,
        invalidRows: runs[0]?.invalid ?? 0,
      });
    }
  }
}

if (process.argv.includes('--json')) {
  console.log(
    JSON.stringify({ rowsPerRound: TOTAL, rounds: ROUNDS, node: process.version, results }, null, 2),
  );
} else {
  console.log(
    `check() ns/row, 8-column row, ${TOTAL} rows per round, median and best of ${ROUNDS} rounds (${process.version})`,
  );
  console.table(results);
}
