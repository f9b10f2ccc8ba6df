import { readdirSync, readFileSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const SRC = fileURLToPath(new URL('../../src', import.meta.url));

/**
 * What counts as dialect knowledge in code: a dialect or family name as a string, a comparison of
 * a dialect's name or family, and a branch on a Drizzle table or column class of one family.
 */
const PATTERNS: { what: string; pattern: RegExp }[] = [
  { what: 'a dialect name literal', pattern: /(['"`])(?:pglite|postgres|postgresql|mysql|mariadb|pg)\1/ },
  {
    what: 'a comparison of a dialect name or family',
    pattern:
      /\b(?:dialect\.name|family(?:\.name)?)\s*[!=]==|[!=]==\s*(?:\w+\.)*(?:dialect\.name|family(?:\.name)?)\b/,
  },
  { what: "a Drizzle column class of one family ('PgArray')", pattern: /(['"`])(?:Pg|MySql)[A-Z]\w*\1/ },
  {
    what: 'a Drizzle table class check',
    pattern: /\bis\([^)]*,\s*(?:Pg|MySql)\w*\)|\binstanceof\s+(?:Pg|MySql)(?:Table|Column|Dialect)\b/,
  },
  { what: "a family's Drizzle internals", pattern: /\b(?:Pg|MySql)Dialect\b|getTableConfig\b/ },
];

/**
 * Lines outside src/dialect allowed to match, each with why. Keep it short: a new entry means
 * dialect knowledge that did not move behind the interface.
 */
const ALLOWED: { file: string; line: RegExp; why: string }[] = [];

/** The code of a file with comments blanked out (line numbers kept), so JSDoc examples may name dialects. */
function code(text: string): string[] {
  const blanked = text.replace(/\/\*[\s\S]*?\*\//g, (comment) => comment.replace(/[^\n]/g, ' '));
  return blanked.split('\n').map((line) => line.replace(/(^|\s)\/\/.*$/, '$1'));
}

function tsFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return tsFiles(path);
    return entry.name.endsWith('.ts') ? [path] : [];
  });
}

function findings(file: string, text: string): string[] {
  const found: string[] = [];
  code(text).forEach((line, i) => {
    for (const { what, pattern } of PATTERNS) {
      if (!pattern.test(line)) continue;
      if (ALLOWED.some((a) => a.file === file && a.line.test(line))) continue;
      found.push(`${file}:${i + 1}: ${what}: ${line.trim()}`);
    }
  });
  return found;
}

describe('dialect knowledge stays in src/dialect', () => {
  it('finds no dialect names, name or family comparisons, or family classes elsewhere in src/', () => {
    const outside = tsFiles(SRC).filter((path) => !relative(SRC, path).startsWith(`dialect${sep}`));
    expect(outside.length).toBeGreaterThan(100);
    const found = outside.flatMap((path) =>
      findings(relative(SRC, path).split(sep).join('/'), readFileSync(path, 'utf8')),
    );
    expect(found, `Move these behind the Dialect interface (src/dialect):\n${found.join('\n')}`).toEqual([]);
  });

  it('recognizes each kind of dialect branch, and ignores comments and messages', () => {
    const bad = [
      "if (from.dialect.name === 'pglite') return;",
      'const warehouse = adapter.family !== wanted;',
      "const pg = family === 'postgresql';",
      "if (column.columnType === 'PgArray') return element;",
      'if (is(table, MySqlTable)) builder = full;',
      'const dialect = new PgDialect();',
      'const config = getTableConfig(table as PgTable);',
      'const kind = `mysql`;',
    ];
    for (const line of bad) expect(findings('x.ts', line).length, line).toBeGreaterThan(0);
    const fine = [
      "/** parseSqlType('integer', 'postgresql') */",
      "const x = 1; // like 'mysql' does",
      "throw new Error(conn.dialect.name + ' has no COPY');",
      "const url = 'postgres://u@h/db';",
      'if (value instanceof PgDate) return value.pgText;',
      'const plan = { family: conn.dialect.family };',
    ];
    for (const line of fine) expect(findings('x.ts', line), line).toEqual([]);
  });
});
