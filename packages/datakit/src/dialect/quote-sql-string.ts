/**
 * A string literal as standard SQL writes it: in single quotes, each quote doubled. The dialects'
 * `adapter.quoteString` build on it (adding what their backslashes need); code with no dialect at
 * hand (a column type described for people) uses it as is.
 *
 * @example
 * ```ts
 * quoteSqlString("it's"); // "'it''s'"
 * ```
 */
export function quoteSqlString(value: string): string {
  return `'${value.replaceAll("'", "''")}'`;
}
