import { DatakitError } from '../errors/datakit-error.js';
import type { ColumnCodec } from './column-codec.js';
import type { DecodedRow } from './copy-text-decoder.js';
import { shortValue } from './value-rejected.js';

const UNREADABLE = Symbol('datakit.unreadable');

/**
 * Why a source row could not be read: the column, the rule, the message naming the value, the fix.
 *
 * @example
 * ```ts
 * const why: Unreadable = { column: 'placed_at', rule: 'zero-date', message: "column \"placed_at\" holds the zero date '0000-00-00'", hint: '...' };
 * ```
 * @internal
 */
export interface Unreadable {
  column: string;
  rule: string;
  message: string;
  hint: string;
}

/**
 * What to do with a zero date (`0000-00-00`) in a MySQL source: reject its row (default) or read
 * it as NULL.
 *
 * @example
 * ```ts
 * await transfer({ from, to, transform, zeroDates: 'null' });
 * ```
 */
export type ZeroDates = 'reject' | 'null';

/**
 * Why `row` could not be read, when the reader marked it so (see {@link readCarefully}). @internal
 *
 * @example
 * ```ts
 * const why = unreadable(row); // undefined for a normal row
 * ```
 */
export function unreadable(row: DecodedRow): Unreadable | undefined {
  return (row as { [UNREADABLE]?: Unreadable })[UNREADABLE];
}

/**
 * Converts one driver row column by column, for a row whose fast conversion threw: a value that
 * cannot be read leaves its original value in the row, which is marked {@link unreadable} so the
 * processor rejects it instead of aborting the load. @internal
 *
 * @example
 * ```ts
 * const row = readCarefully(codecs, decoders, (c) => raw[c.name], 'reject');
 * ```
 */
export function readCarefully(
  codecs: readonly ColumnCodec[],
  decoders: readonly ((value: unknown) => unknown)[],
  rawValue: (codec: ColumnCodec, index: number) => unknown,
  zeroDates: ZeroDates,
): DecodedRow {
  const row: DecodedRow = {};
  let why: Unreadable | undefined;
  codecs.forEach((codec, i) => {
    const value = rawValue(codec, i);
    if (value === null || value === undefined) {
      row[codec.key] = null;
      return;
    }
    try {
      row[codec.key] = (decoders[i] as (value: unknown) => unknown)(value);
    } catch (err) {
      const rule = err instanceof DatakitError ? (err.context.rule ?? 'read') : `read:${codec.sqlType}`;
      if (rule === 'zero-date' && zeroDates === 'null') {
        row[codec.key] = null;
        return;
      }
      row[codec.key] = value;
      why ??= {
        column: codec.name,
        rule,
        message:
          err instanceof DatakitError
            ? `column "${codec.name}" ${err.message}`
            : `column "${codec.name}" holds ${shortValue(value)}, which cannot be read as ${codec.sqlType}: ${err instanceof Error ? err.message : String(err)}`,
        hint:
          err instanceof DatakitError && err.hint
            ? err.hint
            : 'Fix the row in the source, or declare the column with a type that holds this value.',
      };
    }
  });
  if (why) Object.defineProperty(row, UNREADABLE, { value: why });
  return row;
}
