import type { SqlFamily } from '../dialect/dialect-adapter.js';
import { familyNamed } from '../dialect/families.js';
import { NameScope, toCamelCase, tsString } from '../format/ts-names.js';
import { packageInfo } from '../package-info.js';
import type { ForeignKeySchema, TableSchema } from '../schema/table-schema.js';
import { columnKeys } from './column-keys.js';
import { BUILDER_NAMES, customTypeDeclaration } from './custom-types.js';
import { type CodegenWarning, renderTable } from './render-table.js';

/**
 * Options of {@link generateDatakit}.
 *
 * @example
 * ```ts
 * const options: GenerateDatakitOptions = { name: 'system-d', version: '1.0.0', dialect: 'mysql', bigint: 'number' };
 * ```
 */
export interface GenerateDatakitOptions {
  /** The datakit's package-style name, e.g. `system-d`; its camelCase is the export's name. */
  name: string;
  /** Semver of the contract. */
  version: string;
  dialect: SqlFamily;
  /**
   * The schema to write the tables into: a name (`pgSchema`/`mysqlSchema`), `null` for none, or
   * undefined to keep each table's own schema (PostgreSQL, except `public`; MySQL writes none,
   * since the database name differs per environment).
   */
  schema?: string | null;
  /** How bigint columns read: `bigint` (default, lossless) or `number` (beyond 2^53 loses digits). */
  bigint?: 'bigint' | 'number';
}

/**
 * The generated module and what it could not express.
 *
 * @example
 * ```ts
 * const { code, warnings, exportName } = generateDatakit(tables, options);
 * ```
 */
export interface GeneratedDatakit {
  /** The TypeScript source. The same tables always give the same bytes. */
  code: string;
  warnings: CodegenWarning[];
  /** The name of the datakit's export, e.g. `systemD`. */
  exportName: string;
}

/**
 * Writes a TypeScript module of Drizzle tables (`pgTable`/`pgSchema`/`pgEnum` or `mysqlTable`) for
 * the given tables: types with length, precision and scale, nullability, defaults, primary keys,
 * uniques, foreign keys, indexes, checks and enums, a row type per table, and the datakit:
 * `export const <camelName> = defineDatakit({ name, version, tables })`. Tables are sorted by
 * name and columns kept in ordinal order, so the output is byte-stable. A type Datakit cannot map
 * becomes `text()` with a `// datakit: unmapped type "<raw>"` comment and a warning.
 *
 * @example
 * ```ts
 * const tables = await conn.dialect.createIntrospector(conn).introspect({ schema: 'shop' });
 * const { code, warnings } = generateDatakit(tables, { name: 'system-d', version: '1.0.0', dialect: 'postgresql' });
 * await writeFile('datakits/system-d/index.ts', code);
 * for (const w of warnings) console.error(`warning: ${w.message}`);
 * ```
 */
export function generateDatakit(
  tables: readonly TableSchema[],
  options: GenerateDatakitOptions,
): GeneratedDatakit {
  const family = options.dialect;
  const codegen = familyNamed(family).codegen;
  const sorted = [...tables].sort((a, b) =>
    compare(`${a.schema ?? ''}\u0000${a.name}`, `${b.schema ?? ''}\u0000${b.name}`),
  );
  const schemaOf = (table: { schema?: string }): string | undefined => {
    if (options.schema !== undefined) return options.schema ?? undefined;
    return codegen.tableSchema(table.schema);
  };
  const scope = new NameScope(BUILDER_NAMES);
  const warnings: CodegenWarning[] = [];
  const imports = { 'drizzle-orm': new Set<string>(), core: new Set<string>() };
  const customTypes = new Set<string>();

  const schemaVars = new Map<string, string>();
  for (const table of sorted) {
    const schema = schemaOf(table);
    if (schema !== undefined && !schemaVars.has(schema))
      schemaVars.set(schema, scope.take(`${toCamelCase(schema)}Schema`, ''));
  }
  const enumVars = new Map<
    string,
    { variable: string; schema: string | undefined; values: readonly string[] }
  >();
  if (codegen.enumFunction) {
    const enums = sorted
      .flatMap((t) =>
        t.columns.map((c) => ({ type: c.type, schema: schemaOf(t), table: t.name, column: c.name })),
      )
      .filter((c) => c.type.kind === 'enum' && c.type.enumName !== undefined)
      .sort((a, b) => compare(a.type.enumName ?? '', b.type.enumName ?? ''));
    for (const { type, schema, table, column } of enums) {
      const name = type.enumName as string;
      const known = enumVars.get(name);
      if (!known) {
        enumVars.set(name, {
          variable: scope.take(`${toCamelCase(name)}Enum`, ''),
          schema,
          values: type.enumValues ?? [],
        });
      } else if (known.values.join('\u0000') !== (type.enumValues ?? []).join('\u0000')) {
        warnings.push({
          table,
          column,
          message: `enum "${name}" has different values in different tables; the first is used`,
        });
      }
    }
  }
  const tableVars = new Map<TableSchema, string>();
  for (const table of sorted) tableVars.set(table, scope.take(toCamelCase(table.name), 'Table'));
  const exportName = scope.take(toCamelCase(options.name), 'Datakit');
  const typeScope = new NameScope();

  const findTable = (ref: ForeignKeySchema['references'], from: TableSchema) =>
    sorted.find(
      (t) => t.name === ref.table && (ref.schema === undefined || (t.schema ?? from.schema) === ref.schema),
    );
  const blocks: string[] = [];
  for (const table of sorted) {
    const schema = schemaOf(table);
    const schemaVar = schema === undefined ? undefined : schemaVars.get(schema);
    const variable = tableVars.get(table) as string;
    const tableFunction = schemaVar ? `${schemaVar}.table` : codegen.tableFunction;
    if (!schemaVar) imports.core.add(tableFunction);
    const code = renderTable(table, {
      codegen,
      bigint: options.bigint ?? 'bigint',
      tableFunction,
      variable,
      enumVariable: (name) => enumVars.get(name)?.variable,
      tableVariable: (ref) => {
        const target = findTable(ref, table);
        return target ? tableVars.get(target) : undefined;
      },
      tableColumnKeys: (ref) => {
        const target = findTable(ref, table);
        return target ? columnKeys(target.columns.map((c) => c.name)) : undefined;
      },
      use: (module, name) => imports[module].add(name),
      declareCustomType: (name) => customTypes.add(name),
      warn: (warning) => warnings.push(warning),
    });
    const typeName = typeScope.take(toCamelCase(table.name, true), 'Row');
    blocks.push(`${code}\nexport type ${typeName} = typeof ${variable}.$inferSelect;`);
  }

  const head: string[] = [];
  for (const [schema, variable] of schemaVars) {
    const fn = codegen.schemaFunction;
    imports.core.add(fn);
    head.push(`export const ${variable} = ${fn}(${tsString(schema)});`);
  }
  const enumFunction = codegen.enumFunction;
  if (enumFunction)
    for (const [name, { variable, schema, values }] of enumVars) {
      const schemaVar = schema === undefined ? undefined : schemaVars.get(schema);
      if (!schemaVar) imports.core.add(enumFunction);
      const fn = schemaVar ? `${schemaVar}.enum` : enumFunction;
      const line = `export const ${variable} = ${fn}(${tsString(name)}, [${values.map(tsString).join(', ')}]);`;
      head.push(
        line.length <= 110
          ? line
          : `export const ${variable} = ${fn}(${tsString(name)}, [\n${values.map((v) => `  ${tsString(v)},`).join('\n')}\n]);`,
      );
    }
  const datakit =
    `export const ${exportName} = defineDatakit({\n  name: ${tsString(options.name)},\n  version: ${tsString(options.version)},\n` +
    `  tables: { ${[...tableVars.values()].join(', ')} },\n});`;
  const module = codegen.coreModule;
  const importLines = [
    importLine(['defineDatakit'], packageInfo().name),
    ...(imports['drizzle-orm'].size > 0 ? [importLine([...imports['drizzle-orm']], 'drizzle-orm')] : []),
    ...(imports.core.size > 0 ? [importLine([...imports.core], module)] : []),
  ];
  const sections = [
    `// Generated by \`datakit introspect\` (${family}). Re-run it to refresh, and review the diff before committing.`,
    importLines.join('\n'),
    ...(customTypes.size > 0
      ? [
          [...customTypes]
            .sort()
            .map((name) => customTypeDeclaration(name, codegen))
            .join('\n'),
        ]
      : []),
    ...(head.length > 0 ? [head.join('\n')] : []),
    ...blocks,
    datakit,
  ];
  return { code: `${sections.join('\n\n')}\n`, warnings, exportName };
}

/**
 * @internal One import statement, names sorted, wrapped one per line past 110 characters as Biome does.
 *
 * @example
 * ```ts
 * importLine(['pgTable', 'integer'], 'drizzle-orm/pg-core'); // "import { integer, pgTable } from 'drizzle-orm/pg-core';"
 * ```
 */
export function importLine(names: string[], module: string): string {
  const sorted = names.sort((a, b) => biomeOrder(a.replace(/^type /, ''), b.replace(/^type /, '')));
  const line = `import { ${sorted.join(', ')} } from '${module}';`;
  return line.length <= 110
    ? line
    : `import {\n${sorted.map((n) => `  ${n},`).join('\n')}\n} from '${module}';`;
}

/** Biome's order of imported names: letter by letter ignoring case, an upper-case letter before its lower case. */
function biomeOrder(a: string, b: string): number {
  for (let i = 0; i < Math.min(a.length, b.length); i++) {
    const x = a[i] as string;
    const y = b[i] as string;
    if (x === y) continue;
    const byLetter = compare(x.toLowerCase(), y.toLowerCase());
    if (byLetter !== 0) return byLetter;
    return x === x.toUpperCase() ? -1 : 1;
  }
  return a.length - b.length;
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
