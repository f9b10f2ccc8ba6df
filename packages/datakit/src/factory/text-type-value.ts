import type { Faker } from '@faker-js/faker';
import { numberGenerator } from './number-value.js';
import type { Semantic } from './semantic-of.js';
import type { ColumnPlan } from './table-plan.js';
import type { ValueGenerator } from './value-context.js';

const XML_ESCAPES: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&apos;',
};
const xmlText = (text: string): string => text.replace(/[&<>"']/g, (c) => XML_ESCAPES[c] ?? c);

/** Lower-case words without quotes or operators, so they need no escaping in tsvector or tsquery text. */
function lexemes(faker: Faker, min: number, max: number): string[] {
  return faker.lorem
    .words({ min, max })
    .split(' ')
    .map((word) => word.toLowerCase().replace(/[^a-z]/g, ''))
    .filter((word) => word !== '');
}

/**
 * A generator for PostgreSQL types whose values are text in a form of their own: money as a
 * decimal amount (chosen by the column's name, like numeric), xml as a small well-formed
 * document, tsvector as lexemes with positions, tsquery as lexemes joined by `&` and `|`.
 *
 * @internal
 * @example
 * ```ts
 * textTypeGenerator('tsvector', 'none', plan.byKey.get('search')!)(context); // "ipsum:1 dolor:2 amet:3"
 * ```
 */
export function textTypeGenerator(
  kind: 'money' | 'xml' | 'tsvector' | 'tsquery',
  semantic: Semantic,
  column: ColumnPlan,
): ValueGenerator {
  switch (kind) {
    case 'money':
      return numberGenerator(semantic === 'none' ? 'amount' : semantic, {
        ...column,
        type: { kind: 'numeric', precision: 17, scale: 2 },
        runtime: 'string',
      });
    case 'xml':
      return ({ faker, index }) =>
        `<item id="${index + 1}"><name>${xmlText(faker.commerce.productName())}</name><note>${xmlText(faker.lorem.sentence())}</note></item>`;
    case 'tsvector':
      return ({ faker }) =>
        lexemes(faker, 2, 8)
          .map((word, i) => `${word}:${i + 1}`)
          .join(' ') || 'empty:1';
    case 'tsquery':
      return ({ faker }) => {
        const words = lexemes(faker, 1, 3);
        return (
          words
            .map((word, i) => (i === 0 ? word : `${faker.helpers.arrayElement(['&', '|'])} ${word}`))
            .join(' ') || 'empty'
        );
      };
  }
}
