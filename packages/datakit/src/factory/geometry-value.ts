import type { Faker } from '@faker-js/faker';
import type { ValueGenerator } from './value-context.js';

type Xy = readonly [number, number];

/** A point as longitude and latitude: geometric columns most often hold map coordinates. */
function xy(faker: Faker): Xy {
  return [
    faker.number.float({ min: -180, max: 180, fractionDigits: 4 }),
    faker.number.float({ min: -90, max: 90, fractionDigits: 4 }),
  ];
}

const point = ([x, y]: Xy): string => `(${x},${y})`;
const points = (faker: Faker, min: number, max: number): string =>
  Array.from({ length: faker.number.int({ min, max }) }, () => point(xy(faker))).join(',');

const GENERATORS = new Map<string, ValueGenerator>(
  Object.entries({
    point: ({ faker }) => point(xy(faker)),
    line: ({ faker }) => {
      // {A,B,C}: Ax + By + C = 0, with A and B not both zero.
      const a = faker.number.int({ min: 1, max: 9 }) * (faker.datatype.boolean() ? 1 : -1);
      const b = faker.number.int({ min: -9, max: 9 });
      return `{${a},${b},${faker.number.float({ min: -100, max: 100, fractionDigits: 2 })}}`;
    },
    lseg: ({ faker }) => `[${points(faker, 2, 2)}]`,
    box: ({ faker }) => points(faker, 2, 2),
    path: ({ faker }) => (faker.datatype.boolean() ? `[${points(faker, 2, 5)}]` : `(${points(faker, 3, 5)})`),
    polygon: ({ faker }) => `(${points(faker, 3, 6)})`,
    circle: ({ faker }) =>
      `<${point(xy(faker))},${faker.number.float({ min: 0.5, max: 50, fractionDigits: 2 })}>`,
  } satisfies Record<string, ValueGenerator>),
);

/**
 * A generator of PostgreSQL geometric values (point, line, lseg, box, path, polygon, circle) in
 * their text form, for custom columns of those types; `undefined` for another type.
 *
 * @internal
 * @example
 * ```ts
 * geometryGenerator('point')?.(context); // '(4.8952,52.3702)'
 * ```
 */
export function geometryGenerator(sqlType: string): ValueGenerator | undefined {
  return GENERATORS.get(sqlType.trim().toLowerCase());
}
