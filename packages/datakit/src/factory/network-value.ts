import type { Faker } from '@faker-js/faker';
import type { ValueGenerator } from './value-context.js';

/** Network sizes as they are commonly allocated, from a /8 down to a /30. */
const IPV4_PREFIXES = [8, 12, 16, 20, 22, 24, 24, 24, 26, 28, 30];

function ipv4Network(faker: Faker): string {
  const prefix = faker.helpers.arrayElement(IPV4_PREFIXES);
  const address = faker.internet
    .ipv4()
    .split('.')
    .reduce((n, octet) => n * 256 + Number(octet), 0);
  const network = prefix === 0 ? 0 : Math.floor(address / 2 ** (32 - prefix)) * 2 ** (32 - prefix);
  const octets = [24, 16, 8, 0].map((shift) => Math.floor(network / 2 ** shift) % 256);
  return `${octets.join('.')}/${prefix}`;
}

function ipv6Network(faker: Faker): string {
  const groups = faker.internet.ipv6().split(':');
  const prefix = faker.helpers.arrayElement([48, 56, 64]);
  const kept = groups.slice(0, Math.ceil(prefix / 16));
  if (prefix % 16 !== 0) {
    const last = Number.parseInt(kept[kept.length - 1] ?? '0', 16);
    kept[kept.length - 1] = (last & ~((1 << (16 - (prefix % 16))) - 1) & 0xffff).toString(16);
  }
  return `${kept.join(':')}::/${prefix}`;
}

function macBytes(faker: Faker, count: number): string {
  return Array.from({ length: count }, () =>
    faker.string.hexadecimal({ length: 2, casing: 'lower', prefix: '' }),
  ).join(':');
}

/**
 * A generator of PostgreSQL network values in the text form the database reads: inet host
 * addresses (mostly IPv4, some IPv6), cidr networks with no bits set right of the mask, and
 * macaddr/macaddr8 addresses as colon-separated hex bytes.
 *
 * @internal
 * @example
 * ```ts
 * networkGenerator('cidr')(context); // '10.128.0.0/16'
 * ```
 */
export function networkGenerator(kind: 'inet' | 'cidr' | 'macaddr' | 'macaddr8'): ValueGenerator {
  switch (kind) {
    case 'inet':
      return ({ faker }) => (faker.number.int(9) === 0 ? faker.internet.ipv6() : faker.internet.ipv4());
    case 'cidr':
      return ({ faker }) => (faker.number.int(9) === 0 ? ipv6Network(faker) : ipv4Network(faker));
    case 'macaddr':
      return ({ faker }) => macBytes(faker, 6);
    case 'macaddr8':
      return ({ faker }) => macBytes(faker, 8);
  }
}
