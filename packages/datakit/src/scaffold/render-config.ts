import { propertyKey, tsString } from '../format/ts-names.js';
import { packageInfo } from '../package-info.js';
import type { ScaffoldSource } from './scaffold-source.js';

/**
 * `datakit.config.ts` of a new project: one warehouse with a `dev` environment on embedded
 * PostgreSQL (PGlite) and a `prod` one read from environment variables, the source datakits,
 * their bronze datakits (a schema per system) and their transfers.
 *
 * @example
 * ```ts
 * await writeFile('datakit.config.ts', renderConfig('main', sources));
 * ```
 */
export function renderConfig(warehouse: string, sources: readonly ScaffoldSource[]): string {
  const imports = sources
    .flatMap((s) => [
      [`./${s.bronzeDir}/index.js`, `import { ${s.bronzeExport} } from './${s.bronzeDir}/index.js';`],
      [
        `./${s.bronzeDir}/transfers.js`,
        `import { ${s.transfersExport} } from './${s.bronzeDir}/transfers.js';`,
      ],
      [
        `./${s.datakitFile.replace(/\.ts$/, '.js')}`,
        `import { ${s.datakitExport} } from './${s.datakitFile.replace(/\.ts$/, '.js')}';`,
      ],
    ])
    .sort((a, b) => ((a[0] as string) < (b[0] as string) ? -1 : 1))
    .map(([, line]) => line);
  const entry = (s: ScaffoldSource, value: string) =>
    propertyKey(s.system) === value ? `${value},` : `${propertyKey(s.system)}: ${value},`;
  const urls = (env: 'DEV' | 'PROD') =>
    sources.length === 0
      ? '          sources: {},'
      : [
          '          sources: {',
          ...sources.map(
            (s) => `            ${propertyKey(s.system)}: ${tsString(`\${env:${s.envPrefix}_${env}_URL}`)},`,
          ),
          '          },',
        ].join('\n');
  const layers =
    sources.length === 0
      ? [
          '      // Add bronze (and silver, gold) datakits here, e.g. after `npx datakit generate bronze --source <url>`.',
          '      layers: {},',
        ]
      : [
          '      layers: {',
          `        bronze: { datakits: [${sources.map((s) => s.bronzeExport).join(', ')}], schema: 'bronze_{system}' },`,
          '      },',
        ];
  const lines = [
    `import { defineConfig } from '${packageInfo().name}';`,
    ...imports,
    '',
    '/**',
    ' * The warehouse. `dev` runs on embedded PostgreSQL (PGlite) in .datakit/dev and reads its sources from',
    ' * the URLs in .env; `prod` reads every URL from environment variables (see .env.example).',
    ' */',
    'export default defineConfig({',
    "  defaultEnvironment: 'dev',",
    '  warehouses: {',
    `    ${propertyKey(warehouse)}: {`,
    ...layers,
    sources.length === 0
      ? '      sources: {},'
      : ['      sources: {', ...sources.map((s) => `        ${entry(s, s.datakitExport)}`), '      },'].join(
          '\n',
        ),
    '      environments: {',
    '        dev: {',
    "          url: 'pglite://.datakit/dev/warehouse',",
    urls('DEV'),
    '        },',
    '        prod: {',
    "          url: '${env:WAREHOUSE_PROD_URL}',",
    urls('PROD'),
    '        },',
    '      },',
    sources.length === 0
      ? '      transfers: {},'
      : ['      transfers: {', ...sources.map((s) => `        ...${s.transfersExport},`), '      },'].join(
          '\n',
        ),
    '    },',
    '  },',
    '});',
    '',
  ];
  return lines.join('\n');
}
