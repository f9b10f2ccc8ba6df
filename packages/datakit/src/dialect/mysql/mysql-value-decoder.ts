import type { Column } from 'drizzle-orm';
import { PgDate, type PgDateKind } from '../../values/pg-date.js';
import { parsePgTimestamp } from '../../values/pg-timestamp-text.js';
import { shortValue, valueRejected } from '../../values/value-rejected.js';

/**
 * A Date read from MySQL DATE/DATETIME/TIMESTAMP text (in UTC) that keeps that text with its
 * microseconds. DATETIME reads as a UTC wall clock, so its text also serves a `timestamptz`
 * target (with `+00`), and TIMESTAMP's a `timestamp` one.
 *
 * @example
 * ```ts
 * new MysqlDate(0, '1970-01-01 00:00:00.000001', 'timestamp').textFor('timestamptz'); // '1970-01-01 00:00:00.000001+00'
 * ```
 * @internal
 */
export class MysqlDate extends PgDate {
  override textFor(kind: PgDateKind): string | undefined {
    if (!Object.is(this.getTime(), this.pgTime)) return undefined;
    if (kind === this.pgKind) return this.pgText;
    if (kind === 'timestamptz' && this.pgKind === 'timestamp') return `${this.pgText}+00`;
    if (kind === 'timestamp' && this.pgKind === 'timestamptz') return this.pgText.slice(0, -3);
    return undefined;
  }
}

const ZERO_DATE_HINT =
  "Zero dates have no calendar day. Make the column nullable in the contract and transfer with zeroDates: 'null' to load them as NULL, or fix the rows in the source.";
const DAYS = [31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

const digit = (text: string, i: number) => text.charCodeAt(i) - 48;

function checkCalendar(text: string): void {
  const year = digit(text, 0) * 1000 + digit(text, 1) * 100 + digit(text, 2) * 10 + digit(text, 3);
  const month = digit(text, 5) * 10 + digit(text, 6);
  const day = digit(text, 8) * 10 + digit(text, 9);
  if (year > 0 && month >= 1 && month <= 12 && day >= 1 && day <= 28) return;
  if (year === 0 || month === 0 || day === 0)
    throw valueRejected('zero-date', `holds the zero date ${shortValue(text)}`, ZERO_DATE_HINT, text);
  const leap = year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0);
  if (month > 12 || day > (month === 2 && !leap ? 28 : (DAYS[month - 1] as number)))
    throw valueRejected(
      'invalid-date',
      `holds ${shortValue(text)}, a day no calendar has (MySQL's ALLOW_INVALID_DATES)`,
      'Fix the rows in the source.',
      text,
    );
}

function temporal(kind: PgDateKind, dateMode: boolean): (v: unknown) => unknown {
  return (v) => {
    const text = String(v);
    checkCalendar(text);
    if (!dateMode) return text;
    const pgText = kind === 'timestamptz' ? `${text}+00` : text;
    return new MysqlDate(parsePgTimestamp(pgText), pgText, kind);
  };
}

function bitText(v: Buffer, sqlType: string): string {
  const bits = Number(/\((\d+)\)/.exec(sqlType)?.[1] ?? v.length * 8);
  let text = '';
  for (const byte of v) text += byte.toString(2).padStart(8, '0');
  return text.slice(Math.max(0, text.length - bits)).padStart(bits, '0');
}

function utf8(v: Buffer): string {
  const text = v.toString('utf8');
  if (!Buffer.from(text, 'utf8').equals(v))
    throw valueRejected(
      'utf8',
      `holds bytes that are not UTF-8 text (${shortValue(v)})`,
      'Declare the column as bytes (customType<{ data: Uint8Array }>, as `datakit introspect` writes binary, varbinary and blob columns), or decode it in a transform.',
      v,
    );
  return text;
}

function toNumber(v: unknown): number {
  if (typeof v === 'number') return v;
  if (Buffer.isBuffer(v)) return v.length <= 6 ? v.readUIntBE(0, Math.max(1, v.length)) : Number.NaN;
  return Number(v);
}

function toBoolean(v: unknown): boolean {
  const n = Buffer.isBuffer(v) && v.length === 1 ? v[0] : typeof v === 'string' ? Number(v) : v;
  if (n === 0 || n === false) return false;
  if (n === 1 || n === true) return true;
  throw valueRejected(
    'boolean',
    `holds ${shortValue(Buffer.isBuffer(v) ? v : String(v))}, which is neither 0 (false) nor 1 (true)`,
    'A tinyint(1) column read as boolean holds only 0 and 1: declare it as tinyint() in the contract to read the number, or fix the rows.',
    v,
  );
}

function kindOf(column: Column & { withTimezone?: boolean }): PgDateKind {
  const type = column.columnType;
  if (type.startsWith('MySqlTimestamp')) return 'timestamptz';
  if (type.startsWith('MySqlDateTime') || type === 'PgTimestamp' || type === 'PgTimestampString')
    return column.withTimezone ? 'timestamptz' : 'timestamp';
  return 'date';
}

/**
 * Converts a non-null value as the MySQL driver returns it — numbers for the small integer types
 * (tinyint, smallint, int, year), text for everything else, Buffers for binary, varbinary, blob
 * and bit — to what the Drizzle column promises. Temporal text is UTC (the session time zone is
 * `+00:00`) and keeps its microseconds; zero dates, tinyint(1) values other than 0/1 and bytes
 * that are not UTF-8 in a string column throw {@link valueRejected}. JSON text goes to the codec's
 * `fromText`, so it is parsed exactly once.
 *
 * @example
 * ```ts
 * const decode = mysqlValueDecoder(orders.placed_at, 'date', (t) => t);
 * decode('2024-05-01 10:00:00.123456'); // a Date at 10:00:00.123 UTC that keeps '.123456'
 * ```
 * @internal
 */
export function mysqlValueDecoder(
  column: Column,
  kind: string,
  fromText: (text: string) => unknown,
): (v: unknown) => unknown {
  const sqlType = column.getSQLType().toLowerCase();
  const isTemporal = /^(date|datetime|timestamp)\b/.test(sqlType);
  if (isTemporal && (column.dataType === 'date' || column.dataType === 'string'))
    return temporal(kindOf(column), column.dataType === 'date');
  switch (column.dataType) {
    case 'boolean':
      return toBoolean;
    case 'number':
      return toNumber;
    case 'bigint':
      return (v) => (Buffer.isBuffer(v) ? BigInt(`0x${v.toString('hex') || '0'}`) : BigInt(v as string));
    case 'json':
      return (v) => fromText(Buffer.isBuffer(v) ? v.toString('utf8') : String(v));
    case 'string':
      return (v) => (typeof v === 'string' ? v : Buffer.isBuffer(v) ? utf8(v) : String(v));
  }
  if (kind === 'array') return (v) => (typeof v === 'string' ? fromText(v) : v);
  if (/^bit\b/.test(sqlType))
    return (v) => column.mapFromDriverValue(Buffer.isBuffer(v) ? bitText(v, sqlType) : v);
  return (v) => column.mapFromDriverValue(v);
}
