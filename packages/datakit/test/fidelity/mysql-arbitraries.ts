import fc from 'fast-check';
import { TYPE_CASES } from './mysql-type-cases.js';

const pad = (n: number, width = 2) => String(n).padStart(width, '0');
const micros = fc.integer({ min: 0, max: 999_999 }).map((us) => (us === 0 ? '' : `.${pad(us, 6)}`));
const clock = fc
  .tuple(
    fc.integer({ min: 0, max: 23 }),
    fc.integer({ min: 0, max: 59 }),
    fc.integer({ min: 0, max: 59 }),
    micros,
  )
  .map(([h, m, s, us]) => `${pad(h)}:${pad(m)}:${pad(s)}${us}`);
const day = (minYear: number) =>
  fc
    .tuple(
      fc.integer({ min: minYear, max: 9999 }),
      fc.integer({ min: 1, max: 12 }),
      fc.integer({ min: 1, max: 31 }),
    )
    .map(([y, m, d]) => {
      const last =
        new Date(Date.UTC(2000, m, 0)).getUTCDate() -
        (m === 2 && !(y % 4 === 0 && (y % 100 !== 0 || y % 400 === 0)) ? 1 : 0);
      return `${pad(y, 4)}-${pad(m)}-${pad(Math.min(d, last))}`;
    });
// TIMESTAMP holds 1970-01-01 00:00:01 to 2038-01-19 03:14:07.999999 UTC.
const timestamp = fc
  .tuple(fc.integer({ min: 1, max: 2_147_483_647 }), micros)
  .map(([s, us]) => `${new Date(s * 1000).toISOString().slice(0, 19).replace('T', ' ')}${us}`);
const bytes = (max: number) => fc.uint8Array({ maxLength: max }).map((b) => Buffer.from(b));
// JSON is compared as jsonb: exact JSON text and a top-level JSON null (distinct from SQL NULL)
// are the JSON codec's part (issue 8, PostgreSQL side).
const json = fc
  .jsonValue({ maxDepth: 2 })
  .map((v) => JSON.stringify(v))
  .filter((text) => !text.includes('\\u0000') && text !== 'null');
const decimal = fc
  .tuple(fc.boolean(), fc.stringMatching(/^[1-9][0-9]{0,34}$|^0$/), fc.stringMatching(/^[0-9]{30}$/))
  .map(([negative, whole, fraction]) => `${negative ? '-' : ''}${whole}.${fraction}`);
const float32 = fc
  .float({ noNaN: true, noDefaultInfinity: true })
  .filter((f) => f === 0 || Math.abs(f) >= 1.1754943508222875e-38);
const text = fc.string({ unit: 'grapheme', maxLength: 20 }).filter((s) => !s.includes('\u0000'));

/** A value per column of the `fid` type table (null allowed), as insert parameters. */
const COLUMN_VALUES: Record<string, fc.Arbitrary<unknown>> = {
  dt: fc.tuple(day(1000), clock).map(([d, t]) => `${d} ${t}`),
  dt0: fc.tuple(day(1000), clock).map(([d, t]) => `${d} ${t.slice(0, 8)}`),
  ts: timestamp,
  d: day(1),
  t: clock,
  bin: bytes(4),
  vbin: bytes(16),
  blb: bytes(64),
  b8: fc.integer({ min: 0, max: 255 }),
  b1: fc.integer({ min: 0, max: 1 }),
  j: json,
  flag: fc.integer({ min: 0, max: 1 }),
  yr: fc.oneof(fc.constant(0), fc.integer({ min: 1901, max: 2155 })),
  st: fc.subarray(['a', 'b', 'c']).map((members) => members.join(',')),
  en: fc.constantFrom('x', 'y', 'z w'),
  u8: fc.bigInt({ min: 0n, max: 2n ** 64n - 1n }).map(String),
  u4: fc.integer({ min: 0, max: 4_294_967_295 }),
  dec: decimal,
  dbl: fc.double({ noNaN: true, noDefaultInfinity: true }),
  flt: float32,
  txt: text,
};

/** One random row of the `fid` type table: its values in {@link TYPE_CASES} order. */
export const typeRow: fc.Arbitrary<unknown[]> = fc.tuple(
  ...TYPE_CASES.map((c) => fc.option(COLUMN_VALUES[c.name] as fc.Arbitrary<unknown>, { freq: 8 })),
);
