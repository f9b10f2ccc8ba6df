import type { ColumnKind, ColumnType } from '../schema/table-schema.js';
import type { ValueRule } from './value-rule.js';

/**
 * What values a SQL family's columns hold, for validation (`compileValidator`), JSON Schema and
 * factories: the parts that differ between PostgreSQL and MySQL. Each rule list is complete and
 * ordered (the first failing rule is the one reported).
 *
 * @example
 * ```ts
 * postgresValues.textRules({ kind: 'varchar', length: 200 }, 'varchar(200)').map((r) => r.rule);
 * // ['type:string', 'no-nul', 'max-length:200']
 * ```
 */
export interface FamilyValues {
  /** The range of an integer column, named `int1`..`int8` or `uint1`..`uint8`. */
  integerRange(type: ColumnType, sqlType: string): string;
  /** Rules of text, varchar and char values (columns without an `enum` config). */
  textRules(type: ColumnType, sqlType: string): ValueRule[];
  /** Rules of real and double values. */
  floatRules(kind: 'real' | 'double', sqlType: string): ValueRule[];
  /** Rules of date and timestamp values in Drizzle's `mode` (`representation`: 'date' or 'string'). */
  dateRules(kind: 'date' | 'timestamp', sqlType: string, representation: string): ValueRule[];
  /** Rules of time values (without a time zone). */
  timeRules(sqlType: string): ValueRule[];
  /** Fractional-second digits of a time or timestamp declared without a precision. */
  readonly defaultTimePrecision: number;
  /** The earliest instant a column of `kind` holds, where that is later than factories would pick. */
  earliestInstant(kind: ColumnKind): number | undefined;
  /** A UTC timestamp `YYYY-MM-DD HH:MM:SS[.f]` as Drizzle's `mode: 'string'` reads it from this family. */
  timestampText(text: string, kind: ColumnKind): string;
}
