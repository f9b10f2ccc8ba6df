import { address as sourceAddress } from '@datakit-examples/system-a';
import { defineTransform } from 'datakit-warehouse';
import { address } from '../address.js';

/**
 * System A address → bronze address: country codes upper-cased, blank postal codes to null.
 *
 * @example
 * ```ts
 * addressFromSystemA.fn(row, ctx).country; // 'DE'
 * ```
 */
export const addressFromSystemA = defineTransform(sourceAddress, address, (row) => ({
  id: row.address_id,
  customer_id: row.customer_id,
  kind: row.kind,
  street: row.street,
  city: row.city,
  postal_code: row.postal_code?.trim() || null,
  country: row.country.toUpperCase(),
}));
