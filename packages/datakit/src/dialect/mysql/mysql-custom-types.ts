import type { CustomTypeCode } from '../column-code.js';

/**
 * MySQL types mysql-core reads lossily or has no builder for, declared with `customType` in
 * generated modules: binary, varbinary and blobs as bytes, `bit(n)` as a string of bits, `set`.
 *
 * @example
 * ```ts
 * MYSQL_CUSTOM_TYPES.longblob; // { data: 'Uint8Array' }
 * ```
 * @internal
 */
export const MYSQL_CUSTOM_TYPES: Readonly<Record<string, CustomTypeCode>> = {
  blob: { data: 'Uint8Array' },
  tinyblob: { data: 'Uint8Array' },
  mediumblob: { data: 'Uint8Array' },
  longblob: { data: 'Uint8Array' },
  // Drizzle's own binary/varbinary read strings; these read the bytes.
  binary: {
    data: 'Uint8Array',
    config: '{ length: number }',
    // biome-ignore lint/suspicious/noTemplateCurlyInString: TypeScript source for generated modules
    sql: '`binary(${config?.length ?? 1})`',
  },
  varbinary: {
    data: 'Uint8Array',
    config: '{ length: number }',
    // biome-ignore lint/suspicious/noTemplateCurlyInString: TypeScript source for generated modules
    sql: '`varbinary(${config?.length ?? 1})`',
  },
  bit: {
    data: 'string',
    config: '{ length: number }',
    // biome-ignore lint/suspicious/noTemplateCurlyInString: TypeScript source for generated modules
    sql: '`bit(${config?.length ?? 1})`',
  },
  set: {
    data: 'string',
    config: '{ values: readonly string[] }',
    // biome-ignore lint/suspicious/noTemplateCurlyInString: TypeScript source for generated modules
    sql: "`set(${(config?.values ?? []).map((v) => `'${v.replaceAll(\"'\", \"''\")}'`).join(',')})`",
  },
};
