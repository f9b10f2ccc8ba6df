import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connect } from '../../src/dialect/connect.js';
import type { Connection } from '../../src/dialect/connection.js';
import {
  createTestDatabase,
  serverReachable,
  serversRequired,
  type TestDatabase,
} from '../support/servers.js';
import { MARIADB_SOURCE, POSTGRES_SOURCE } from './source-systems.js';

// Issue 13: the library as a new user gets it. `npm pack`, install the tarball (datakit-warehouse)
// into an empty folder outside the repository, `datakit init --from` a PostgreSQL and a MariaDB database,
// type-check the project, deploy, transfer every table, and compare counts and checksums.

const run = promisify(execFile);
const pkg = path.resolve(import.meta.dirname, '../..');
const reachable = (await serverReachable('postgres')) && (await serverReachable('mysql'));
const suite = reachable || serversRequired() ? describe : describe.skip;
if (!reachable && !serversRequired())
  console.warn('[datakit tests] packed-project suite SKIPPED: needs PostgreSQL and MariaDB');

/** The child's environment: no Vitest variables, so the CLI behaves as it does for a user. */
const env = Object.fromEntries(Object.entries(process.env).filter(([k]) => !k.startsWith('VITEST')));

async function sh(cmd: string, args: string[], cwd: string, timeout = 180_000) {
  return run(cmd, args, { cwd, env, timeout, maxBuffer: 64 * 1024 * 1024 }).catch(
    (error: Error & { stdout?: string; stderr?: string }) => {
      throw new Error(
        `${cmd} ${args.join(' ')} failed in ${cwd}:\n${error.stdout ?? ''}\n${error.stderr ?? ''}`,
      );
    },
  );
}

/** The tarball is packed from dist/ as it is (`npm test` builds first): refuse a build older than src/. */
function assertBuildFresh(): void {
  const newest = (dir: string): number =>
    readdirSync(dir, { withFileTypes: true }).reduce((max, entry) => {
      const full = path.join(dir, entry.name);
      return Math.max(max, entry.isDirectory() ? newest(full) : statSync(full).mtimeMs);
    }, 0);
  const built = statSync(path.join(pkg, 'dist', 'index.js'), { throwIfNoEntry: false })?.mtimeMs ?? 0;
  if (built < newest(path.join(pkg, 'src'))) {
    throw new Error(
      'packages/datakit/dist is older than src/: run `npm run build` (npm test does) and try again',
    );
  }
}

/** Every file under `dir` (but node_modules, .datakit, the lock file) → its bytes. */
function snapshot(dir: string): Record<string, string> {
  const files: Record<string, string> = {};
  const walk = (sub: string) => {
    for (const entry of readdirSync(path.join(dir, sub), { withFileTypes: true })) {
      const rel = path.join(sub, entry.name);
      if (['node_modules', '.datakit', 'package-lock.json'].includes(entry.name)) continue;
      if (entry.isDirectory()) walk(rel);
      else files[rel] = readFileSync(path.join(dir, rel), 'utf8');
    }
  };
  walk('');
  return files;
}

/** A value's text on either side, spelled one way: booleans as 1/0, fractional seconds without trailing zeros. */
function normalize(value: unknown): string {
  if (value === null || value === undefined) return '\\N';
  const text = String(value);
  if (text === 't' || text === 'true') return '1';
  if (text === 'f' || text === 'false') return '0';
  return text.replace(
    /^(\d{4}-\d\d-\d\d \d\d:\d\d:\d\d)(?:\.(\d*?)0*)?([+-]\d\d(?::\d\d)?)?$/,
    (_, t, f, z) => `${t}${f ? `.${f}` : ''}${z ?? ''}`,
  );
}

/** Row count and a checksum of the rows as text, independent of row order. */
async function checksum(conn: Connection, table: string, columns: string[], family: 'postgresql' | 'mysql') {
  const q = (n: string) => conn.dialect.adapter.quoteIdentifier(n);
  const cast = (c: string) => (family === 'mysql' ? `cast(${q(c)} as char)` : `${q(c)}::text`);
  const { rows } = await conn.query<Record<string, unknown>>(
    `select ${columns.map((c, i) => `${cast(c)} as ${q(`c${i}`)}`).join(', ')} from ${table}`,
  );
  const lines = rows.map((r) => columns.map((_, i) => normalize(r[`c${i}`])).join('\t')).sort();
  return { count: rows.length, sha: createHash('sha256').update(lines.join('\n')).digest('hex') };
}

type Names = Record<string, { table: string; columns: Record<string, string> }>;

suite('packed package in a new project (PostgreSQL + MariaDB sources)', () => {
  const root = mkdtempSync(path.join(tmpdir(), 'dk-user-'));
  const project = path.join(root, 'project');
  let crm: TestDatabase;
  let shop: TestDatabase;
  let from: string[];

  beforeAll(async () => {
    assertBuildFresh();
    [crm, shop] = await Promise.all([
      createTestDatabase('postgres', 'user_crm'),
      createTestDatabase('mysql', 'user_shop'),
    ]);
    for (const [db, statements] of [
      [crm, POSTGRES_SOURCE],
      [shop, MARIADB_SOURCE],
    ] as const) {
      const conn = await connect(db.url);
      try {
        for (const sql of statements) await conn.query(sql);
      } finally {
        await conn.close();
      }
    }
    from = ['--from', `crm=${crm.url}`, '--from', `shop=${shop.url}`];

    const { stdout } = await sh(
      'npm',
      ['pack', '--ignore-scripts', '--json', '--pack-destination', root],
      pkg,
    );
    const tarball = path.join(root, (JSON.parse(stdout) as { filename: string }[])[0]?.filename ?? '');
    expect(path.basename(tarball)).toMatch(/^datakit-warehouse-\d+\.\d+\.\d+\.tgz$/);
    await sh('mkdir', ['-p', project], root);
    // Dev tools pinned as the repository has them, so the install is served from the npm cache.
    const devDependencies = JSON.parse(
      readFileSync(path.resolve(pkg, '../../package.json'), 'utf8'),
    ).devDependencies;
    writeFileSync(
      path.join(project, 'package.json'),
      JSON.stringify({
        name: 'dk-user',
        private: true,
        dependencies: { 'datakit-warehouse': `file:${tarball}` },
        devDependencies: {
          typescript: devDependencies.typescript,
          '@types/node': devDependencies['@types/node'],
          vitest: devDependencies.vitest,
        },
      }),
    );
    await sh('npm', ['install', '--prefer-offline', '--no-audit', '--no-fund'], project);
  }, 300_000);

  afterAll(async () => {
    await Promise.all([crm?.drop(), shop?.drop()]);
    rmSync(root, { recursive: true, force: true });
  });

  it('runs as `npx datakit` with help, and the tarball carries only the build', async () => {
    const { stdout } = await sh('npx', ['datakit', '--help'], project);
    expect(stdout).toContain('init');
    expect(stdout).toContain('generate');
    const installed = path.join(project, 'node_modules', 'datakit-warehouse');
    expect(readdirSync(installed).sort()).toEqual(['bin', 'dist', 'package.json']);
    const manifest = JSON.parse(readFileSync(path.join(installed, 'package.json'), 'utf8'));
    expect(manifest.private).toBeUndefined();
  });

  it('init --from writes a project that type-checks and whose transform tests pass', async () => {
    const { stdout } = await sh('npx', ['datakit', 'init', ...from], project);
    expect(stdout).toContain('crm: 13 tables');
    expect(stdout).toContain('shop: 12 tables');
    const manifest = JSON.parse(readFileSync(path.join(project, 'package.json'), 'utf8'));
    expect(manifest.type).toBe('module');
    expect(manifest.dependencies['datakit-warehouse']).toMatch(/^file:/);
    expect(manifest.dependencies.datakit).toBeUndefined();
    expect(readFileSync(path.join(project, '.env'), 'utf8')).toContain(`CRM_DEV_URL=${crm.url}`);
    expect(readFileSync(path.join(project, '.gitignore'), 'utf8')).toContain('.env');
    await sh('npx', ['tsc', '--noEmit'], project);
    const tests = await sh('npx', ['vitest', 'run'], project);
    expect(tests.stdout).toContain('26 passed');
  }, 240_000);

  it('refuses to overwrite, and regenerates byte-identical files with --force', async () => {
    const before = snapshot(project);
    const refused = await run('npx', ['datakit', 'init', ...from], { cwd: project, env }).catch(
      (e: { code: number; stderr: string }) => e,
    );
    expect((refused as { code: number }).code).toBe(2);
    expect((refused as { stderr: string }).stderr).toContain('datakit.config.ts');
    await sh('npx', ['datakit', 'init', '--force', ...from], project);
    expect(snapshot(project)).toEqual(before);
  }, 120_000);

  it('deploys, transfers every table, and the warehouse holds the source rows exactly', async () => {
    await sh('npx', ['datakit', 'deploy', '--env', 'dev'], project);
    const { stdout } = await sh('npx', ['datakit', 'transfer', '--env', 'dev', '--json'], project);
    const result = JSON.parse(stdout) as {
      ok: boolean;
      transfers: { name: string; rows: { read: number; loaded: number } }[];
    };
    expect(result.ok).toBe(true);
    expect(result.transfers).toHaveLength(25);
    for (const t of result.transfers) expect(t.rows.loaded, t.name).toBe(t.rows.read);

    const warehouse = await connect(`pglite://${path.join(project, '.datakit/dev/warehouse')}`);
    try {
      await warehouse.query("set time zone 'UTC'");
      for (const [system, db, family] of [
        ['crm', crm, 'postgresql'],
        ['shop', shop, 'mysql'],
      ] as const) {
        const names = Object.values(
          (await import(
            pathToFileURL(path.join(project, `datakits/bronze-${system}/names.ts`)).href
          )) as Record<string, Names>,
        )[0] as Names;
        const source = await connect(db.url);
        try {
          if (family === 'postgresql') await source.query("set time zone 'UTC'");
          const q = (n: string) => source.dialect.adapter.quoteIdentifier(n);
          for (const [table, mapped] of Object.entries(names)) {
            const expected = await checksum(source, q(table), Object.keys(mapped.columns), family);
            const actual = await checksum(
              warehouse,
              `"bronze_${system}"."${mapped.table}"`,
              Object.values(mapped.columns),
              'postgresql',
            );
            expect(actual, `${system}.${table} → bronze_${system}.${mapped.table}`).toEqual(expected);
            expect(expected.count).toBeGreaterThan(0);
          }
        } finally {
          await source.close();
        }
      }
    } finally {
      await warehouse.close();
    }
  }, 240_000);

  it('runs the demo from the installed package', async () => {
    const { stdout } = await sh(
      'npx',
      ['datakit', 'demo', '--rows', '600', '--json', '--data-dir', path.join(root, 'demo-data')],
      project,
    );
    const summary = JSON.parse(stdout) as { ok: boolean; totals: { read: number } };
    expect(summary).toMatchObject({ ok: true, totals: { read: 600 } });
  }, 180_000);
});
