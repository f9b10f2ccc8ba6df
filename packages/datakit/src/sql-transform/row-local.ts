/**
 * Functions and keywords that, written before `(`, compute a value from one row alone: no
 * aggregate, window or set-returning function, no subquery.
 */
const ROW_LOCAL = new Set(
  [
    // keywords that may precede a parenthesis
    'and or not in is when then else case like ilike similar any all some as distinct from',
    'between cast row array',
    // scalar functions
    'coalesce nullif greatest least trim btrim ltrim rtrim lower upper initcap length char_length',
    'character_length octet_length substr substring left right replace translate concat concat_ws',
    'lpad rpad position strpos split_part regexp_replace md5 abs round trunc floor ceil ceiling sign',
    'mod power date_trunc extract date_part to_char to_date to_timestamp to_number make_date',
    'timezone jsonb_build_object json_build_object jsonb_extract_path_text json_extract_path_text',
    'format starts_with reverse repeat numeric varchar char timestamp timestamptz time interval',
    'decimal',
  ]
    .join(' ')
    .split(' '),
);

/**
 * Whether SQL text only calls functions known to compute from one row (so evaluating it before a
 * dedupe, on every row, gives the kept rows the same values): no aggregate, window or
 * set-returning function, no subquery. Unknown functions answer false. String literals are skipped.
 *
 * @example
 * ```ts
 * isRowLocal(`coalesce(trim("c"."name"), $1)`); // true
 * isRowLocal(`row_number() over (order by "c"."id")`); // false
 * ```
 * @internal
 */
export function isRowLocal(sql: string): boolean {
  const code = sql.replace(/'(?:[^']|'')*'/g, "''");
  if (/\b(select|over)\b/i.test(code)) return false;
  for (const m of code.matchAll(/("(?:[^"]|"")*"|[A-Za-z_][A-Za-z0-9_$]*)\s*\(/g)) {
    const name = m[1] ?? '';
    if (name.startsWith('"') || !ROW_LOCAL.has(name.toLowerCase())) return false;
  }
  return true;
}
