import { customer } from '@datakit-examples/bronze';
import { defineSqlTransform, inLayer } from 'datakit-warehouse';

/**
 * Bronze → silver customer, inside the warehouse: the latest version of each customer (by its
 * source update time), checked against silver's contract (every constraint), merged on `id`.
 *
 * @example
 * ```ts
 * const result = await silverCustomer.run(conn); // each layer's tables in the schema named after it
 * ```
 */
export const silverCustomer = defineSqlTransform(inLayer(customer, 'silver'), {
  name: 'silver.customer',
  from: inLayer(customer, 'bronze'),
  dedupe: { key: [customer.id], latest: customer.source_updated_at },
  select: {
    id: customer.id,
    name: customer.name,
    email: customer.email,
    phone: customer.phone,
    status: customer.status,
    source_created_at: customer.source_created_at,
    source_updated_at: customer.source_updated_at,
  },
  constrain: true,
  disposition: 'merge',
});
