import type { SourceBatch } from '../dialect/source-reader.js';
import type { ColumnCodec } from '../values/column-codec.js';
import type { SourceRow } from '../values/copy-text-encoder.js';
import { unescapeCopyText } from '../values/copy-text-escape.js';

function copyField(text: string, offsets: Int32Array, at: number): string | null {
  const field = text.slice(offsets[at] as number, (offsets[at + 1] as number) - 1);
  return field === '\\N' ? null : unescapeCopyText(field);
}

/**
 * The source values and texts of a batch, for encoders that write unchanged JSON primitives from
 * the source text; undefined when the batch has no decoded values.
 *
 * @example
 * ```ts
 * const source = sourceRowOf(batch);
 * if (source) source.base = i * (columns + 1);
 * encode(out, source);
 * ```
 * @internal
 */
export function sourceRowOf(batch: SourceBatch): SourceRow | undefined {
  const { values, raw, text, offsets } = batch;
  if (values === undefined) return undefined;
  if (raw !== undefined) return { values, base: 0, text: (i) => raw[i] ?? null };
  if (text === undefined || offsets === undefined) return undefined;
  return { values, base: 0, text: (i) => copyField(text, offsets, i) };
}

/**
 * The source's own text of one value of a batch (COPY text, the text a reader kept, or a string
 * the driver gave), null for SQL NULL, undefined when the batch does not have it.
 *
 * @example
 * ```ts
 * sourceTextAt(batch, 3, 0, codecs); // '9223372036854775807'
 * ```
 * @internal
 */
export function sourceTextAt(
  batch: SourceBatch,
  row: number,
  column: number,
  codecs: readonly ColumnCodec[],
): string | null | undefined {
  const at = row * (codecs.length + 1) + column;
  if (batch.raw?.[at] != null) return batch.raw[at];
  if (batch.text !== undefined && batch.offsets !== undefined)
    return copyField(batch.text, batch.offsets, at);
  const value = batch.originals?.(row, column);
  return typeof value === 'string' ? value : undefined;
}
