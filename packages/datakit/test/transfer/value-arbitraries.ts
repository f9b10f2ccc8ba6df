import {
  bigint,
  bit,
  boolean,
  char,
  cidr,
  customType,
  date,
  doublePrecision,
  inet,
  integer,
  interval,
  json,
  jsonb,
  macaddr,
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
    todtz: time({ withTimezone: true }),
    ts: timestamp({ precision: 6 }),
    tstz: timestamp({ withTimezone: true, precision: 6 }),
    tstz_text: timestamp({ withTimezone: true, mode: 'string', precision: 6 }),
    span: interval(),
    doc: json(),
    docb: jsonb(),
    doc_text: json(),
    docb_text: jsonb(),
    ints: integer().array(),
    texts: text().array(),
    grid: integer().array().array(),
    stamps: timestamp({ withTimezone: true }).array(),
    bytes: bytea(),
    feeling: mood(),
    ip: inet(),
    net: cidr(),
    mac: macaddr(),
    bits: bit({ dimensions: 8 }),
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
  todtz: 'timetz',
  ts: 'timestamp(6)',
  tstz: 'timestamptz(6)',
  tstz_text: 'timestamptz(6)',
  span: 'interval',
  doc: 'json',
  docb: 'jsonb',
  doc_text: 'json',
  docb_text: 'jsonb',
  ints: 'integer[]',
  texts: 'text[]',
  grid: 'integer[][]',
  stamps: 'timestamptz[]',
  bytes: 'bytea',
  feeling: 'rt_mood',
  ip: 'inet',
  net: 'cidr',
  mac: 'macaddr',
  bits: 'bit(8)',
};

const PG_MIN_MS = -210_866_803_200_000; // 4714-11-24 00:00:00 BC
// The Date extremes stand for ±infinity: a finite value stops one millisecond short.
const JS_MAX_MS = 8_640_000_000_000_000 - 1;
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
// String-mode dates span PostgreSQL's whole range: BC (from 4713) to 5874897 AD for dates and to
// 294276 AD for timestamps; the Date-mode columns below cover what a Date holds, ±infinity included.
const dayIn = (maxYear: number) =>
  fc
    .tuple(
      fc.oneof(fc.integer({ min: 1, max: 9999 }), fc.integer({ min: 1, max: maxYear })),
      fc.integer({ min: 1, max: 12 }),
      fc.integer({ min: 1, max: 28 }),
      fc.boolean(),
    )
    .map(
      ([y, m, d, bc]) => `${pad(bc ? Math.min(y, 4713) : y, 4)}-${pad(m, 2)}-${pad(d, 2)}${bc ? ' BC' : ''}`,
    );
const dayText = dayIn(5_874_897);
const stampDay = dayIn(294_275);
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
/** SQL NULL for json columns: `null` is JSON null there. */
const sqlNull = <T>(a: fc.Arbitrary<T>) => fc.option(a, { nil: undefined, freq: 5 });
const ws = fc.constantFrom('', ' ', '\n', '\t ', '\r\n');
const jsonNumber = fc.oneof(
  fc.constantFrom(
    '12345678901234567890',
    '1.000000000000000000001',
    '1e400',
    '-1e400',
    '-0',
    '1.0',
    '1E+2',
    '0.1e-400',
  ),
  fc.double({ noNaN: true, noDefaultInfinity: true }).map(String),
);
const jsonString = fc.oneof(
  fc.string().map((t) => JSON.stringify(t)),
  fc.constantFrom('"\\u00e9\\ud83d\\ude00"', '"\\/\\b\\f"', '"\\u0041"', '"a\\"b"'),
);
/** JSON text as a database may hold it: any whitespace, duplicate keys, escapes, numbers beyond a double. */
const jsonText: fc.Arbitrary<string> = fc.letrec<{ value: string }>((tie) => ({
  value: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    fc.constantFrom('null', 'true', 'false'),
    jsonNumber,
    jsonString,
    fc
      .array(fc.tuple(ws, tie('value'), ws), { maxLength: 4 })
      .map((items) => `[${items.map(([a, v, b]) => `${a}${v}${b}`).join(',')}]`),
    fc
      .array(fc.tuple(ws, fc.constantFrom('"a"', '"b"', '"a b"', '"\\u0061"'), tie('value')), {
        maxLength: 4,
      })
      .map((entries) => `{${entries.map(([w, k, v]) => `${w}${k}${w}:${w}${v}`).join(',')}}`),
  ),
})).value;
const hex2 = fc.integer({ min: 0, max: 255 }).map((n) => n.toString(16).padStart(2, '0'));

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
  tod: nullable(fc.oneof(timeText, fc.constant('24:00:00'))),
  todtz: nullable(
    fc
      .tuple(timeText, fc.integer({ min: -15 * 60 - 59, max: 15 * 60 + 59 }))
      .map(
        ([t, m]) =>
          `${t}${m < 0 ? '-' : '+'}${pad(Math.floor(Math.abs(m) / 60), 2)}:${pad(Math.abs(m) % 60, 2)}`,
      ),
  ),
  ts: nullable(
    fc.oneof(fc.integer({ min: PG_MIN_MS, max: JS_MAX_MS }), fc.constantFrom('infinity', '-infinity')),
  ),
  tstz: nullable(
    fc.oneof(fc.integer({ min: PG_MIN_MS, max: JS_MAX_MS }), fc.constantFrom('infinity', '-infinity')),
  ),
  tstz_text: nullable(
    fc.oneof(
      fc.tuple(stampDay, timeText).map(([d, t]) => d.replace(/( BC)?$/, ` ${t}+00$1`)),
      fc.constantFrom('infinity', '-infinity'),
    ),
  ),
  span: nullable(
    fc
      .tuple(fc.integer({ min: -9999, max: 9999 }), fc.integer({ min: -99, max: 99 }), timeText)
      .map(([d, m, t]) => `${m} mons ${d} days ${t}`),
  ),
  doc: sqlNull(fc.jsonValue().filter(noNul)),
  docb: sqlNull(fc.jsonValue().filter(noNul)),
  doc_text: sqlNull(jsonText),
  docb_text: sqlNull(jsonText.filter((t) => !/\\u0000|\\ud[89a-f]/i.test(t))),
  ints: nullable(fc.array(nullable(fc.integer({ min: -2147483648, max: 2147483647 })), { maxLength: 5 })),
  texts: nullable(fc.array(nullable(anyText), { maxLength: 5 })),
  grid: nullable(
    fc.tuple(fc.integer({ min: 1, max: 3 }), fc.integer({ min: 1, max: 3 })).chain(([rows, cols]) =>
      fc.array(
        fc.array(nullable(fc.integer({ min: -2147483648, max: 2147483647 })), {
          minLength: cols,
          maxLength: cols,
        }),
        {
          minLength: rows,
          maxLength: rows,
        },
      ),
    ),
  ),
  stamps: nullable(
    fc.array(
      nullable(
        fc.oneof(fc.integer({ min: PG_MIN_MS, max: JS_MAX_MS }), fc.constantFrom('infinity', '-infinity')),
      ),
      {
        maxLength: 4,
      },
    ),
  ),
  bytes: nullable(fc.uint8Array({ maxLength: 16 })),
  feeling: nullable(fc.constantFrom('sad', 'ok', 'happy: "yes"\t!')),
  ip: nullable(
    fc.oneof(
      fc.tuple(fc.ipV4(), fc.integer({ min: 0, max: 32 })).map(([a, p]) => `${a}/${p}`),
      fc.ipV6(),
    ),
  ),
  net: nullable(fc.tuple(fc.ipV4(), fc.integer({ min: 0, max: 32 })).map(([a, p]) => `${a}/${p}`)),
  mac: nullable(fc.array(hex2, { minLength: 6, maxLength: 6 }).map((b) => b.join(':'))),
  bits: nullable(fc.array(fc.constantFrom('0', '1'), { minLength: 8, maxLength: 8 }).map((b) => b.join(''))),
});

export type GeneratedRow = typeof rowArbitrary extends fc.Arbitrary<infer R> ? R : never;

/** The json columns, where a generated `null` is JSON null (SQL NULL is `undefined`). */
export const JSON_COLUMNS = new Set(['doc', 'docb', 'doc_text', 'docb_text']);

function pgArray(values: readonly unknown[]): string {
  return `{${values.map((v) => (v === null ? 'NULL' : Array.isArray(v) ? pgArray(v) : `"${String(v)}"`)).join(',')}}`;
}

/**
 * The SQL expression and text parameter inserting a generated value without any Datakit code:
 * timestamps from epoch milliseconds, arrays from JSON, bytes from hex.
 */
export function insertValue(
  column: string,
  value: unknown,
  param: string,
): { sql: string; value: string | null } {
  if (value === null || value === undefined) {
    // In json columns a generated null is JSON null; SQL NULL is undefined there.
    if (value === null && JSON_COLUMNS.has(column))
      return { sql: `${param}::${SQL_TYPES[column]}`, value: 'null' };
    return { sql: `null::${SQL_TYPES[column]?.replace(' primary key', '')}`, value: null };
  }
  switch (column) {
    case 'ts':
    case 'tstz': {
      if (typeof value === 'string') return { sql: `${param}::${SQL_TYPES[column]}`, value };
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
    case 'grid':
      return { sql: `${param}::text::integer[]`, value: pgArray(value as unknown[][]) };
    case 'stamps': {
      const element = `case jsonb_typeof(e) when 'null' then null when 'string' then (e #>> '{}')::timestamptz
        else (timestamp 'epoch' + make_interval(days => (e->>0)::int, secs => (e->>1)::float8)) at time zone 'UTC' end`;
      return {
        sql: `array(select ${element} from jsonb_array_elements(${param}::jsonb) with ordinality as x(e, i) order by i)`,
        value: JSON.stringify(
          (value as (number | string | null)[]).map((v) => {
            if (typeof v !== 'number') return v;
            const days = Math.floor(v / 86_400_000);
            return [days, ((v - days * 86_400_000) / 1000).toFixed(3)];
          }),
        ),
      };
    }
    case 'bytes':
      return { sql: `decode(${param}, 'hex')`, value: Buffer.from(value as Uint8Array).toString('hex') };
    case 'doc':
    case 'docb':
      return { sql: `${param}::${SQL_TYPES[column]}`, value: JSON.stringify(value) };
    case 'net':
      // cidr refuses host bits right of the mask: keep the network part.
      return { sql: `network(${param}::inet)`, value: value as string };
    case 'doc_text':
    case 'docb_text':
      return { sql: `${param}::${SQL_TYPES[column]}`, value: value as string };
    case 'f4':
    case 'f8':
      return { sql: `${param}::${SQL_TYPES[column]}`, value: Object.is(value, -0) ? '-0' : String(value) };
    default:
      return { sql: `${param}::${SQL_TYPES[column]}`, value: String(value) };
  }
}
