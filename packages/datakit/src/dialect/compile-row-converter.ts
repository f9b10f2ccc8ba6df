import type { ColumnCodec } from '../values/column-codec.js';
import type { DecodedRow } from '../values/copy-text-decoder.js';

/**
 * A function, compiled once per read, that turns a source row into a decoded row: `decoders[i]`
 * converts the non-null value of `codecs[i]`; null stays null. Text rows are objects keyed like
 * the codecs (`by: 'key'`); driver rows are arrays in select-list order (`by: 'index'`).
 *
 * @example
 * ```ts
 * const convert = compileRowConverter(codecs, codecs.map((c) => c.fromText), 'key');
 * convert({ id: '42', name: 'Ada' }); // { id: 42, name: 'Ada' }
 * ```
 * @internal
 */
export function compileRowConverter(
  codecs: readonly ColumnCodec[],
  decoders: readonly ((value: never) => unknown)[],
  by: 'key' | 'index',
): (row: Record<string, unknown>) => DecodedRow {
  const fields = codecs.map(
    (c, i) =>
      `${JSON.stringify(c.key)}: (v = r[${by === 'key' ? JSON.stringify(c.key) : i}]) == null ? null : f${i}(v)`,
  );
  const body = `return function convert(r) { let v; return { ${fields.join(', ')} }; };`;
  return new Function(...decoders.map((_, i) => `f${i}`), body)(...decoders) as (
    row: Record<string, unknown>,
  ) => DecodedRow;
}
