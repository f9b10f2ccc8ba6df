import { customer as sourceCustomer } from '@datakit-examples/system-a';
import { defineTransform } from 'datakit-warehouse';
import { customer } from '../customer.js';

/**
 * System A customer → bronze customer: names upper-cased, emails lower-cased and checked.
 * A customer without a usable email is rejected (it lands in the rejects table with this reason).
 *
 * @example
 * ```ts
 * customerFromSystemA.fn(row, ctx).email; // 'ada@example.com'
 * ```
 */
export const customerFromSystemA = defineTransform(sourceCustomer, customer, (row) => {
  const email = row.email.trim().toLowerCase();
  if (!/^[^@\s]+@[^@\s]+\.[^@\s]+$/.test(email))
    throw new Error(`email "${row.email}" is not an email address`);
  return {
    id: row.customer_id,
    name: row.full_name.trim().toUpperCase(),
    email,
    phone: row.phone,
    status: row.status,
    source_created_at: row.created_at,
    source_updated_at: row.updated_at,
  };
});
