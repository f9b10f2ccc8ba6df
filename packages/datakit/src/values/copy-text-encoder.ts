import type { ColumnCodec } from './column-codec.js';
import { escapeCopyText } from './copy-text-escape.js';

/**
 * Where the source row of the row being encoded sits: the decoded source values (see
 * `DecodedBatch.values`), the unescaped source text of a value by the same index, and the row's
 * first index. A json value the transform passes through unchanged that is a JSON primitive
 * (`null`, a number, a string) is written from that text: JSON `null` stays JSON null (not SQL
 * NULL), and `1.0`, `12345678901234567890` or `"\u00e9"` keep their spelling.
 *
 * @example
 * ```ts
 * const source: SourceRow = { values: batch.values, text: (i) => raw[i] ?? null, base: r * (columns + 1) };
 * ```
 * @internal
 */
export interface SourceRow {
  values: readonly unknown[];
  text: (index: number) => string | null;
  base: number;
}

/**
 * Encodes one target row as a COPY text line (with its newline), or returns `undefined` when a
 * column that has a default is `undefined` in this row although it is in the column list.
 *
 * @example
 * ```ts
 * const line = createCopyLineEncoder(codecs)({ id: 1, name: 'Ada' }); // '1\tAda\n'
 * ```
 * @internal
 */
export type CopyLineEncoder = (row: Record<string, unknown>, source?: SourceRow) => string | undefined;

/**
 * Encodes one target row as text parameters (null for SQL NULL) appended to `out`; returns false
 * in the same case where {@link CopyLineEncoder} returns `undefined`.
 *
 * @example
 * ```ts
 * const params: unknown[] = [];
 * createParamsEncoder(codecs)({ id: 1, name: 'Ada' }, params); // true, params ['1', 'Ada']
 * ```
 * @internal
 */
export type ParamsEncoder = (row: Record<string, unknown>, out: unknown[], source?: SourceRow) => boolean;

/** The source column whose JSON primitives target column `k` writes from the source text, or -1. */
function jsonSource(
  codec: ColumnCodec,
  k: number,
  sourceCodecs: readonly ColumnCodec[],
  mapping: readonly number[],
): number {
  const m = mapping[k] ?? -1;
  return codec.kind === 'json' && sourceCodecs[m]?.kind === 'json' ? m : -1;
}

/** `cond` is true when `v` is the unchanged source JSON primitive at source column `m`. */
function unchangedPrimitive(m: number, values: string, base: string): string {
  return `${values} !== undefined && v === ${values}[${base} + ${m}] && (v === null || typeof v !== 'object')`;
}

function valueExpression(codec: ColumnCodec, index: number, copy: boolean): string {
  const esc = copy ? 'esc' : '';
  switch (codec.kind) {
    case 'string':
      return `${esc}(typeof v === 'string' ? v : t${index}(v))`;
    case 'integer':
      return `(typeof v === 'number' ? '' + v : ${esc}(t${index}(v)))`;
    case 'boolean':
      return `(v === true ? 't' : v === false ? 'f' : ${esc}(t${index}(v)))`;
    default:
      return `${esc}(t${index}(v))`;
  }
}

function compile<F>(
  codecs: readonly ColumnCodec[],
  body: (index: number, codec: ColumnCodec) => string,
  tail: string,
  params = false,
): F {
  const lines = codecs.map((codec, i) => body(i, codec));
  const args = params ? 'row, out, source' : 'row, source';
  const source = `return function encode(${args}) {
  let v, t, line = ''; const start = ${params ? 'out.length' : '0'};
  const src = source === undefined ? undefined : source.values, base = source === undefined ? 0 : source.base;
  ${lines.join('\n  ')}
  ${tail}
};`;
  const encoders = codecs.map((c) => (params ? c.toParam : c.toText));
  return new Function('esc', ...encoders.map((_, i) => `t${i}`), source)(escapeCopyText, ...encoders) as F;
}

/**
 * Compiles the COPY text encoder for `codecs` (the target columns in COPY column order), followed
 * by `constants`: values that are the same on every row (lineage), already in PostgreSQL text.
 * With `sourceCodecs` and `mapping` (as for {@link createPassthroughLineEncoder}), unchanged JSON
 * primitives are written from the source text given with each row.
 *
 * @example
 * ```ts
 * const encode = createCopyLineEncoder(codecs, ['0b6c…', 'system-a']);
 * encode({ id: 1, name: 'Ada' }); // '1\tAda\t0b6c…\tsystem-a\n'
 * ```
 * @internal
 */
export function createCopyLineEncoder(
  codecs: readonly ColumnCodec[],
  constants: readonly string[] = [],
  sourceCodecs: readonly ColumnCodec[] = [],
  mapping: readonly number[] = [],
): CopyLineEncoder {
  return compile<CopyLineEncoder>(
    codecs,
    (i, codec) => {
      const missing = codec.hasDefault ? `if (v === undefined) return undefined; ` : '';
      const separator = i === 0 ? '' : `line += '\\t'; `;
      const encode = `line += v == null ? '\\\\N' : ${valueExpression(codec, i, true)};`;
      const m = jsonSource(codec, i, sourceCodecs, mapping);
      const passthrough =
        m < 0
          ? ''
          : `if (${unchangedPrimitive(m, 'src', 'base')}) { t = source.text(base + ${m}); line += t === null ? '\\\\N' : esc(t); } else `;
      return `${separator}v = row[${JSON.stringify(codec.key)}]; ${missing}${passthrough}${encode}`;
    },
    `return line + ${JSON.stringify(suffixOf(constants))};`,
  );
}

function suffixOf(constants: readonly string[]): string {
  return `${constants.map((c) => `\t${escapeCopyText(c)}`).join('')}\n`;
}

/**
 * Like {@link CopyLineEncoder}, but a value that is still the decoded source value (`===`, and for
 * a Date the same instant) is copied from the source COPY text instead of being formatted again.
 * Adjacent copied fields become one slice, so a mostly unchanged row costs a few string pieces
 * instead of one per column. `values`/`offsets`/`base` locate the row in a {@link DecodedBatch}.
 *
 * @example
 * ```ts
 * const line = encode(transformed, batch.values, batch.text, batch.offsets, r * (columns + 1));
 * ```
 * @internal
 */
export type PassthroughLineEncoder = (
  row: Record<string, unknown>,
  values: readonly unknown[],
  text: string,
  offsets: Int32Array,
  base: number,
) => string | undefined;

/** Source and target agree on the text of equal values (same JS representation and SQL spelling family). */
function sameText(source: ColumnCodec, target: ColumnCodec): boolean {
  if (source.kind !== target.kind) return false;
  if (source.kind === 'date') return sourceDateKind(source) === sourceDateKind(target);
  return (
    source.kind === 'json' ||
    source.kind === 'string' ||
    source.kind === 'integer' ||
    source.kind === 'float' ||
    source.kind === 'boolean' ||
    source.kind === 'bigint'
  );
}

function sourceDateKind(codec: ColumnCodec): string {
  return /^date(?!time)/i.test(codec.sqlType)
    ? 'date'
    : codec.sqlType.includes('with time zone')
      ? 'timestamptz'
      : 'timestamp';
}

/**
 * Compiles a {@link PassthroughLineEncoder}. `mapping[k]` is the source column index whose value
 * target column `k` usually carries (same key, or learned from the first row), or -1.
 *
 * @example
 * ```ts
 * const encode = createPassthroughLineEncoder(targetCodecs, sourceCodecs, [0, 1, -1], constants);
 * const line = encode(transformed, sourceRow, batch.text, batch.offsets, r * (sourceCodecs.length + 1));
 * ```
 * @internal
 */
export function createPassthroughLineEncoder(
  codecs: readonly ColumnCodec[],
  sourceCodecs: readonly ColumnCodec[],
  mapping: readonly number[],
  constants: readonly string[] = [],
): PassthroughLineEncoder {
  const flush = 'if (a >= 0) { line += s.slice(a, b); a = -1; }';
  const body = codecs.map((codec, k) => {
    const separator = k === 0 ? '' : "line += '\\t';";
    const missing = codec.hasDefault ? 'if (v === undefined) return undefined; ' : '';
    const encode = `${flush} ${separator} ${missing}line += v == null ? '\\\\N' : ${valueExpression(codec, k, true)};`;
    const m = mapping[k] ?? -1;
    const source = sourceCodecs[m];
    if (m < 0 || !source || !sameText(source, codec))
      return `v = row[${JSON.stringify(codec.key)}]; ${encode}`;
    // Parsed JSON objects may be changed in place: they go through toText, which checks.
    const unchanged =
      codec.kind === 'date'
        ? ' && (v === null || v.getTime() === v.pgTime)'
        : codec.kind === 'json'
          ? " && (v === null || typeof v !== 'object')"
          : '';
    return `v = row[${JSON.stringify(codec.key)}];
  if (v === src[base + ${m}]${unchanged}) {
    fs = o[base + ${m}]; fe = o[base + ${m + 1}] - 1;
    if (a >= 0 && fs === b + 1) b = fe;
    else { ${flush} ${separator} a = fs; b = fe; }
  } else { ${encode} }`;
  });
  const source = `return function encode(row, src, s, o, base) {
  let v, line = '', a = -1, b = -1, fs = 0, fe = 0;
  ${body.join('\n  ')}
  ${flush}
  return line + ${JSON.stringify(suffixOf(constants))};
};`;
  const encoders = codecs.map((c) => c.toText);
  return new Function('esc', ...encoders.map((_, i) => `t${i}`), source)(
    escapeCopyText,
    ...encoders,
  ) as PassthroughLineEncoder;
}

/**
 * Compiles the text-parameter encoder for batched INSERTs (PGlite, or any target without COPY);
 * `sourceCodecs` and `mapping` as for {@link createCopyLineEncoder}.
 *
 * @example
 * ```ts
 * const params: unknown[] = [];
 * createParamsEncoder(codecs, ['system-a'])({ id: 1, name: 'Ada' }, params); // params: ['1', 'Ada', 'system-a']
 * ```
 * @internal
 */
export function createParamsEncoder(
  codecs: readonly ColumnCodec[],
  constants: readonly string[] = [],
  sourceCodecs: readonly ColumnCodec[] = [],
  mapping: readonly number[] = [],
): ParamsEncoder {
  return compile<ParamsEncoder>(
    codecs,
    (i, codec) => {
      const missing = codec.hasDefault ? `if (v === undefined) { out.length = start; return false; } ` : '';
      const m = jsonSource(codec, i, sourceCodecs, mapping);
      const passthrough =
        m < 0 ? '' : `if (${unchangedPrimitive(m, 'src', 'base')}) out.push(source.text(base + ${m})); else `;
      return `v = row[${JSON.stringify(codec.key)}]; ${missing}${passthrough}out.push(v == null ? null : ${valueExpression(codec, i, false)});`;
    },
    `${constants.map((c) => `out.push(${JSON.stringify(c)});`).join(' ')} return true;`,
    true,
  );
}
