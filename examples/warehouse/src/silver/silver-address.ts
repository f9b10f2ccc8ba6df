import { address } from '@datakit-examples/bronze';
import { defineSqlTransform, inLayer, nullIfBlank, trim } from 'datakit-warehouse';

/**
 * Bronze → silver address: the latest load of each address, streets and cities trimmed, blank
 * postal codes to null; an address whose customer is not in silver is rejected (foreign key).
 *
 * @example
 * ```ts
 * const result = await silverAddress.run(conn); // each layer's tables in the schema named after it
 * ```
 */
export const silverAddress = defineSqlTransform(inLayer(address, 'silver'), {
  name: 'silver.address',
  from: inLayer(address, 'bronze'),
  dedupe: { key: [address.id], latest: address._loaded_at },
  select: {
    id: address.id,
    customer_id: address.customer_id,
    kind: address.kind,
    street: trim(address.street),
    city: trim(address.city),
    postal_code: nullIfBlank(address.postal_code),
    country: address.country,
  },
  constrain: true,
  disposition: 'merge',
});
