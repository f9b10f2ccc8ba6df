import type { FamilyCodegen } from '../dialect/family-codegen.js';
import { commentText, isIdentifier, lineCommentName, propertyAccess, tsString } from '../format/ts-names.js';
import type { ColumnSchema, ForeignKeySchema, KeyConstraint, TableSchema } from '../schema/table-schema.js';
import { type ColumnKey, columnKeys, withColumnName } from './column-keys.js';
import { renderDefault } from './render-default.js';

/**
 * A warning of code generation, printed by the CLI on stderr.
 *
 * @example
 * ```ts
 * for (const w of warnings) console.error(`warning: ${w.message}`);
 * ```
 */
export interface CodegenWarning {
  table: string;
  column?: string;
  /** The database's spelling of an unmapped type. */
  rawType?: string;
  message: string;
}

/** @internal What rendering a table needs from the module around it. */
export interface TableRenderContext {
  codegen: FamilyCodegen;
  bigint: 'bigint' | 'number';
  /** `pgTable`, `mysqlTable` or `<schemaVar>.table`. */
  tableFunction: string;
  variable: string;
  enumVariable(enumName: string): string | undefined;
  /** The variable of another generated table, or undefined when it is not in the module. */
  tableVariable(ref: ForeignKeySchema['references']): string | undefined;
  /** The column keys of another generated table (see {@link columnKeys}). */
  tableColumnKeys(ref: ForeignKeySchema['references']): ReadonlyMap<string, ColumnKey> | undefined;
  use(module: 'drizzle-orm' | 'core', name: string): void;
  declareCustomType(name: string): void;
  warn(warning: CodegenWarning): void;
}

/** @internal `export const <variable> = pgTable('<name>', { ...columns }, (t) => [...constraints]);` */
export function renderTable(table: TableSchema, context: TableRenderContext): string {
  const pk = table.primaryKey;
  const inlinePk =
    pk && pk.columns.length === 1 && isDefaultPkName(table, pk, context.codegen) ? pk.columns[0] : undefined;
  const inlineUniques = new Map<string, KeyConstraint>();
  for (const unique of table.uniques) {
    const [only] = unique.columns;
    if (unique.columns.length === 1 && only !== undefined && !inlineUniques.has(only))
      inlineUniques.set(only, unique);
  }
  const keys = columnKeys(table.columns.map((c) => c.name));
  const lines: string[] = [];
  for (const column of table.columns) {
    lines.push(
      ...renderColumn(table, column, keys.get(column.name) as ColumnKey, context, {
        primaryKey: inlinePk === column.name,
        unique: inlineUniques.get(column.name),
      }),
    );
  }
  const extras = renderExtras(table, keys, context, inlinePk !== undefined, new Set(inlineUniques.values()));
  // A foreign key to another table makes the two initializers refer to each other; an explicit
  // return type on the callback stops TypeScript from inferring through that cycle (TS7022).
  const crossReference = table.foreignKeys.some(
    (fk) => !isSelfReference(table, fk) && context.tableVariable(fk.references),
  );
  const configType = context.codegen.extraConfigType;
  if (crossReference) context.use('core', `type ${configType}`);
  const callback = crossReference ? `(t): ${configType}[] =>` : '(t) =>';
  const doc = table.comment ? `/** ${commentText(table.comment)} */\n` : '';
  const head = `${doc}export const ${context.variable} = ${context.tableFunction}(`;
  const columns = `{\n${lines.map((l) => `  ${l}`).join('\n')}\n}`;
  if (extras.length === 0) return `${head}${tsString(table.name)}, ${columns});`;
  const indent = (text: string) =>
    text
      .split('\n')
      .map((l) => `  ${l}`)
      .join('\n');
  const oneLine = `  ${callback} [${extras.join(', ')}],`;
  const flat = oneLine.length <= 110 && extras.every((e) => !e.includes('\n') && !e.startsWith('//'));
  const list = flat
    ? oneLine
    : `  ${callback} [\n${extras.map((e) => `${e}${e.startsWith('//') ? '' : ','}`.replace(/^/gm, '    ')).join('\n')}\n  ],`;
  return `${head}\n  ${tsString(table.name)},\n${indent(columns)},\n${list}\n);`;
}

function renderColumn(
  table: TableSchema,
  column: ColumnSchema,
  key: ColumnKey,
  context: TableRenderContext,
  inline: { primaryKey: boolean; unique: KeyConstraint | undefined },
): string[] {
  const code = context.codegen.columnBuilder(column.type, {
    enumVariable: context.enumVariable,
    bigint: context.bigint,
  });
  for (const name of code.imports) context.use('core', name);
  for (const name of code.customTypes) context.declareCustomType(name);
  let chain = key.explicitName ? withColumnName(code.builder, tsString(column.name)) : code.builder;
  // A PostgreSQL identity is NOT NULL by definition, as is a primary key column.
  const generation = column.generated ? context.codegen.generated(column) : undefined;
  if (!column.nullable && !inline.primaryKey && !generation?.impliesNotNull) chain += '.notNull()';
  if (column.generated) {
    if (generation) chain += generation.chain;
    else {
      context.warn({
        table: table.name,
        column: column.name,
        message: `generated column "${column.name}" is not an integer identity; written without generation`,
      });
    }
  }
  const fallback = renderDefault(column);
  if (fallback.usesSql) context.use('drizzle-orm', 'sql');
  chain += fallback.code;
  if (inline.primaryKey) chain += '.primaryKey()';
  if (inline.unique) chain += `.unique(${inline.unique.name ? tsString(inline.unique.name) : ''})`;
  const lines: string[] = [];
  if (column.comment) lines.push(`/** ${commentText(column.comment)} */`);
  let line = `${key.literal}: ${chain},`;
  if (code.unmapped !== undefined) {
    line += ` // datakit: unmapped type ${lineCommentName(code.unmapped)}`;
    context.warn({
      table: table.name,
      column: column.name,
      rawType: code.unmapped,
      message: `column "${table.name}"."${column.name}" has type "${code.unmapped}", which Datakit cannot map; written as ${code.builder}`,
    });
  }
  lines.push(line);
  return lines;
}

function renderExtras(
  table: TableSchema,
  keys: ReadonlyMap<string, ColumnKey>,
  context: TableRenderContext,
  pkInline: boolean,
  inlineUniques: ReadonlySet<KeyConstraint>,
): string[] {
  const cols = (names: readonly string[]) => names.map((n) => propertyAccess('t', keyOf(keys, n))).join(', ');
  const extras: string[] = [];
  const pk = table.primaryKey;
  if (pk && !pkInline) {
    context.use('core', 'primaryKey');
    // MySQL names every primary key PRIMARY and ignores a given name; PostgreSQL keeps it.
    const named =
      pk.name !== undefined &&
      !(context.codegen.fixedPrimaryKeyName && pk.name === context.codegen.defaultPrimaryKeyName(table.name));
    extras.push(
      `primaryKey({ ${named ? `name: ${tsString(pk.name as string)}, ` : ''}columns: [${cols(pk.columns)}] })`,
    );
  }
  for (const unique of sortByName(table.uniques.filter((u) => !inlineUniques.has(u)))) {
    context.use('core', 'unique');
    extras.push(`unique(${unique.name ? tsString(unique.name) : ''}).on(${cols(unique.columns)})`);
  }
  for (const index of sortByName(table.indexes)) {
    const fn = index.unique ? 'uniqueIndex' : 'index';
    context.use('core', fn);
    extras.push(`${fn}(${tsString(index.name)}).on(${cols(index.columns)})`);
  }
  for (const fk of sortByName(table.foreignKeys))
    extras.push(renderForeignKey(table, fk, keys, context, cols));
  for (const check of sortByName(table.checks)) {
    context.use('core', 'check');
    context.use('drizzle-orm', 'sql');
    extras.push(`check(${tsString(check.name)}, sql\`${checkBody(check.expression)}\`)`);
  }
  return extras;
}

function renderForeignKey(
  table: TableSchema,
  fk: ForeignKeySchema,
  keys: ReadonlyMap<string, ColumnKey>,
  context: TableRenderContext,
  cols: (names: readonly string[]) => string,
): string {
  const self = isSelfReference(table, fk);
  const target = self ? 't' : context.tableVariable(fk.references);
  const targetKeys = self ? keys : context.tableColumnKeys(fk.references);
  const label = `${fk.references.schema ? `"${fk.references.schema}".` : ''}"${fk.references.table}"`;
  if (!target || !targetKeys) {
    context.warn({
      table: table.name,
      message: `foreign key ${fk.name ? `"${fk.name}" ` : ''}of "${table.name}" references ${label}, which is not in this datakit; left out`,
    });
    // Every name is quoted and escaped: a line break in one must not end the comment.
    const ref = [fk.references.schema, fk.references.table]
      .filter((n) => n !== undefined)
      .map(lineCommentName);
    return `// datakit: foreign key ${fk.name ? `${lineCommentName(fk.name)} ` : ''}(${fk.columns.map((c) => (isIdentifier(c) ? c : lineCommentName(c))).join(', ')}) references ${ref.join('.')}, which is not in this datakit`;
  }
  context.use('core', 'foreignKey');
  const foreign = fk.references.columns.map((c) => propertyAccess(target, keyOf(targetKeys, c))).join(', ');
  const fields = [
    ...(fk.name ? [`name: ${tsString(fk.name)}`] : []),
    `columns: [${cols(fk.columns)}]`,
    `foreignColumns: [${foreign}]`,
  ];
  let actions = '';
  if (fk.onDelete && fk.onDelete !== 'no action') actions += `.onDelete(${tsString(fk.onDelete)})`;
  if (fk.onUpdate && fk.onUpdate !== 'no action') actions += `.onUpdate(${tsString(fk.onUpdate)})`;
  const line = `foreignKey({ ${fields.join(', ')} })${actions}`;
  // Wrapped past the line width the way Biome formats it (the entry sits 4 spaces deep, then a comma).
  if (line.length + 5 <= 110) return line;
  return ['foreignKey({', ...fields.map((f) => `  ${f},`), `})${actions}`].join('\n');
}

function keyOf(keys: ReadonlyMap<string, ColumnKey>, name: string): string {
  return keys.get(name)?.key ?? name;
}

function isSelfReference(table: TableSchema, fk: ForeignKeySchema): boolean {
  return fk.references.table === table.name && (fk.references.schema ?? table.schema) === table.schema;
}

function isDefaultPkName(table: TableSchema, pk: KeyConstraint, codegen: FamilyCodegen): boolean {
  return pk.name === undefined || pk.name === codegen.defaultPrimaryKeyName(table.name);
}

/** A `CHECK (...)` clause as some catalogs return it, reduced to its expression. */
function checkBody(expression: string): string {
  const inner = /^\s*check\s*\((.*)\)\s*$/is.exec(expression)?.[1] ?? expression;
  return inner.trim().replaceAll('\\', '\\\\').replaceAll('`', '\\`').replaceAll('${', '\\${');
}

function sortByName<T extends { name?: string; columns?: readonly string[] }>(items: readonly T[]): T[] {
  const key = (item: T) => item.name ?? (item.columns ?? []).join(',');
  return [...items].sort((a, b) => (key(a) < key(b) ? -1 : key(a) > key(b) ? 1 : 0));
}
