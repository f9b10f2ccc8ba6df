import { type Column, getTableColumns, type Table } from 'drizzle-orm';
import { DatakitError } from '../errors/datakit-error.js';
import { formatPgArray, parsePgArray, rememberArrayText, sourceArrayText } from './pg-array-text.js';
import { PgDate, type PgDateKind } from './pg-date.js';
import { formatJson, parseJsonText } from './pg-json-text.js';
import { formatPgDate, formatPgTimestamp } from './pg-timestamp-text.js';

/**
 * How a column's values travel: the decoder and encoder inline the simple kinds and call
 * `fromText`/`toText` for the others. What a transform sees per kind (and what is written):
 * - `string`: PostgreSQL's text, unchanged (text, varchar, numeric, uuid, time, timetz, interval,
 *   inet, bit, ranges, money, `mode: 'string'` dates and timestamps, custom and raw types).
 * - `date`: a {@link PgDate} (Drizzle `mode: 'date'`): see there for ±infinity, microseconds and
 *   values past a Date's range; unchanged, its original text is written.
 * - `json`: the parsed value (`json().$type<T>()` stays honest); unchanged, the original text is
 *   written (see `parseJsonText`), so json keeps every byte and JSON `null` stays JSON null while
 *   SQL NULL stays NULL.
 * - `array`: nested JS arrays of the element kind (any number of dimensions, as PostgreSQL); an
 *   unchanged array with non-default bounds (`[0:1]={a,b}`) or json elements keeps its text.
 *
 * @example
 * ```ts
 * const kind: CodecKind = 'date'; // timestamps and dates in Date mode
 * ```
 */
export type CodecKind =
  | 'string'
  | 'integer'
  | 'float'
  | 'boolean'
  | 'bigint'
  | 'date'
  | 'json'
  | 'array'
  | 'other';

/**
 * One column of a Drizzle table with the functions that convert its values between the JS
 * representation Drizzle gives it (`$inferSelect`) and PostgreSQL's text form, which is what COPY
 * text and text parameters carry.
 *
 * @example
 * ```ts
 * const [id] = columnCodecs(customer, familyOfTable(customer).drizzle);
 * id.fromText('42'); // 42
 * ```
 * @internal
 */
export interface ColumnCodec {
  /** The property name in Drizzle rows. */
  readonly key: string;
  /** The SQL column name. */
  readonly name: string;
  readonly sqlType: string;
  readonly kind: CodecKind;
  readonly notNull: boolean;
  readonly hasDefault: boolean;
  readonly primary: boolean;
  readonly column: Column;
  /** PostgreSQL text (already unescaped) to the JS value. */
  fromText(text: string): unknown;
  /** A non-null JS value to PostgreSQL input text (not yet COPY-escaped). */
  toText(value: unknown): string;
  /** A non-null JS value as a query parameter: the text, except bytes stay bytes (PGlite types bytea parameters). */
  toParam(value: unknown): unknown;
}

const identity = (text: string): string => text;
const numberText = (v: unknown): string => (Object.is(v, -0) ? '-0' : String(v));
const hex = (v: Uint8Array): string =>
  `\\x${Buffer.from(v.buffer, v.byteOffset, v.byteLength).toString('hex')}`;

function naturalText(value: unknown): string {
  if (typeof value === 'string') return value;
  if (value instanceof Uint8Array) return hex(value);
  if (value instanceof Date) return formatPgTimestamp(value, true);
  if (typeof value === 'object' && value !== null) return JSON.stringify(value);
  return String(value);
}

function dateCodec(kind: PgDateKind) {
  const fromText = (text: string): Date => PgDate.fromText(text, kind);
  const toText = (v: unknown): string => {
    if (v instanceof PgDate) {
      const text = v.textFor(kind);
      if (text !== undefined) return text;
    }
    if (v instanceof Date)
      return kind === 'date' ? formatPgDate(v) : formatPgTimestamp(v, kind === 'timestamptz');
    return String(v);
  };
  return { fromText, toText };
}

/** JSON text of a value; a JSON number beyond a double (±Infinity once parsed) has none of its own. */
function jsonToText(name: string): (v: unknown) => string {
  return (v) => {
    if (typeof v === 'number' && !Number.isFinite(v)) {
      throw new DatakitError(
        'VALIDATION',
        `column "${name}" is ${v}: a JSON number beyond a double (such as 1e400) is written exactly only as the unchanged source value`,
        {
          hint: 'Pass the source value through unchanged, or map it to a finite number or a string in the transform.',
          context: { column: name, value: v, rule: 'type:json' },
        },
      );
    }
    return formatJson(v);
  };
}

/**
 * What the codecs need to know of a SQL family's Drizzle columns; a family's `drizzle` has it.
 *
 * @example
 * ```ts
 * columnCodecs(customer, familyOfTable(customer).drizzle);
 * ```
 * @internal
 */
export interface CodecColumns {
  /** The innermost element column of an array column (any depth); undefined for other columns. */
  arrayElement(column: Column): Column | undefined;
  /** What a Date-mode column holds: a date, or a timestamp with or without time zone. */
  dateKind(column: Column): PgDateKind;
}

type CodecParts = Omit<
  ColumnCodec,
  'key' | 'name' | 'notNull' | 'hasDefault' | 'primary' | 'column' | 'toParam'
> & {
  toParam?: ((value: unknown) => unknown) | undefined;
};

function codecFor(column: Column, drizzle: CodecColumns): CodecParts {
  const sqlType = column.getSQLType();
  const base = {
    sqlType,
    fromText: identity as (t: string) => unknown,
    toText: naturalText,
    toParam: undefined as ((v: unknown) => unknown) | undefined,
  };
  const inner = drizzle.arrayElement(column);
  if (inner) {
    const element = codecFor(inner, drizzle);
    const format = (v: unknown) => formatPgArray(v as unknown[], element.toText);
    // Parsing loses an array's bounds and a json element's exact text: keep the text then.
    const fromText = (text: string) => {
      const value = parsePgArray(text, element.fromText);
      if (text.charCodeAt(0) === 91 || element.kind === 'json') rememberArrayText(value, text, format);
      return value;
    };
    return {
      ...base,
      kind: 'array',
      fromText,
      toText: (v) => sourceArrayText(v, format) ?? format(v),
    };
  }
  // A custom type maps its values in JavaScript; bytea text is `\x<hex>`.
  if (column.dataType === 'custom')
    return {
      ...base,
      kind: 'other',
      fromText: (text) =>
        column.mapFromDriverValue(sqlType === 'bytea' ? Buffer.from(text.slice(2), 'hex') : text),
      toText: (v) => naturalText(column.mapToDriverValue(v)),
      toParam: (v) => {
        const driver = column.mapToDriverValue(v);
        return driver instanceof Uint8Array ? driver : naturalText(driver);
      },
    };
  switch (column.dataType) {
    case 'number':
      return {
        ...base,
        kind: /Int|Serial/.test(column.columnType) ? 'integer' : 'float',
        fromText: Number,
        toText: numberText,
      };
    case 'bigint':
      return {
        ...base,
        kind: 'bigint',
        fromText: BigInt,
        toText: String,
      };
    case 'boolean':
      return {
        ...base,
        kind: 'boolean',
        fromText: (text) => text === 't' || text === 'true',
        toText: (v) => (v ? 't' : 'f'),
      };
    case 'json':
      return {
        ...base,
        kind: 'json',
        // Text from any database (MySQL's JSON included, see mysqlValueDecoder) is parsed once, here.
        fromText: parseJsonText,
        toText: jsonToText(column.name),
      };
    case 'date':
      return { ...base, kind: 'date', ...dateCodec(drizzle.dateKind(column)) };
    case 'string':
      return {
        ...base,
        kind: 'string',
        toText: naturalText,
      };
    default:
      return {
        ...base,
        kind: 'other',
        fromText: (text) => column.mapFromDriverValue(text),
        toText: (v) => naturalText(column.mapToDriverValue(v)),
        toParam: (v) => {
          const driver = column.mapToDriverValue(v);
          return driver instanceof Uint8Array ? driver : naturalText(driver);
        },
      };
  }
}

/**
 * The codecs of a Drizzle table's columns, in declaration order; `drizzle` is the table's family's
 * (`familyOfTable(table).drizzle`).
 *
 * @example
 * ```ts
 * columnCodecs(customer, familyOfTable(customer).drizzle).map((c) => c.name); // ['customer_id', 'full_name', ...]
 * ```
 * @internal
 */
export function columnCodecs(table: Table, drizzle: CodecColumns): ColumnCodec[] {
  return Object.entries(getTableColumns(table)).map(([key, column]) => {
    const { toParam, ...parts } = codecFor(column, drizzle);
    return {
      key,
      name: column.name,
      notNull: column.notNull,
      hasDefault: column.hasDefault || /serial/i.test(column.getSQLType()),
      primary: column.primary,
      column,
      ...parts,
      toParam: toParam ?? parts.toText,
    };
  });
}
