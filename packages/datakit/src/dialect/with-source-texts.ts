import type { ColumnCodec } from '../values/column-codec.js';
import type { DecodedRow } from '../values/copy-text-decoder.js';
import type { SourceBatch } from './source-reader.js';

/**
 * A batch of converted rows with what reject messages and exact JSON need from the source rows:
 * `originals` (the driver's value of row r, column i) and, with json columns, the decoded values
 * and the source text of each json value (see `SourceBatch`), so unchanged JSON primitives are
 * written exactly.
 *
 * @example
 * ```ts
 * yield withSourceTexts(rows.map(convert), (r, i) => raw[r]?.[i], plan.codecs);
 * ```
 * @internal
 */
export function withSourceTexts(
  rows: DecodedRow[],
  originals: (row: number, column: number) => unknown,
  codecs: readonly ColumnCodec[],
): SourceBatch {
  const json = codecs.flatMap((c, i) => (c.kind === 'json' ? [i] : []));
  if (json.length === 0) return { rows, originals };
  const width = codecs.length + 1;
  const values: unknown[] = new Array(rows.length * width);
  const raw: (string | null | undefined)[] = new Array(rows.length * width);
  rows.forEach((row, r) => {
    codecs.forEach((c, i) => {
      values[r * width + i] = row[c.key];
    });
    for (const i of json) {
      const original = originals(r, i);
      raw[r * width + i] =
        original == null
          ? null
          : typeof original === 'string'
            ? original
            : original instanceof Uint8Array
              ? Buffer.from(original.buffer, original.byteOffset, original.byteLength).toString('utf8')
              : undefined;
    }
  });
  return { rows, values, raw, originals };
}
