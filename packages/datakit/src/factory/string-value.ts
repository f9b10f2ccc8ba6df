import type { Faker } from '@faker-js/faker';
import type { Semantic } from './semantic-of.js';
import type { ColumnPlan } from './table-plan.js';
import type { ValueGenerator } from './value-context.js';

const CODE_WORDS = new Set(['code', 'number', 'no', 'nr', 'ref', 'reference', 'id']);

function codePrefix(columnName: string): string {
  const token = columnName
    .replace(/([a-z0-9])([A-Z])/g, '$1_$2')
    .toLowerCase()
    .split(/[^a-z0-9]+/)
    .find((t) => t !== '' && !CODE_WORDS.has(t));
  return (token ?? 'ref').slice(0, 3).toUpperCase();
}

function capitalize(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

function wordsFor(faker: Faker, column: ColumnPlan): string {
  const length = column.type.length;
  if (length !== undefined && length <= 12) return faker.word.noun();
  if (column.type.kind === 'text') return faker.lorem.words({ min: 2, max: 5 });
  return faker.lorem.words({ min: 1, max: 3 });
}

/**
 * A generator of realistic strings for a text, varchar or char column, chosen by the column's
 * name; {@link fittedString} fits them to the column's length.
 *
 * @internal
 * @example
 * ```ts
 * const email = stringGenerator('email', plan.byKey.get('email')!);
 * ```
 */
export function stringGenerator(semantic: Semantic, column: ColumnPlan): ValueGenerator {
  const length = column.type.length;
  switch (semantic) {
    case 'firstName':
      return ({ person }) => person().firstName;
    case 'lastName':
      return ({ person }) => person().lastName;
    case 'middleName':
      return ({ faker, person }) => faker.person.middleName(person().sex);
    case 'fullName':
      return ({ person }) => `${person().firstName} ${person().lastName}`;
    case 'email':
      return ({ faker, person }) =>
        faker.internet.email({ firstName: person().firstName, lastName: person().lastName }).toLowerCase();
    case 'username':
      return ({ faker, person }) =>
        faker.internet.username({ firstName: person().firstName, lastName: person().lastName }).toLowerCase();
    case 'phone':
      return ({ faker }) =>
        faker.phone.number({ style: length !== undefined && length < 14 ? 'international' : 'national' });
    case 'street':
      return ({ faker }) => faker.location.streetAddress();
    case 'secondaryAddress':
      return ({ faker }) => faker.location.secondaryAddress();
    case 'city':
      return ({ faker }) => faker.location.city();
    case 'state':
      return ({ faker }) => faker.location.state({ abbreviated: length !== undefined && length <= 3 });
    case 'zip':
      return ({ faker }) => faker.location.zipCode(length !== undefined && length < 10 ? '#####' : undefined);
    case 'country':
      if (length === undefined || length > 3) return ({ faker }) => faker.location.country();
      return ({ faker }) => faker.location.countryCode(length === 3 ? 'alpha-3' : 'alpha-2');
    case 'countryCode':
      return ({ faker }) => faker.location.countryCode(length === 3 ? 'alpha-3' : 'alpha-2');
    case 'latitude':
      return ({ faker }) => String(faker.location.latitude({ precision: 6 }));
    case 'longitude':
      return ({ faker }) => String(faker.location.longitude({ precision: 6 }));
    case 'company':
      return ({ faker }) => faker.company.name();
    case 'productName':
      return ({ faker }) => faker.commerce.productName();
    case 'department':
      return ({ faker }) => faker.commerce.department();
    case 'jobTitle':
      return ({ faker }) => faker.person.jobTitle();
    case 'title':
      return ({ faker }) => capitalize(faker.lorem.words({ min: 2, max: 4 }));
    case 'description':
      return column.type.kind === 'text'
        ? ({ faker }) => faker.lorem.sentences({ min: 1, max: 3 })
        : ({ faker }) => faker.lorem.sentence();
    case 'url':
      return ({ faker }) => faker.internet.url();
    case 'ip':
      return ({ faker }) => faker.internet.ipv4();
    case 'currency':
      return ({ faker }) => faker.finance.currencyCode();
    case 'code': {
      const prefix = codePrefix(column.name);
      return ({ faker }) => `${prefix}-${faker.string.numeric(6)}`;
    }
    case 'color':
      return ({ faker }) => faker.color.human();
    case 'gender':
      return ({ faker }) => faker.person.sex();
    case 'secret':
      return ({ faker }) => faker.string.hexadecimal({ length: 40, casing: 'lower', prefix: '' });
    case 'status':
      return ({ faker }) => faker.helpers.arrayElement(['active', 'inactive', 'pending']);
    case 'language':
      return ({ faker }) => faker.helpers.arrayElement(['en', 'de', 'fr', 'es', 'it', 'nl', 'pt']);
    case 'iban':
      return ({ faker }) => faker.finance.iban();
    case 'tags':
      return ({ faker }) => faker.lorem.words({ min: 1, max: 3 }).replaceAll(' ', ',');
    default:
      if (column.type.kind === 'char' && length !== undefined && length <= 3) {
        return ({ faker }) => faker.string.alpha({ length, casing: 'upper' });
      }
      return ({ faker }) => wordsFor(faker, column);
  }
}

/** Semantics whose values differ in length from draw to draw, so a short column gets a whole one. */
const REDRAWN = new Set<Semantic>([
  'email',
  'username',
  'phone',
  'street',
  'city',
  'state',
  'country',
  'company',
  'productName',
  'department',
  'jobTitle',
  'url',
  'color',
]);
const REDRAWS = 4;

/**
 * A generator of realistic strings for a text, varchar or char column (see {@link stringGenerator})
 * that fit the column's length: a value too long is drawn again a few times (an email or a city
 * that fits reads better than a cut one), then cut.
 *
 * @internal
 * @example
 * ```ts
 * fittedString('email', plan.byKey.get('email')!)(context); // varchar(20) → 'ima.lind@yahoo.com'
 * ```
 */
export function fittedString(semantic: Semantic, column: ColumnPlan): ValueGenerator {
  const generate = stringGenerator(semantic, column);
  const length = column.type.length;
  if (length === undefined) return generate;
  if (!REDRAWN.has(semantic)) return (context) => fitLength(generate(context) as string, length);
  return (context) => {
    let value = generate(context) as string;
    for (let i = 0; i < REDRAWS && value.length > length; i++) value = generate(context) as string;
    return semantic === 'email' ? fitEmail(value, length) : fitLength(value, length);
  };
}

/** An email cut in its local part, so it keeps a domain: 'nikki.oberb@mail.com'. */
function fitEmail(value: string, length: number): string {
  const at = value.indexOf('@');
  const domain = '@mail.com';
  if (value.length <= length || at < 0 || length < domain.length + 3) return fitLength(value, length);
  const local = value.slice(0, Math.min(at, length - domain.length)).replace(/[._-]+$/, '');
  return `${local}${domain}`;
}

/**
 * Cuts a string to a column's length in characters (code points, as the database counts them,
 * never splitting a surrogate pair); a string that fits is returned unchanged.
 *
 * @internal
 * @example
 * ```ts
 * fitLength('Hello world', 5); // 'Hello'
 * ```
 */
export function fitLength(value: string, length: number | undefined): string {
  if (length === undefined || value.length <= length) return value;
  const characters = Array.from(value);
  if (characters.length <= length) return value;
  const cut = characters.slice(0, length).join('');
  return cut.trimEnd() || cut;
}
