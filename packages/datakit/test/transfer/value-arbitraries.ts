import {
  bigint,
  boolean,
  char,
  customType,
  date,
  doublePrecision,
  integer,
  interval,
  json,
  jsonb,
  numeric,
  pgEnum,
  pgSchema,
  real,
  smallint,
  text,
  time,
  timestamp,
  uuid,
  varchar,
} from 'drizzle-orm/pg-core';
import fc from 'fast-check';

export const mood = pgEnum('rt_mood', ['sad', 'ok', 'happy: "yes"\t!']);
const bytea = customType<{ data: Buffer; driverData: Buffer }>({ dataType: () => 'bytea' });

/** Every supported type, in every Drizzle mode the engine handles. */
export function valueColumns() {
  return {
    id: integer().primaryKey(),
    i2: smallint(),
    i4: integer(),
    i8: bigint({ mode: 'bigint' }),
    i8n: bigint({ mode: 'number' }),
    num: numeric(),
    num_fixed: numeric({ precision: 12, scale: 4 }),
    f4: real(),
    f8: doublePrecision(),
    flag: boolean(),
    txt: text(),
    vc: varchar({ length: 20 }),
    ch: char({ length: 3 }),
    id_uuid: uuid(),
    day: date(),
    day_date: date({ mode: 'date' }),
    tod: time(),
    ts: timestamp({ precision: 6 }),
    tstz: timestamp({ withTimezone: true, precision: 6 }),
    tstz_text: timestamp({ withTimezone: true, mode: 'string', precision: 6 }),
    span: interval(),
    doc: json(),
    docb: jsonb(),
    ints: integer().array(),
    texts: text().array(),
    bytes: bytea(),
    feeling: mood(),
  };
}

export const rtSource = pgSchema('rt_src').table('vals', valueColumns());
export const rtCopy = pgSchema('rt_copy').table('vals', valueColumns());

/** The SQL type of each column, for the DDL and the typed inserts. */
export const SQL_TYPES: Record<string, string> = {
  id: 'integer primary key',
  i2: 'smallint',
  i4: 'integer',
  i8: 'bigint',
  i8n: 'bigint',
  num: 'numeric',
  num_fixed: 'numeric(12,4)',
  f4: 'real',
  f8: 'double precision',
  flag: 'boolean',
  txt: 'text',
  vc: 'varchar(20)',
  ch: 'char(3)',
  id_uuid: 'uuid',
  day: 'date',
  day_date: 'date',
  tod: 'time',
  ts: 'timestamp(6)',
  tstz: 'timestamptz(6)',
  tstz_text: 'timestamptz(6)',
  span: 'interval',
  doc: 'json',
  docb: 'jsonb',
  ints: 'integer[]',
  texts: 'text[]',
  bytes: 'bytea',
  feeling: 'rt_mood',
};

const PG_MIN_MS = -210_866_803_200_000; // 4714-11-24 00:00:00 BC
const JS_MAX_MS = 8_640_000_000_000_000;
const tricky = fc.constantFrom(
  '',
  '\\N',
  '\\',
  '\t',
  '\n',
  '\r',
  '\r\n',
  'NULL',
  'null',
  '"',
  "'",
  '{',
  '}',
  ',',
  'a\\tb',
  ' x ',
  'é',
  '😀',
  '\u2028',
);
const anyText = fc.oneof(
  tricky,
  fc.string({ unit: 'binary', maxLength: 12 }).filter((s) => !s.includes('\u0000')),
);
const shortText = (max: number) => anyText.filter((s) => [...s].length <= max);
const nullable = <T>(a: fc.Arbitrary<T>) => fc.option(a, { nil: null, freq: 5 });
const digits = (n: number) =>
  fc.array(fc.integer({ min: 0, max: 9 }), { minLength: 1, maxLength: n }).map((d) => d.join(''));
const pad = (n: number, w: number) => String(n).padStart(w, '0');
// String-mode dates stay within AD 1-9999: the contract validator does not accept BC or 5-digit
// years in strings yet (Date-mode columns cover the whole PostgreSQL range below).
const dayText = fc
  .tuple(fc.integer({ min: 1, max: 9999 }), fc.integer({ min: 1, max: 12 }), fc.integer({ min: 1, max: 28 }))
  .map(([y, m, d]) => `${pad(y, 4)}-${pad(m, 2)}-${pad(d, 2)}`);
const timeText = fc
  .tuple(
    fc.integer({ min: 0, max: 23 }),
    fc.integer({ min: 0, max: 59 }),
    fc.integer({ min: 0, max: 59 }),
    fc.integer({ min: 0, max: 999_999 }),
  )
  .map(([h, m, s, us]) => `${pad(h, 2)}:${pad(m, 2)}:${pad(s, 2)}.${pad(us, 6)}`);
// jsonb refuses U+0000 and unpaired surrogates (which JSON.stringify writes as \udxxx escapes).
const noNul = (v: unknown) => !/\\u0000|\\ud[89a-f]/i.test(JSON.stringify(v));

/** One generated row: JS values as the typed inserts take them (see `insertValue`). */
export const rowArbitrary = fc.record({
  i2: nullable(fc.integer({ min: -32768, max: 32767 })),
  i4: nullable(fc.integer({ min: -2147483648, max: 2147483647 })),
  i8: nullable(fc.bigInt({ min: -(2n ** 63n), max: 2n ** 63n - 1n })),
  i8n: nullable(fc.maxSafeInteger()),
  num: nullable(
    fc.oneof(
      fc.tuple(fc.boolean(), digits(40), digits(20)).map(([neg, a, b]) => `${neg ? '-' : ''}${a}.${b}`),
      fc.constantFrom('NaN', 'Infinity', '-Infinity', '0', '-0.000'),
    ),
  ),
  num_fixed: nullable(
    fc.tuple(fc.boolean(), digits(8), digits(4)).map(([neg, a, b]) => `${neg ? '-' : ''}${a}.${b}`),
  ),
  f4: nullable(fc.float()),
  f8: nullable(fc.double()),
  flag: nullable(fc.boolean()),
  txt: nullable(anyText),
  vc: nullable(shortText(20)),
  ch: nullable(shortText(3)),
  id_uuid: nullable(fc.uuid()),
  day: nullable(fc.oneof(dayText, fc.constantFrom('infinity', '-infinity'))),
  day_date: nullable(fc.integer({ min: -2_000_000, max: 2_900_000 }).map((d) => d * 86_400_000)),
  tod: nullable(timeText),
  ts: nullable(fc.integer({ min: PG_MIN_MS, max: JS_MAX_MS })),
  tstz: nullable(fc.integer({ min: PG_MIN_MS, max: JS_MAX_MS })),
  tstz_text: nullable(
    fc.oneof(
      fc.tuple(dayText, timeText).map(([d, t]) => `${d} ${t}+00`),
      fc.constantFrom('infinity', '-infinity'),
    ),
  ),
  span: nullable(
    fc
      .tuple(fc.integer({ min: -9999, max: 9999 }), fc.integer({ min: -99, max: 99 }), timeText)
      .map(([d, m, t]) => `${m} mons ${d} days ${t}`),
  ),
  doc: nullable(fc.jsonValue().filter(noNul)),
  docb: nullable(fc.jsonValue().filter(noNul)),
  ints: nullable(fc.array(nullable(fc.integer({ min: -2147483648, max: 2147483647 })), { maxLength: 5 })),
  texts: nullable(fc.array(nullable(anyText), { maxLength: 5 })),
  bytes: nullable(fc.uint8Array({ maxLength: 16 })),
  feeling: nullable(fc.constantFrom('sad', 'ok', 'happy: "yes"\t!')),
});

export type GeneratedRow = typeof rowArbitrary extends fc.Arbitrary<infer R> ? R : never;

/**
 * The SQL expression and text parameter inserting a generated value without any Datakit code:
 * timestamps from epoch milliseconds, arrays from JSON, bytes from hex.
 */
export function insertValue(
  column: string,
  value: unknown,
  param: string,
): { sql: string; value: string | null } {
  if (value === null) return { sql: `null::${SQL_TYPES[column]?.replace(' primary key', '')}`, value: null };
  switch (column) {
    case 'ts':
    case 'tstz': {
      // Whole days plus seconds with milliseconds: exact, unlike a multiplied interval.
      const ms = value as number;
      const days = Math.floor(ms / 86_400_000);
      const secs = ((ms - days * 86_400_000) / 1000).toFixed(3);
      const ts = `(timestamp 'epoch' + make_interval(days => ${days}, secs => ${param}::float8))`;
      return { sql: column === 'tstz' ? `(${ts} at time zone 'UTC')` : ts, value: secs };
    }
    case 'day_date':
      return { sql: `(date '1970-01-01' + ${param}::int)`, value: String((value as number) / 86_400_000) };
    case 'ints':
      return {
        sql: `array(select e::int from jsonb_array_elements_text(${param}::jsonb) e)`,
        value: JSON.stringify(value),
      };
    case 'texts':
      return {
        sql: `array(select e from jsonb_array_elements_text(${param}::jsonb) e)`,
        value: JSON.stringify(value),
      };
    case 'bytes':
      return { sql: `decode(${param}, 'hex')`, value: Buffer.from(value as Uint8Array).toString('hex') };
    case 'doc':
    case 'docb':
      return { sql: `${param}::${SQL_TYPES[column]}`, value: JSON.stringify(value) };
    case 'f4':
    case 'f8':
      return { sql: `${param}::${SQL_TYPES[column]}`, value: Object.is(value, -0) ? '-0' : String(value) };
    default:
      return { sql: `${param}::${SQL_TYPES[column]}`, value: String(value) };
  }
}
