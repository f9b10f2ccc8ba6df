import { templateBody, tsString } from '../format/ts-names.js';
import type { ColumnKind, ColumnSchema } from '../schema/table-schema.js';

const STRING_KINDS = new Set<ColumnKind>(['text', 'varchar', 'char', 'uuid', 'enum']);
const NUMBER_KINDS = new Set<ColumnKind>(['smallint', 'integer', 'real', 'double']);
const CAST = /::[a-z_][\w ."]*(?:\([\d, ]*\))?(?:\[\])*$/i;

/**
 * @internal The `.default(...)` call for a column's SQL default: a plain TypeScript value where
 * the literal is unambiguous for the column's type, `sql\`...\`` otherwise. `usesSql` tells the
 * caller to import `sql`.
 */
export function renderDefault(column: ColumnSchema): { code: string; usesSql: boolean } {
  if (column.default === undefined || column.generated) return { code: '', usesSql: false };
  const expression = column.default.trim();
  if (/^null$/i.test(expression)) return { code: '', usesSql: false };
  const value = (column.type.dimensions ?? 0) > 0 ? undefined : literalValue(expression, column.type.kind);
  if (value !== undefined) return { code: `.default(${value})`, usesSql: false };
  return { code: `.default(sql\`${templateBody(expression)}\`)`, usesSql: true };
}

function literalValue(expression: string, kind: ColumnKind): string | undefined {
  const bare = stripParens(expression.replace(CAST, '').trim());
  const quoted = /^'((?:[^'\\]|'')*)'$/s.exec(bare)?.[1]?.replaceAll("''", "'");
  if (STRING_KINDS.has(kind)) return quoted === undefined ? undefined : tsString(quoted);
  const numeric = quoted ?? bare;
  if (NUMBER_KINDS.has(kind) && /^-?\d+(?:\.\d+)?(?:e[+-]?\d+)?$/i.test(numeric)) {
    const n = Number(numeric);
    return Number.isFinite(n) && String(n) !== 'NaN' && Math.abs(n) <= Number.MAX_SAFE_INTEGER
      ? numeric.replace(/^\+/, '')
      : undefined;
  }
  if (kind === 'numeric' && /^-?\d+(?:\.\d+)?$/.test(numeric)) return tsString(numeric);
  if (kind === 'boolean') {
    const text = numeric.toLowerCase();
    if (text === 'true' || text === '1' || text === 't') return 'true';
    if (text === 'false' || text === '0' || text === 'f') return 'false';
  }
  return undefined;
}

function stripParens(text: string): string {
  let result = text;
  while (/^\((.*)\)$/s.test(result)) {
    const inner = result.slice(1, -1);
    let depth = 0;
    let balanced = true;
    for (const ch of inner) {
      if (ch === '(') depth++;
      else if (ch === ')' && --depth < 0) {
        balanced = false;
        break;
      }
    }
    if (!balanced || depth !== 0) break;
    result = inner.trim();
  }
  return result;
}
