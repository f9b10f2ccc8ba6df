import type { CustomTypeCode } from '../column-code.js';

/**
 * PostgreSQL types pg-core has no builder for, declared with `customType` in generated modules.
 *
 * @example
 * ```ts
 * POSTGRES_CUSTOM_TYPES.money; // { data: 'string' }
 * ```
 * @internal
 */
export const POSTGRES_CUSTOM_TYPES: Readonly<Record<string, CustomTypeCode>> = {
  bytea: { data: 'Uint8Array' },
  tstzrange: { data: 'string' },
  int4range: { data: 'string' },
  int8range: { data: 'string' },
  numrange: { data: 'string' },
  tsrange: { data: 'string' },
  daterange: { data: 'string' },
  money: { data: 'string' },
  xml: { data: 'string' },
  tsvector: { data: 'string' },
  tsquery: { data: 'string' },
  varbit: {
    data: 'string',
    config: '{ length?: number }',
    // biome-ignore lint/suspicious/noTemplateCurlyInString: TypeScript source for generated modules
    sql: "config?.length === undefined ? 'bit varying' : `bit varying(${config.length})`",
  },
};
