import { RAW_TYPE, RAW_TYPE_CODE } from '../dialect/column-code.js';
import { FAMILIES } from '../dialect/families.js';
import type { FamilyCodegen } from '../dialect/family-codegen.js';

/**
 * @internal The declaration of one custom type of a family's generated module, e.g.
 * `const bytea = customType<...>(...)`.
 *
 * @example
 * ```ts
 * customTypeDeclaration('money', postgresCodegen); // "const money = customType<{ data: string }>({ dataType: () => 'money' });"
 * ```
 */
export function customTypeDeclaration(name: string, codegen: FamilyCodegen): string {
  const type = name === RAW_TYPE ? RAW_TYPE_CODE : codegen.customTypes[name];
  const data = type?.data ?? 'string';
  if (type?.config !== undefined) {
    return `const ${name} = customType<{ data: ${data}; config: ${type.config} }>({\n  dataType: (config) => ${type.sql},\n});`;
  }
  return `const ${name} = customType<{ data: ${data} }>({ dataType: () => '${name}' });`;
}

/**
 * @internal Every builder name a generated module may import (of any family), reserved so table
 * names never shadow one.
 *
 * @example
 * ```ts
 * new NameScope(BUILDER_NAMES).take('pgTable', 'Table'); // 'pgTableTable'
 * ```
 */
export const BUILDER_NAMES: readonly string[] = [
  ...new Set([
    ...FAMILIES.flatMap((f) => f.codegen.builderNames),
    'customType',
    'primaryKey',
    'unique',
    'index',
    'uniqueIndex',
    'foreignKey',
    'check',
    'sql',
    'defineDatakit',
    RAW_TYPE,
    ...FAMILIES.flatMap((f) => Object.keys(f.codegen.customTypes)),
  ]),
];
