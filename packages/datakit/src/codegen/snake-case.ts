import { createHash } from 'node:crypto';

/** PostgreSQL keeps the first 63 bytes of an identifier and silently drops the rest. */
const MAX_IDENTIFIER_BYTES = 63;

/**
 * A SQL name in snake_case: words split at case changes (`OrderLines`, `orderId`, `HTTPServer`),
 * at anything that is not a letter or digit, then lower-cased and joined with `_`. Names longer
 * than PostgreSQL keeps (63 bytes) are cut and end in a short hash, so two long names stay
 * apart. Empty when `name` has no letter or digit.
 *
 * @example
 * ```ts
 * toSnakeCase('OrderLines'); // 'order_lines'
 * toSnakeCase('customerID'); // 'customer_id'
 * toSnakeCase('Unit Price (EUR)'); // 'unit_price_eur'
 * ```
 */
export function toSnakeCase(name: string): string {
  const snake = name
    .replace(/([\p{Ll}\p{N}])(\p{Lu})/gu, '$1 $2')
    .replace(/(\p{Lu})(\p{Lu}\p{Ll})/gu, '$1 $2')
    .split(/[^\p{L}\p{N}]+/u)
    .filter((word) => word !== '')
    .map((word) => word.toLowerCase())
    .join('_');
  return fitIdentifier(snake);
}

/**
 * `name` itself when PostgreSQL keeps it whole, else its first bytes and an 8-character hash.
 *
 * @example
 * ```ts
 * fitIdentifier('a'.repeat(70)); // 'aaaa…a_1b2c3d4e' (63 bytes)
 * ```
 */
export function fitIdentifier(name: string): string {
  if (Buffer.byteLength(name) <= MAX_IDENTIFIER_BYTES) return name;
  const hash = createHash('sha256').update(name).digest('hex').slice(0, 8);
  let head = '';
  for (const ch of name) {
    if (Buffer.byteLength(head + ch) > MAX_IDENTIFIER_BYTES - hash.length - 1) break;
    head += ch;
  }
  return `${head}_${hash}`;
}
