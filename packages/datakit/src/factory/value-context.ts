import type { Faker } from '@faker-js/faker';

/** The person a row is about, so first name, last name, full name and email agree. */
export interface Person {
  firstName: string;
  lastName: string;
  sex: 'female' | 'male';
}

/**
 * What a value generator (and a function override) can use for one row.
 *
 * @example
 * ```ts
 * const override = ({ index, faker }: ValueContext) => `${faker.word.noun()}-${index}`;
 * ```
 */
export interface ValueContext {
  /** 0-based row index (continues across `changes` steps). */
  index: number;
  /** This column's own seeded Faker stream. */
  faker: Faker;
  /** The values of the columns already built in this row, by row key. */
  row: Readonly<Record<string, unknown>>;
  /** The row's person (the same for every column of the row). */
  person(): Person;
  /** The build's reference time. */
  now: Date;
}

/** Makes one value for one row. @internal */
export type ValueGenerator = (context: ValueContext) => unknown;
