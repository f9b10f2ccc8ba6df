import { category as sourceCategory } from '@datakit-examples/system-e';
import { defineTransform } from 'datakit-warehouse';
import { category } from '../category.js';

/**
 * System E category → bronze category.
 *
 * @example
 * ```ts
 * categoryFromSystemE.fn({ category_id: 1, name: ' Tools ', parent_id: null }, ctx).name; // 'Tools'
 * ```
 */
export const categoryFromSystemE = defineTransform(sourceCategory, category, (row) => ({
  id: row.category_id,
  name: row.name.trim(),
  parent_id: row.parent_id,
}));
