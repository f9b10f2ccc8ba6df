import type { ColumnCodec } from './column-codec.js';
import { unescapeCopyText } from './copy-text-escape.js';

/**
 * A decoded row keyed by the Drizzle property names.
 *
 * @example
 * ```ts
 * const row: DecodedRow = { customer_id: 1, full_name: 'Ada' };
 * ```
 */
export type DecodedRow = Record<string, unknown>;

/**
 * Rows decoded from one chunk, with where each field sits in `text` (still COPY-escaped), so an
 * encoder can copy unchanged fields instead of formatting them again: field `j` of row `r` is
 * `text.slice(offsets[r * (n + 1) + j], offsets[r * (n + 1) + j + 1] - 1)` for `n` columns, and
 * its decoded value is `values[r * (n + 1) + j]` — kept apart from the row object, which a
 * transform may mutate. Both arrays are reused by the next chunk.
 *
 * @example
 * ```ts
 * const { rows, text, offsets, values } = decoder.push(chunk);
 * ```
 * @internal
 */
export interface DecodedBatch {
  rows: DecodedRow[];
  text: string;
  offsets: Int32Array;
  values: unknown[];
}

/**
 * Turns the chunks of a `COPY ... TO STDOUT` (text format) into row objects. Chunks may split
 * rows anywhere; only whole rows come out.
 *
 * @example
 * ```ts
 * const decoder = createCopyTextDecoder(columnCodecs(customer, familyOfTable(customer).drizzle));
 * for await (const chunk of conn.copyTo!(sql)) consume(decoder.push(chunk));
 * decoder.end();
 * ```
 * @internal
 */
export interface CopyTextDecoder {
  push(chunk: Uint8Array): DecodedBatch;
  /** Throws when the stream ended inside a row. */
  end(): void;
}

function inlineValue(codec: ColumnCodec, index: number, integerText: ReadonlySet<string>): string {
  switch (codec.kind === 'integer' && !integerText.has(codec.key) ? 'other' : codec.kind) {
    case 'string':
      return 's.slice(p, e)';
    case 'boolean':
      return 's.charCodeAt(p) === 116';
    case 'integer':
      return 'int(s, p, e)';
    default:
      return `d${index}(s.slice(p, e))`;
  }
}

/* The generated parser works on one decoded string of whole rows. `bs` tracks the next backslash,
 * so fields without one (nearly all) skip the unescape check entirely. */
type Parser = (s: string, rows: DecodedRow[], offsets: Int32Array, values: unknown[]) => number;

function compileParser(codecs: readonly ColumnCodec[], integerText: ReadonlySet<string>): Parser {
  const lines: string[] = [];
  codecs.forEach((codec, i) => {
    const separator = i === codecs.length - 1 ? '\\n' : '\\t';
    lines.push(
      `o[k++] = p;`,
      `e = s.indexOf('${separator}', p);`,
      `if (bs < e) { f = s.slice(p, e); v${i} = f === '\\\\N' ? null : d${i}(unescapeField(f)); bs = s.indexOf('\\\\', e); if (bs === -1) bs = end; }`,
      `else v${i} = ${inlineValue(codec, i, integerText)};`,
      'p = e + 1;',
    );
  });
  const fields = codecs.map((c, i) => `${JSON.stringify(c.key)}: v${i}`).join(', ');
  const body = `
const int = (s, p, e) => {
  // Past 15 digits the running sum rounds differently from Number(): let Number() round it once.
  if (e - p > 15) return Number(s.slice(p, e));
  let n = 0, i = p;
  const neg = s.charCodeAt(i) === 45;
  if (neg) i++;
  for (; i < e; i++) n = n * 10 + (s.charCodeAt(i) - 48);
  return neg ? -n : n;
};
return function parse(s, rows, o, vals) {
  const end = s.length;
  let k = 0;
  let p = 0, e = 0, f = '', bs = s.indexOf('\\\\');
  if (bs === -1) bs = end;
  let ${codecs.map((_, i) => `v${i}`).join(', ')};
  while (p < end) {
    const base = k;
    ${lines.join('\n    ')}
    o[k++] = p;
    ${codecs.map((_, i) => `vals[base + ${i}] = v${i};`).join(' ')}
    rows.push({ ${fields} });
  }
  return k;
};`;
  const decoders = codecs.map((c) => c.fromText);
  const factory = new Function('unescapeField', ...decoders.map((_, i) => `d${i}`), body) as (
    unescapeField: (f: string) => string,
    ...decoders: ((text: string) => unknown)[]
  ) => Parser;
  return factory(unescapeCopyText, ...decoders);
}

/**
 * Compiles a decoder for COPY text rows holding exactly `codecs`' columns, in order. Columns in
 * `integerText` (live integer columns) are parsed inline without checks; other numbers go through
 * `Number`, so a drifted column yields NaN and fails validation instead of a wrong value.
 *
 * @example
 * ```ts
 * const rows = createCopyTextDecoder(codecs).push(Buffer.from('1\tAda\n'));
 * ```
 * @internal
 */
export function createCopyTextDecoder(
  codecs: readonly ColumnCodec[],
  integerText: ReadonlySet<string> = new Set(),
): CopyTextDecoder {
  const parse = compileParser(codecs, integerText);
  const width = codecs.length + 1;
  let offsets = new Int32Array(width * 1024);
  const values: unknown[] = [];
  let tail: Buffer | undefined;
  return {
    push(chunk) {
      let buf = Buffer.isBuffer(chunk)
        ? chunk
        : Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength);
      if (tail) buf = Buffer.concat([tail, buf]);
      const last = buf.lastIndexOf(10);
      if (last === -1) {
        tail = Buffer.from(buf);
        return { rows: [], text: '', offsets, values };
      }
      tail = last + 1 < buf.length ? Buffer.from(buf.subarray(last + 1)) : undefined;
      // A row is at least one byte per column, so this bounds the row count of the chunk.
      const maxRows = Math.ceil((last + 1) / codecs.length);
      if (offsets.length < maxRows * width) offsets = new Int32Array(maxRows * width);
      const rows: DecodedRow[] = [];
      const text = buf.toString('utf8', 0, last + 1);
      parse(text, rows, offsets, values);
      return { rows, text, offsets, values };
    },
    end() {
      if (tail && tail.length > 0)
        throw new Error(`COPY stream ended inside a row (${tail.length} bytes left)`);
    },
  };
}
