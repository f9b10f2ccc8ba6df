/**
 * Machine-readable error codes; the CLI maps `USAGE` and `CONFIG` to exit code 2, everything else to 1.
 *
 * @example
 * ```ts
 * if (error instanceof DatakitError && (error.code satisfies DatakitErrorCode) === 'DRIFT') process.exitCode = 1;
 * ```
 */
export type DatakitErrorCode =
  | 'USAGE'
  | 'CONFIG'
  | 'CONTRACT'
  | 'CONNECTION'
  | 'AUTH'
  | 'QUERY'
  | 'VALIDATION'
  | 'DEPLOY'
  | 'DRIFT'
  | 'TRANSFER'
  | 'RUN'
  | 'UNSUPPORTED';

/**
 * Where an error happened, as precisely as it is known. Every field is optional.
 *
 * @example
 * ```ts
 * const context: ErrorContext = { table: 'customer', column: 'email', row: 17 };
 * ```
 */
export interface ErrorContext {
  datakit?: string;
  system?: string;
  schema?: string;
  table?: string;
  column?: string;
  /** 1-based row number in the source stream, or the row's key. */
  row?: number | string;
  value?: unknown;
  rule?: string;
  sql?: string;
  host?: string;
  port?: number;
  database?: string;
  key?: string;
  /** The driver's own error code: a PostgreSQL SQLSTATE (`23505`) or a MySQL code (`ER_DUP_ENTRY`). */
  driverCode?: string;
  /** The driver's detail line (PostgreSQL `detail`), e.g. `Key (email)=(a@b.c) already exists.` */
  detail?: string;
  /** The constraint a statement violated, when the driver names it. */
  constraint?: string;
}

/**
 * The one error class of Datakit: a message, the fix (`hint`), structured context and the
 * original `cause` (a node-postgres or mysql2 error keeps its `code`, `detail`, `constraint`).
 *
 * @example
 * ```ts
 * throw new DatakitError('CONTRACT', 'Column "price" has unsupported type "money"', {
 *   hint: 'Use numeric(12,2) instead.',
 *   context: { table: 'product', column: 'price' },
 * });
 * ```
 */
export class DatakitError extends Error {
  override readonly name = 'DatakitError';
  readonly code: DatakitErrorCode;
  readonly hint: string | undefined;
  readonly context: ErrorContext;

  constructor(
    code: DatakitErrorCode,
    message: string,
    options: { hint?: string; context?: ErrorContext; cause?: unknown } = {},
  ) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.code = code;
    this.hint = options.hint;
    this.context = options.context ?? {};
  }

  /** The message followed by the fix, as shown on a terminal. */
  describe(): string {
    return this.hint ? `${this.message}\n  fix: ${this.hint}` : this.message;
  }

  /** A JSON-safe shape for `--json` output (never includes connection secrets). */
  toJSON(): { code: DatakitErrorCode; message: string; hint?: string; context: ErrorContext } {
    return {
      code: this.code,
      message: this.message,
      ...(this.hint ? { hint: this.hint } : {}),
      context: this.context,
    };
  }
}
