import { DatakitError } from '../errors/datakit-error.js';

/**
 * Why a source value could not be read: the rule, a message naming the value, and the fix. The
 * reader turns it into a reject of that row. @internal
 *
 * @example
 * ```ts
 * throw valueRejected('zero-date', `holds the zero date '0000-00-00'`, 'Map zero dates to NULL.', '0000-00-00');
 * ```
 */
export function valueRejected(rule: string, message: string, hint: string, value: unknown): DatakitError {
  return new DatakitError('VALIDATION', message, { hint, context: { rule, value } });
}

/**
 * A value for a message: quoted text (bytes as hex), shortened to 60 characters. @internal
 *
 * @example
 * ```ts
 * shortValue(Buffer.from([1, 255])); // "'0x01ff'"
 * ```
 */
export function shortValue(value: unknown): string {
  const text = Buffer.isBuffer(value) ? `0x${value.toString('hex')}` : String(value);
  return text.length > 60 ? `'${text.slice(0, 57)}...'` : `'${text}'`;
}
