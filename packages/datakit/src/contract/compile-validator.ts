import type { InferInsertModel, InferSelectModel, Table } from 'drizzle-orm';
import { DatakitError } from '../errors/datakit-error.js';
import { planColumns, type ValidationMode } from './column-plan.js';
import { createExplainer, type ValidationFailure } from './explain-row.js';
import { generateCheck } from './generate-check.js';

export type { ValidationMode } from './column-plan.js';
export type { ValidationFailure } from './explain-row.js';

/**
 * Options of {@link compileValidator}.
 *
 * @example
 * ```ts
 * const options: ValidatorOptions<'select'> = { mode: 'select', datakit: 'system-a', version: '1.0.0' };
 * ```
 */
export interface ValidatorOptions<M extends ValidationMode = ValidationMode> {
  mode: M;
  /** Datakit name and version, named in every failure. */
  datakit?: string;
  version?: string;
  /** Keys that are not columns: `reject` (default in insert mode) or `ignore` (default in select mode). */
  unknownKeys?: 'reject' | 'ignore';
}

/**
 * A row validator compiled once per table and mode. `check` is the hot path (no allocation on
 * success); `explain`/`explainAll` say why a row failed; `assert` throws a `VALIDATION` error.
 *
 * @example
 * ```ts
 * const validate = compileValidator(customer, { mode: 'insert', datakit: 'system-a', version: '1.0.0' });
 * rows.forEach((row, i) => {
 *   if (!validate.check(row)) rejects.push(validate.explain(row, i + 1));
 * });
 * ```
 */
export interface RowValidator<Row = Record<string, unknown>> {
  readonly table: string;
  readonly mode: ValidationMode;
  readonly datakit: string | undefined;
  readonly version: string | undefined;
  check(row: unknown): row is Row;
  /** The first failure, or `undefined` for a valid row. */
  explain(row: unknown, rowNumber?: number | string): ValidationFailure | undefined;
  /** Every failure (the first per column), in column order, then unknown keys; `[]` for a valid row. */
  explainAll(row: unknown, rowNumber?: number | string): ValidationFailure[];
  /**
   * Returns the row, typed, or throws `DatakitError('VALIDATION')` with the first failure as
   * message, hint and context. (It returns the row rather than being a TypeScript assertion
   * function, which would force an explicit type annotation on every validator variable.)
   */
  assert(row: unknown, rowNumber?: number | string): Row;
}

/**
 * The row type a validator of table `T` in mode `M` accepts: `$inferSelect` or `$inferInsert`.
 *
 * @example
 * ```ts
 * type NewCustomer = ValidatedRow<typeof customer, 'insert'>; // typeof customer.$inferInsert
 * ```
 */
export type ValidatedRow<T extends Table, M extends ValidationMode> = M extends 'insert'
  ? InferInsertModel<T>
  : InferSelectModel<T>;

const cache = new WeakMap<Table, Map<string, RowValidator<unknown>>>();
let compilations = 0;

/**
 * Compiles a row validator from a Drizzle table, once per table, mode and options (later calls
 * return the cached validator). It checks not-null, Drizzle's runtime value types per column mode,
 * integer ranges, numeric precision and scale, varchar/char length in characters, enums, UUID and
 * date formats, JSON values, bytea, arrays element by element, and unknown keys.
 *
 * @example
 * ```ts
 * const customer = pgTable('customer', { id: integer().primaryKey(), email: varchar({ length: 200 }).notNull() });
 * const validate = compileValidator(customer, { mode: 'select', datakit: 'system-a', version: '1.0.0' });
 * validate.check({ id: 1, email: 'a@b.c' }); // true
 * validate.explain({ id: 1.5, email: 'a@b.c' })?.rule; // 'type:integer'
 * const row = validate.assert(input); // typed as typeof customer.$inferSelect
 * validate.assert({ id: 1, email: null }, 7);
 * // throws DatakitError VALIDATION: Row 7 of "customer" in system-a@1.0.0: column "email" is null, but it is NOT NULL
 * ```
 */
export function compileValidator<T extends Table, M extends ValidationMode>(
  table: T,
  options: ValidatorOptions<M>,
): RowValidator<ValidatedRow<T, M>> {
  const unknownKeys = options.unknownKeys ?? (options.mode === 'insert' ? 'reject' : 'ignore');
  const key = JSON.stringify([options.mode, unknownKeys, options.datakit ?? null, options.version ?? null]);
  let perTable = cache.get(table);
  if (!perTable) {
    perTable = new Map();
    cache.set(table, perTable);
  }
  let validator = perTable.get(key);
  if (!validator) {
    validator = build(table, options, unknownKeys === 'reject');
    perTable.set(key, validator);
  }
  return validator as RowValidator<ValidatedRow<T, M>>;
}

/** How many validators this process has compiled (tests use it to prove caching). @internal */
export function validatorCompilations(): number {
  return compilations;
}

function build(table: Table, options: ValidatorOptions, rejectUnknown: boolean): RowValidator<unknown> {
  const { mode, datakit, version } = options;
  const { tableName, plans } = planColumns(table, mode, datakit);
  const check = generateCheck(plans, rejectUnknown);
  const explain = createExplainer({ tableName, plans, datakit, version, rejectUnknown });
  compilations++;
  return {
    table: tableName,
    mode,
    datakit,
    version,
    check: check as (row: unknown) => row is unknown,
    explain: (row, rowNumber) => (check(row) ? undefined : explain(row, rowNumber, true)[0]),
    explainAll: (row, rowNumber) => (check(row) ? [] : explain(row, rowNumber, false)),
    assert: (row, rowNumber) => {
      if (check(row)) return row;
      const first = explain(row, rowNumber, true)[0];
      throw new DatakitError('VALIDATION', first?.message ?? `Row of "${tableName}" failed validation`, {
        hint: first?.hint ?? 'Report this as a Datakit bug: check() and explain() disagree on this row.',
        context: {
          ...(datakit ? { datakit } : {}),
          table: tableName,
          ...(first?.column === undefined ? {} : { column: first.column }),
          ...(rowNumber === undefined ? {} : { row: rowNumber }),
          value: first ? first.value : row,
          rule: first?.rule ?? 'unknown',
        },
      });
    },
  };
}
