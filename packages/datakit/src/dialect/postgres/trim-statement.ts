/**
 * Drops trailing semicolons and whitespace, so a statement can be wrapped (`DECLARE ... FOR <sql>`)
 * or sent as one COPY command.
 *
 * @example
 * ```ts
 * trimStatement('select 1;\n'); // 'select 1'
 * ```
 * @internal
 */
export function trimStatement(sql: string): string {
  return sql.replace(/[\s;]+$/, '');
}
