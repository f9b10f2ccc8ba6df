import { isIdentifier, tsString } from '../format/ts-names.js';

/**
 * Names a Drizzle table object already has (its prototype chain up to `Object.prototype`, the
 * members Drizzle adds, the type-level `_` and `$infer*`): Drizzle copies columns onto the table
 * with `Object.assign`, so a column keyed `__proto__` would replace the table's prototype and one
 * keyed `getSQL` its method. Such columns get another key and their SQL name explicitly.
 */
const TABLE_MEMBERS = new Set([
  ...Object.getOwnPropertyNames(Object.prototype),
  'getSQL',
  'enableRLS',
  '_',
  '$inferSelect',
  '$inferInsert',
  '$columns',
]);

/**
 * @internal How a column is written in a generated table: its object key, and whether the SQL name
 * must be passed to the builder because the key differs from it.
 *
 * @example
 * ```ts
 * const key: ColumnKey = { key: 'constructor_', literal: 'constructor_', explicitName: true };
 * ```
 */
export interface ColumnKey {
  key: string;
  /** The key as written in an object literal: bare, or quoted. */
  literal: string;
  explicitName: boolean;
}

/**
 * @internal The object key of every column of a table, by SQL name: the name itself when it is
 * safe as a key of a Drizzle table (quoted when it is not an identifier), otherwise the name
 * with `_` appended (then a number) and the SQL name given to the builder. Deterministic in
 * column order, so every table that refers to these columns computes the same keys.
 *
 * @example
 * ```ts
 * columnKeys(['id', '__proto__', 'order date']).get('__proto__'); // { key: '__proto___', literal: '__proto___', explicitName: true }
 * ```
 */
export function columnKeys(names: readonly string[]): Map<string, ColumnKey> {
  const taken = new Set(names.filter((n) => !TABLE_MEMBERS.has(n)));
  const keys = new Map<string, ColumnKey>();
  for (const name of names) {
    if (!TABLE_MEMBERS.has(name)) {
      keys.set(name, { key: name, literal: literalKey(name), explicitName: false });
      continue;
    }
    let key = `${name}_`;
    for (let i = 2; taken.has(key) || TABLE_MEMBERS.has(key); i++) key = `${name}_${i}`;
    taken.add(key);
    keys.set(name, { key, literal: literalKey(key), explicitName: true });
  }
  return keys;
}

function literalKey(key: string): string {
  return isIdentifier(key) ? key : tsString(key);
}

/**
 * @internal `builder` with the SQL column name as its first argument:
 * `varchar({ length: 20 })` → `varchar('__proto__', { length: 20 })`, `statusEnum()` → `statusEnum('x')`.
 *
 * @example
 * ```ts
 * withColumnName("integer()", "'constructor'"); // "integer('constructor')"
 * ```
 */
export function withColumnName(builder: string, quotedName: string): string {
  const open = builder.indexOf('(');
  if (open < 0) return builder;
  const rest = builder.slice(open + 1);
  return `${builder.slice(0, open + 1)}${quotedName}${rest.startsWith(')') ? '' : ', '}${rest}`;
}
