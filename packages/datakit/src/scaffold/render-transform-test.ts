import { isIdentifier, propertyAccess, tsString } from '../format/ts-names.js';
import { packageInfo } from '../package-info.js';
import type { ScaffoldSource } from './scaffold-source.js';

/**
 * `test/transforms.test.ts`: one example test of a single transform, and a test that every
 * generated transform turns factory rows of its source into valid bronze rows.
 *
 * @example
 * ```ts
 * await writeFile('test/transforms.test.ts', renderTransformTest(sources));
 * ```
 */
export function renderTransformTest(sources: readonly ScaffoldSource[]): string {
  const example = sources.find((s) => s.example !== undefined);
  const imports = [
    `import { compileValidator, type Transform } from '${packageInfo().name}';`,
    `import { factory } from '${packageInfo().name}/testing';`,
    "import type { Table } from 'drizzle-orm';",
    "import { describe, expect, it } from 'vitest';",
    ...sources.map((s) => `import { ${s.transfersExport} } from '../${s.bronzeDir}/transfers.js';`),
  ];
  const first = example?.example;
  const transfer = example && first ? propertyAccess(example.transfersExport, first.transfer) : '';
  const exampleTest =
    example && first
      ? [
          '',
          `  it(${tsString(`${first.transfer}: copies ${first.sourceKey} to ${first.bronzeKey}`)}, () => {`,
          `    const row = factory(${transfer}.source).one({ seed: 1 });`,
          `    const out = ${transfer}.transform.apply(row);`,
          `    expect(${optionalAccess('out', first.bronzeKey)}).toEqual(${propertyAccess('row', first.sourceKey)});`,
          '  });',
        ]
      : [];
  return [
    ...imports,
    '',
    '// Unit tests of the transforms: rows come from factories built from the source contracts, so no',
    '// database is needed. Add your own cases with overrides: factory(table).one({ overrides: { ... } }).',
    '',
    '/** Every factory row of the source becomes a row the bronze contract accepts. */',
    'function expectValidRows<S extends Table, T extends Table>(t: {',
    '  source: S;',
    '  target: T;',
    '  transform: Transform<S, T>;',
    '}) {',
    "  const validate = compileValidator(t.target, { mode: 'insert' });",
    '  for (const row of factory(t.source).build(25, { seed: 1 })) {',
    '    expect(validate.explainAll(t.transform.apply(row))).toEqual([]);',
    '  }',
    '}',
    '',
    "describe('transforms into bronze', () => {",
    ...sources.flatMap((s) =>
      s.transfers.map(
        (name) =>
          `  it(${tsString(`${name}: every factory row becomes a valid bronze row`)}, () => expectValidRows(${propertyAccess(s.transfersExport, name)}));`,
      ),
    ),
    ...exampleTest,
    '});',
    '',
  ].join('\n');
}

function optionalAccess(object: string, key: string): string {
  return isIdentifier(key) ? `${object}?.${key}` : `${object}?.[${tsString(key)}]`;
}
