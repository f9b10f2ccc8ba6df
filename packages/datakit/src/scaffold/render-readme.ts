import type { ScaffoldSource } from './scaffold-source.js';

/**
 * `README.md` of a new project: what is in it and the commands to run next.
 *
 * @example
 * ```ts
 * await writeFile('README.md', renderReadme('my-warehouse', sources));
 * ```
 */
export function renderReadme(name: string, sources: readonly ScaffoldSource[]): string {
  const first = sources[0];
  const layout =
    sources.length === 0
      ? [
          '- `datakit.config.ts`: the warehouse, its environments (dev on embedded PGlite, prod from env vars).',
        ]
      : [
          '- `datakit.config.ts`: the warehouse, its environments (dev on embedded PGlite, prod from env vars),',
          '  the sources, the bronze layer and the transfers.',
          ...sources.map(
            (s) =>
              `- \`${s.datakitFile}\`: the tables of \`${s.system}\`, introspected; \`${s.bronzeDir}/\`: their bronze tables,\n  transforms, transfers and the source → bronze name mapping (\`names.ts\`).`,
          ),
          '- `test/transforms.test.ts`: the transforms, tested with factory rows (no database).',
        ];
  const refresh = first
    ? [
        '',
        '## When a source changes',
        '',
        '```sh',
        ...sources.map(
          (s) =>
            `npx datakit introspect "$${s.envPrefix}_DEV_URL" --out ${s.datakitFile.replace(/\/index\.ts$/, '')}`,
        ),
        ...sources.map((s) => `npx datakit generate bronze --source ${s.datakitFile} --out ${s.bronzeDir}`),
        '```',
        '',
        'Both rewrite the same bytes when nothing changed, so the diff shows exactly what did. To change a',
        'transform, write your own `defineTransform(...)` and point the transfer at it in datakit.config.ts',
        '(regeneration overwrites the generated `transforms.ts`).',
      ]
    : [];
  return [
    `# ${name}`,
    '',
    'A data warehouse built with [Datakit](https://www.npmjs.com/package/datakit).',
    '',
    '## Layout',
    '',
    ...layout,
    '- `.env.example`: every environment variable the config reads; copy it to `.env` (never committed).',
    '',
    '## Next steps',
    '',
    '```sh',
    'npm install',
    'npm run typecheck                       # tsc checks every table, transform and transfer',
    'npm test                                # the transform tests (factories, no database)',
    'npx datakit deploy --plan --env dev     # what deploy would create',
    'npx datakit deploy --env dev            # creates the warehouse schemas and tables (PGlite in .datakit/dev)',
    ...(first
      ? [
          'npx datakit transfer --env dev          # every transfer: drift check, then source → bronze',
          'npx datakit drift --env dev             # live tables against their contracts',
        ]
      : ['npx datakit introspect <url> --out datakits/<system>   # a source datakit from a live database']),
    '```',
    '',
    'For prod, set the `*_PROD_URL` variables of `.env.example` and use `--env prod`.',
    ...refresh,
    '',
  ].join('\n');
}
