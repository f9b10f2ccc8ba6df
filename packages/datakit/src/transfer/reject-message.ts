import type { ValidationFailure } from '../contract/compile-validator.js';
import type { ColumnCodec } from '../values/column-codec.js';
import type { DecodedRow } from '../values/copy-text-decoder.js';
import { PgDate } from '../values/pg-date.js';
import { NotJson } from '../values/pg-json-text.js';
import { previewValue } from '../values/rule-helpers.js';
import type { RejectStage } from './reject-collector.js';

/** A value as a reject message shows it: PostgreSQL's own text for a date read from it. */
function shownValue(value: unknown): string {
  if (value instanceof NotJson) return value.quoted();
  return value instanceof PgDate && Object.is(value.getTime(), value.pgTime)
    ? JSON.stringify(value.pgText)
    : previewValue(value);
}

/**
 * Where a failure happened, for {@link describeFailure}.
 *
 * @example
 * ```ts
 * const where: FailureSite = { stage: 'source', source: row, codecs, sourceCodecs: codecs, sourceText: () => undefined };
 * ```
 * @internal
 */
export interface FailureSite {
  stage: RejectStage;
  /** The decoded source row. */
  source: DecodedRow | undefined;
  /** The codecs of the table the failure is about (source or target). */
  codecs: readonly ColumnCodec[];
  sourceCodecs: readonly ColumnCodec[];
  /** The source's own text of source column `index` in this row, when known. */
  sourceText: (index: number) => string | null | undefined;
}

/**
 * A reject message: the validator's message (row, table, column, problem), then the value when the
 * problem does not show it, the source's own text when it differs from the value checked (a
 * number past 2^53, a value the transform changed), and the rule.
 *
 * @example
 * ```ts
 * describeFailure(failure, site);
 * // 'Row id=1 of "src": column "n" is 9223372036854776000, beyond ...; the source holds "9223372036854775807" (rule integer-range:safe)'
 * ```
 * @internal
 */
export function describeFailure(failure: ValidationFailure, site: FailureSite): string {
  let message = failure.message;
  const value = shownValue(failure.value);
  if (failure.column !== undefined && !message.includes(value)) message += `; the value is ${value}`;
  const key = site.codecs.find((c) => c.name === failure.column)?.key;
  const index = key === undefined ? -1 : site.sourceCodecs.findIndex((c) => c.key === key);
  const original = index < 0 ? undefined : site.sourceText(index);
  const shown = failure.value;
  if (typeof original === 'string') {
    const differs =
      (typeof shown === 'number' || typeof shown === 'bigint' || typeof shown === 'string') &&
      String(shown) !== original;
    if (differs) message += `; the source holds ${previewValue(original)}`;
  } else if (
    site.stage === 'target' &&
    site.source &&
    key !== undefined &&
    key in site.source &&
    original === undefined
  ) {
    const before = site.source[key];
    if (before !== failure.value && typeof failure.value !== 'object')
      message += `; the source value is ${shownValue(before)}`;
  }
  return `${message} (rule ${failure.rule})`;
}
