/**
 * Generated code for one column (see `generateDatakit`): what rendering it needs besides its
 * modifiers.
 *
 * @example
 * ```ts
 * const code: ColumnCode = { builder: "varchar({ length: 255 })", imports: ['varchar'], customTypes: [] };
 * ```
 */
export interface ColumnCode {
  /** The builder chain without modifiers: `varchar({ length: 255 })`, `orderStatusEnum().array()`. */
  builder: string;
  /** Names to import from the family's `drizzle-orm/*-core` module. */
  imports: string[];
  /** Custom types to declare (keys of the family's `customTypes`, or {@link RAW_TYPE}). */
  customTypes: string[];
  /** Set when the type could not be mapped: the generated column passes it through as written. */
  unmapped?: string;
}

/**
 * A column type Drizzle has no builder for, declared once at the top of a generated module with
 * `customType`. Without `config` the name is the SQL type; with it, `sql` is the body of
 * `dataType(config)`. Either way `fromDrizzle` reads the SQL type back unchanged.
 *
 * @example
 * ```ts
 * const money: CustomTypeCode = { data: 'string' };
 * ```
 */
export interface CustomTypeCode {
  /** The TypeScript type of its values. */
  data: string;
  config?: string;
  sql?: string;
}

/**
 * The raw pass-through custom type of generated code (every family): a column of any SQL type
 * Datakit has no kind for, e.g. `rawType({ sql: 'point' })`, whose values travel as the
 * database's text and whose drift compares that spelling.
 *
 * @example
 * ```ts
 * const column: ColumnCode = { builder: `${RAW_TYPE}({ sql: 'point' })`, imports: ['customType'], customTypes: [RAW_TYPE] };
 * ```
 */
export const RAW_TYPE = 'rawType';

/**
 * The declaration of {@link RAW_TYPE}.
 *
 * @example
 * ```ts
 * RAW_TYPE_CODE.sql; // "config?.sql ?? 'text'"
 * ```
 */
export const RAW_TYPE_CODE: CustomTypeCode = {
  data: 'string',
  config: '{ sql: string }',
  sql: "config?.sql ?? 'text'",
};
