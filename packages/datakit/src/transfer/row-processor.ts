import type { ValidationFailure } from '../contract/compile-validator.js';
import type { TransformContext } from '../contract/define-transform.js';
import type { SourceBatch } from '../dialect/source-reader.js';
import { DatakitError } from '../errors/datakit-error.js';
import type { ColumnCodec } from '../values/column-codec.js';
import type { DecodedRow } from '../values/copy-text-decoder.js';
import {
  type CopyLineEncoder,
  createCopyLineEncoder,
  createParamsEncoder,
  createPassthroughLineEncoder,
  type ParamsEncoder,
  type PassthroughLineEncoder,
} from '../values/copy-text-encoder.js';
import { unreadable } from '../values/unreadable-value.js';
import type { RejectCollector, RejectStage } from './reject-collector.js';
import { describeFailure } from './reject-message.js';
import { sourceRowOf, sourceTextAt } from './source-text.js';

/**
 * The validator surface the processor needs (see `compileValidator`). @internal
 *
 * @example
 * ```ts
 * const check: RowCheck = compileValidator(customer, { mode: 'select' });
 * ```
 */
export interface RowCheck {
  check(row: unknown): boolean;
  explain(row: unknown, rowNumber?: number | string): ValidationFailure | undefined;
}

/**
 * Everything the per-row loop needs, resolved once per transfer. @internal
 *
 * @example
 * ```ts
 * const processor = new RowProcessor(setup);
 * ```
 */
export interface ProcessorSetup {
  sourceCodecs: readonly ColumnCodec[];
  /** Writable target columns, without the lineage columns (they are `constants`). */
  targetCodecs: readonly ColumnCodec[];
  /** Lineage values in PostgreSQL text, appended to every row in `constantColumns` order. */
  constants: readonly string[];
  fn: (row: DecodedRow, ctx: TransformContext) => unknown;
  ctx: TransformContext;
  source: RowCheck;
  target: RowCheck;
  rejects: RejectCollector;
  /** Source primary-key columns: rejects name a row by its key (`customer_id=17`) rather than its position. */
  sourceKey: readonly ColumnCodec[];
  /** Fail as soon as more rows than this are rejected. */
  maxRejectCount: number;
  describeLimit: () => string;
}

/**
 * The per-row loop: validate the source row, transform, validate the target row, encode. Counts
 * every row into exactly one of loaded, rejected and dropped.
 *
 * @example
 * ```ts
 * const processor = new RowProcessor(setup);
 * const text = processor.copyText(batch); // COPY text of the accepted rows
 * ```
 * @internal
 */
export class RowProcessor {
  read = 0;
  loaded = 0;
  dropped = 0;
  /** The target columns written, decided by the first accepted row (columns with defaults it leaves out are not written). */
  columns: ColumnCodec[] | undefined;
  readonly #setup: ProcessorSetup;
  #plain: CopyLineEncoder | undefined;
  /** The batch and row being processed, for the source text a reject message quotes. */
  #batch: SourceBatch | undefined;
  #index = 0;
  #passthrough: PassthroughLineEncoder | undefined;
  #params: ParamsEncoder | undefined;

  constructor(setup: ProcessorSetup) {
    this.#setup = setup;
  }

  /** The rejected count so far. */
  get rejected(): number {
    return this.#setup.rejects.count;
  }

  /** Transforms and validates one row: the output row, or undefined when it was rejected or dropped. */
  #accept(row: DecodedRow): Record<string, unknown> | undefined {
    const s = this.#setup;
    const n = ++this.read;
    const why = unreadable(row);
    if (why) return this.#rejectWith(n, 'source', row, why.column, why.rule, why.message, why.hint);
    if (!s.source.check(row))
      return this.#reject(n, 'source', row, s.source.explain(row, this.#label(n, row)));
    let out: unknown;
    try {
      out = s.fn(row, s.ctx);
    } catch (err) {
      return this.#rejectThrown(n, row, err);
    }
    if (out === null) {
      this.dropped++;
      return undefined;
    }
    if (!s.target.check(out)) {
      if (out === undefined) {
        return this.#rejectWith(
          n,
          'target',
          row,
          undefined,
          'transform-result',
          'the transform returned undefined',
          'Return the target row, or null to drop the row.',
          row,
        );
      }
      return this.#reject(n, 'target', out, s.target.explain(out, this.#label(n, row)), row);
    }
    const record = out as Record<string, unknown>;
    if (this.columns === undefined) this.#decideColumns(record, row);
    return record;
  }

  #decideColumns(first: Record<string, unknown>, source: DecodedRow): void {
    const s = this.#setup;
    this.columns = s.targetCodecs.filter((c) => !c.hasDefault || first[c.key] !== undefined);
    const sourceIndex = new Map(s.sourceCodecs.map((c, i) => [c.key, i]));
    const mapping = this.columns.map((c) => {
      const same = sourceIndex.get(c.key);
      if (same !== undefined && first[c.key] === source[c.key]) return same;
      const value = first[c.key];
      if (value === null || typeof value === 'object') return same ?? -1;
      const matches = s.sourceCodecs.flatMap((sc, i) => (source[sc.key] === value ? [i] : []));
      return matches.length === 1 ? (matches[0] as number) : (same ?? -1);
    });
    this.#plain = createCopyLineEncoder(this.columns, s.constants, s.sourceCodecs, mapping);
    this.#passthrough = createPassthroughLineEncoder(this.columns, s.sourceCodecs, mapping, s.constants);
    this.#params = createParamsEncoder(this.columns, s.constants, s.sourceCodecs, mapping);
  }

  #missingDefault(n: number, out: Record<string, unknown>, source: DecodedRow): undefined {
    const column = this.columns?.find((c) => c.hasDefault && out[c.key] === undefined);
    return this.#rejectWith(
      n,
      'target',
      out,
      column?.name,
      'default-columns',
      `column "${column?.name}" is left out of this row, but earlier rows set it (a COPY writes the same columns on every row)`,
      `Set ${column?.key} on every row (or on none, to use the column default).`,
      source,
    );
  }

  /** Encodes the accepted rows of `batch` as COPY text lines. */
  copyText(batch: SourceBatch): string {
    const { rows, text, offsets, values } = batch;
    const copied = text !== undefined && offsets !== undefined && values !== undefined;
    const source = copied ? undefined : sourceRowOf(batch);
    const width = this.#setup.sourceCodecs.length + 1;
    let chunk = '';
    this.#batch = batch;
    for (let i = 0; i < rows.length; i++) {
      const row = rows[i] as DecodedRow;
      this.#index = i;
      const out = this.#accept(row);
      if (out === undefined) continue;
      let line: string | undefined;
      try {
        if (copied)
          line = (this.#passthrough as PassthroughLineEncoder)(out, values, text, offsets, i * width);
        else {
          if (source) source.base = i * width;
          line = (this.#plain as CopyLineEncoder)(out, source);
        }
      } catch (err) {
        this.#rejectUnwritable(out, row, err);
        continue;
      }
      if (line === undefined) {
        this.#missingDefault(this.read, out, row);
        continue;
      }
      chunk += line;
      this.loaded++;
    }
    return chunk;
  }

  /** Appends the accepted rows of `batch` as text parameters to `params`; returns how many rows. */
  paramRows(batch: SourceBatch, params: unknown[]): number {
    const source = sourceRowOf(batch);
    const width = this.#setup.sourceCodecs.length + 1;
    let count = 0;
    this.#batch = batch;
    for (let i = 0; i < batch.rows.length; i++) {
      const row = batch.rows[i] as DecodedRow;
      this.#index = i;
      const out = this.#accept(row);
      if (out === undefined) continue;
      if (source) source.base = i * width;
      const before = params.length;
      let written: boolean;
      try {
        written = (this.#params as ParamsEncoder)(out, params, source);
      } catch (err) {
        params.length = before;
        this.#rejectUnwritable(out, row, err);
        continue;
      }
      if (!written) {
        this.#missingDefault(this.read, out, row);
        continue;
      }
      count++;
      this.loaded++;
    }
    return count;
  }

  /** A value the validator let through but that cannot be written (a codec threw): a reject of this row. */
  #rejectUnwritable(out: Record<string, unknown>, source: DecodedRow, err: unknown): void {
    const known = err instanceof DatakitError ? err : undefined;
    const rule = known?.context.rule ?? 'encode';
    this.#rejectWith(
      this.read,
      'target',
      out,
      known?.context.column,
      rule,
      `${err instanceof Error ? err.message : String(err)} (rule ${rule})`,
      known?.hint ?? 'Convert the value in the transform to what the target column holds.',
      source,
    );
  }

  #label(n: number, row: DecodedRow): string | number {
    const key = this.#setup.sourceKey;
    if (key.length === 0) return n;
    return key.map((c) => `${c.key}=${String(row[c.key])}`).join(',');
  }

  #rejectThrown(n: number, row: DecodedRow, err: unknown): undefined {
    const message = err instanceof Error ? err.message : String(err);
    const column = err instanceof DatakitError ? err.context.column : undefined;
    return this.#rejectWith(
      n,
      'transform',
      row,
      column,
      'transform',
      `the transform threw: ${message}`,
      err instanceof DatakitError && err.hint
        ? err.hint
        : 'Fix the transform or the source row; throwing rejects just this row.',
    );
  }

  #reject(
    n: number,
    stage: RejectStage,
    row: unknown,
    failure: ValidationFailure | undefined,
    source?: DecodedRow,
  ): undefined {
    return this.#rejectWith(
      n,
      stage,
      row,
      failure?.column,
      failure?.rule ?? 'unknown',
      failure ? this.#describe(failure, stage, source) : 'the row failed validation',
      failure?.hint,
      source,
    );
  }

  /** The failure's message with the value, the source's own text of it and the rule (see `describeFailure`). */
  #describe(failure: ValidationFailure, stage: RejectStage, source: DecodedRow | undefined): string {
    const s = this.#setup;
    return describeFailure(failure, {
      stage,
      source,
      codecs: stage === 'source' ? s.sourceCodecs : s.targetCodecs,
      sourceCodecs: s.sourceCodecs,
      sourceText: (index) =>
        this.#batch === undefined ? undefined : sourceTextAt(this.#batch, this.#index, index, s.sourceCodecs),
    });
  }

  #rejectWith(
    n: number,
    stage: RejectStage,
    row: unknown,
    column: string | undefined,
    rule: string,
    message: string,
    hint?: string,
    source?: DecodedRow,
  ): undefined {
    const s = this.#setup;
    const label = this.#label(n, (source ?? row) as DecodedRow);
    const where = message.startsWith('Row ') ? '' : `Row ${label} of "${s.ctx.source.table}": `;
    s.rejects.add({
      rowNumber: n,
      stage,
      ...(column === undefined ? {} : { column }),
      rule,
      message: `${where}${message}`,
      ...(hint === undefined ? {} : { hint }),
      row,
    });
    if (s.rejects.count > s.maxRejectCount) {
      throw new DatakitError('TRANSFER', `Too many rejected rows: ${s.rejects.count} ${s.describeLimit()}`, {
        hint: `Fix the reasons below (the first ones are stored: datakit rejects --load ${s.ctx.loadId}), or raise maxRejects.`,
        context: { table: s.ctx.source.table, row: label, rule },
      });
    }
    return undefined;
  }
}
