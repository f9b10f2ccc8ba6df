// Kept apart from bronze-names (which imports drizzle through the lineage columns), so that
// `datakit init --help` and `generate --help` can list the mixins without loading drizzle.
/**
 * The audit mixins a generated bronze table can spread, and the columns each adds.
 *
 * @example
 * ```ts
 * MIXIN_COLUMNS.transactional; // ['created_at', 'updated_at', 'systime']
 * ```
 */
export const MIXIN_COLUMNS = {
  transactional: ['created_at', 'updated_at', 'systime'],
  reference: ['inactivated_date', 'systime'],
  temporal: ['effective_time', 'systime'],
  none: [],
} as const satisfies Record<string, readonly string[]>;

/**
 * Which audit mixin generated bronze tables spread.
 *
 * @example
 * ```ts
 * const mixin: BronzeMixin = 'reference';
 * ```
 */
export type BronzeMixin = keyof typeof MIXIN_COLUMNS;
