/**
 * Splits a script into its statements at top-level semicolons, so each can be sent alone (PGlite
 * and prepared statements take one statement at a time). Quotes, dollar-quoted bodies and
 * comments are skipped over, so a function body's semicolons stay inside it.
 *
 * @example
 * ```ts
 * splitSqlStatements('create table a (x int); create function f() returns int as $$ select 1; $$ language sql;');
 * // ['create table a (x int)', 'create function f() returns int as $$ select 1; $$ language sql']
 * ```
 * @internal
 */
export function splitSqlStatements(script: string): string[] {
  const statements: string[] = [];
  let start = 0;
  let i = 0;
  const push = (end: number) => {
    const text = script.slice(start, end).trim();
    if (text.length > 0) statements.push(text);
  };
  while (i < script.length) {
    const c = script[i];
    const rest = script.slice(i);
    if (c === "'" || c === '"') {
      i = script.indexOf(c, i + 1);
      while (i !== -1 && script[i + 1] === c) i = script.indexOf(c, i + 2);
      if (i === -1) break;
      i++;
    } else if (rest.startsWith('--')) {
      const end = script.indexOf('\n', i);
      i = end === -1 ? script.length : end + 1;
    } else if (rest.startsWith('/*')) {
      const end = script.indexOf('*/', i + 2);
      i = end === -1 ? script.length : end + 2;
    } else if (c === '$' && /^\$[A-Za-z_]*\$/.test(rest)) {
      const tag = (rest.match(/^\$[A-Za-z_]*\$/) as RegExpMatchArray)[0];
      const end = script.indexOf(tag, i + tag.length);
      i = end === -1 ? script.length : end + tag.length;
    } else if (c === ';') {
      push(i);
      start = ++i;
    } else {
      i++;
    }
  }
  push(script.length);
  return statements;
}
