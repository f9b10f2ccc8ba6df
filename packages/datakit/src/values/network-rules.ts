import { isIP } from 'node:net';
import { previewValue } from './rule-helpers.js';
import { stringType } from './text-rules.js';
import { rule, type ValueRule } from './value-rule.js';

const MAC6 =
  /^(?:[0-9a-f]{2}([:-])[0-9a-f]{2}(?:\1[0-9a-f]{2}){4}|[0-9a-f]{6}[:-]?[0-9a-f]{6}|[0-9a-f]{4}\.[0-9a-f]{4}\.[0-9a-f]{4}|[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4})$/i;
const MAC8 =
  /^(?:[0-9a-f]{2}([:-]?)[0-9a-f]{2}(?:\1[0-9a-f]{2}){6}|[0-9a-f]{4}\.[0-9a-f]{4}\.[0-9a-f]{4}\.[0-9a-f]{4})$/i;

/** An IPv4 or IPv6 address with an optional `/prefix` that fits it, as inet and cidr take them. */
function isNetwork(text: string): boolean {
  const slash = text.indexOf('/');
  const address = slash === -1 ? text : text.slice(0, slash);
  const version = isIP(address);
  if (version === 0) return false;
  if (slash === -1) return true;
  const prefix = text.slice(slash + 1);
  return /^\d{1,3}$/.test(prefix) && Number(prefix) <= (version === 4 ? 32 : 128);
}

function isMac(text: string, bytes: 6 | 8): boolean {
  return MAC6.test(text) || (bytes === 8 && MAC8.test(text));
}

/**
 * Rules of inet, cidr, macaddr and macaddr8 columns (Drizzle's `inet()`, `cidr()`, `macaddr()`,
 * `macaddr8()`): a string in a form PostgreSQL reads, so a bad value is a reject of its row, not
 * an error that ends the load. (cidr also refuses bits set right of the mask; PostgreSQL checks that.)
 * @internal
 *
 * @example
 * ```ts
 * networkRules('inet', 'inet').map((r) => r.rule); // ['type:string', 'format:inet']
 * ```
 */
export function networkRules(kind: 'inet' | 'cidr' | 'macaddr' | 'macaddr8', sqlType: string): ValueRule[] {
  const mac = kind === 'macaddr' || kind === 'macaddr8';
  return [
    stringType(sqlType),
    rule(
      `format:${kind}`,
      (ref) => (mac ? `${ref(isMac)}(v, ${kind === 'macaddr' ? 6 : 8})` : `${ref(isNetwork)}(v)`),
      (v) => `is ${previewValue(v)}, not a valid ${sqlType}`,
      mac
        ? "Use six (macaddr8: eight) hex bytes, e.g. '08:00:2b:01:02:03'."
        : "Use an IPv4 or IPv6 address with an optional prefix, e.g. '192.168.0.0/24' or '2001:db8::1'.",
    ),
  ];
}
