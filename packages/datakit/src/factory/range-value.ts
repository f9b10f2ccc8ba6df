import { formatInstant } from './date-value.js';
import type { ColumnPlan } from './table-plan.js';
import type { ValueGenerator } from './value-context.js';

const DAY = 86_400_000;
const YEAR = 365 * DAY;

/** The range kinds of PostgreSQL, and the element each is a range of. */
const ELEMENTS = {
  int4range: 'integer',
  int8range: 'bigint',
  numrange: 'numeric',
  daterange: 'date',
  tsrange: 'timestamp',
  tstzrange: 'timestamptz',
} as const;

/**
 * A generator of PostgreSQL range values in their text form, always non-empty with the lower
 * bound included and the upper one excluded: `[12,40)`, `[2024-03-01,2024-04-01)`, time ranges
 * of whole seconds in the last three years, and for tstzrange (validity periods such as
 * `systime`) an open upper end now and then: `["2024-03-01 08:00:00+00",infinity)`; `undefined`
 * for a column that is not a range.
 *
 * @internal
 * @example
 * ```ts
 * rangeGenerator(plan.byKey.get('period')!)?.(context); // daterange → '[2023-06-12,2023-07-20)'
 * ```
 */
export function rangeGenerator(column: ColumnPlan): ValueGenerator | undefined {
  const kind = column.type.kind;
  if (!Object.hasOwn(ELEMENTS, kind)) return undefined;
  const element = ELEMENTS[kind as keyof typeof ELEMENTS];
  if (element === 'integer' || element === 'bigint') {
    return ({ faker }) => {
      const low = faker.number.int({ min: 1, max: 10_000 });
      return `[${low},${low + faker.number.int({ min: 1, max: 500 })})`;
    };
  }
  if (element === 'numeric') {
    return ({ faker }) => {
      const low = faker.number.int({ min: 0, max: 100_000 });
      const high = low + faker.number.int({ min: 1, max: 50_000 });
      return `[${(low / 100).toFixed(2)},${(high / 100).toFixed(2)})`;
    };
  }
  const bound: ColumnPlan = {
    ...column,
    type: { kind: element, precision: 0 },
    runtime: 'string',
  };
  const text = (time: number) => {
    const value = formatInstant(bound, time) as string;
    return element === 'date' ? value : `"${value}"`;
  };
  return ({ faker, now }) => {
    const low = faker.number.int({ min: now.getTime() - 3 * YEAR, max: now.getTime() - DAY });
    const open = element === 'timestamptz' && faker.number.int(4) === 0;
    const high = low + faker.number.int({ min: DAY, max: YEAR });
    return `[${text(low)},${open ? 'infinity' : text(high)})`;
  };
}
