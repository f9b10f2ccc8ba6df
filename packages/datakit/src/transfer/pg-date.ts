/**
 * Which PostgreSQL type a {@link PgDate}'s text was read from.
 *
 * @example
 * ```ts
 * const kind: PgDateKind = 'timestamptz';
 * ```
 */
export type PgDateKind = 'timestamptz' | 'timestamp' | 'date';

/**
 * A Date read from PostgreSQL text that remembers that text (with its microseconds). When a
 * transform passes it through unchanged into a column of the same type, the text is written back
 * as it was: exact, and cheaper than formatting the Date again.
 *
 * @example
 * ```ts
 * const d = new PgDate(0, '1970-01-01 00:00:00.000001+00', 'timestamptz');
 * d.getTime(); // 0 — a normal Date to the transform
 * ```
 * @internal
 */
export class PgDate extends Date {
  readonly pgText: string;
  readonly pgKind: PgDateKind;
  readonly pgTime: number;

  constructor(time: number, text: string, kind: PgDateKind) {
    super(time);
    this.pgText = text;
    this.pgKind = kind;
    this.pgTime = time;
  }

  /** The original text when this Date is unchanged and goes to a column of the same type. */
  textFor(kind: PgDateKind): string | undefined {
    return kind === this.pgKind && Object.is(this.getTime(), this.pgTime) ? this.pgText : undefined;
  }
}
