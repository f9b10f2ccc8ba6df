import { category } from '@datakit-examples/bronze';
import { defineSqlTransform, inLayer, trim } from 'datakit-warehouse';

/**
 * Bronze → silver category: the latest load of each category, names trimmed; a parent that is not
 * in silver (nor among the same run's rows) is rejected.
 *
 * @example
 * ```ts
 * const result = await silverCategory.run(conn); // each layer's tables in the schema named after it
 * ```
 */
export const silverCategory = defineSqlTransform(inLayer(category, 'silver'), {
  name: 'silver.category',
  from: inLayer(category, 'bronze'),
  dedupe: { key: [category.id], latest: category._loaded_at },
  select: {
    id: category.id,
    name: trim(category.name),
    parent_id: category.parent_id,
    inactivated_date: category.inactivated_date,
  },
  constrain: true,
  disposition: 'merge',
});
