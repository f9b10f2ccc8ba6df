import type { ScaffoldSource } from './scaffold-source.js';

/**
 * `tsconfig.json` of a new project: strict, ESM with NodeNext resolution, type-check only.
 *
 * @example
 * ```ts
 * await writeFile('tsconfig.json', renderTsconfig());
 * ```
 */
export function renderTsconfig(): string {
  const config = {
    compilerOptions: {
      target: 'ES2022',
      lib: ['ES2023'],
      module: 'NodeNext',
      moduleResolution: 'NodeNext',
      strict: true,
      noUncheckedIndexedAccess: true,
      exactOptionalPropertyTypes: true,
      verbatimModuleSyntax: true,
      isolatedModules: true,
      skipLibCheck: true,
      noEmit: true,
      types: ['node'],
    },
    include: ['datakit.config.ts', 'datakits', 'test'],
  };
  return `${JSON.stringify(config, null, 2)}\n`;
}

/**
 * `.gitignore`: dependencies, the embedded databases and the secrets file.
 *
 * @example
 * ```ts
 * await writeFile('.gitignore', renderGitignore());
 * ```
 */
export function renderGitignore(): string {
  return ['node_modules/', '.datakit/', '.env', '*.log', ''].join('\n');
}

/**
 * `.env.example`, committed: every variable the config reads, with placeholder values.
 *
 * @example
 * ```ts
 * await writeFile('.env.example', renderEnvExample(sources));
 * ```
 */
export function renderEnvExample(sources: readonly ScaffoldSource[]): string {
  const lines = [
    '# Copy to .env (never committed) and fill in. datakit reads .env next to datakit.config.ts.',
    '# dev: the warehouse is embedded PostgreSQL (PGlite) in .datakit/dev; the sources are these URLs.',
    ...sources.map((s) => `${s.envPrefix}_DEV_URL=${exampleUrl(s.url)}`),
    '# prod',
    'WAREHOUSE_PROD_URL=postgres://etl@warehouse.internal:5432/dw',
    ...sources.map((s) => `${s.envPrefix}_PROD_URL=${exampleUrl(s.url)}`),
    '',
  ];
  return lines.join('\n');
}

/**
 * `.env`, not committed: the dev source URLs `init --from` was given, so the project loads as is.
 *
 * @example
 * ```ts
 * await writeFile('.env', renderEnv(sources), { mode: 0o600 });
 * ```
 */
export function renderEnv(sources: readonly ScaffoldSource[]): string {
  return `${sources.map((s) => `${s.envPrefix}_DEV_URL=${s.url}`).join('\n')}\n`;
}

/** The URL's scheme, host, port and database with the user and password replaced. */
function exampleUrl(url: string): string {
  try {
    const parsed = new URL(url);
    if (parsed.username) parsed.username = 'reader';
    if (parsed.password) parsed.password = 'secret';
    return parsed.toString();
  } catch {
    return 'postgres://reader:secret@db.internal:5432/db';
  }
}
