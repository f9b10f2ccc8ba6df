/** A CSV field: text, a number or boolean as written, null or undefined as the empty field. */
export type CsvValue = string | number | boolean | null | undefined;

function field(value: CsvValue): string {
  if (value === null || value === undefined) return '';
  const text = String(value);
  return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

/**
 * Records as CSV (RFC 4180): a header, then one record per row, CRLF after each; a field that
 * holds a comma, a double quote or a line break is quoted, its quotes doubled.
 *
 * @example
 * ```ts
 * formatCsv(['id', 'note'], [[1, 'say "hi", then\nleave']]); // 'id,note\r\n1,"say ""hi"", then\nleave"\r\n'
 * ```
 */
export function formatCsv(header: readonly string[], rows: readonly (readonly CsvValue[])[]): string {
  return [header, ...rows].map((r) => `${r.map(field).join(',')}\r\n`).join('');
}
