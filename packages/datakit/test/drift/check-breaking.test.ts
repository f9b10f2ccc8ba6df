import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkBreaking } from '../../src/drift/check-breaking.js';
import { formatContractComparison } from '../../src/drift/format-contract-comparison.js';
import { loadDatakitFromGitRef } from '../../src/drift/load-datakit-from-git-ref.js';
import { loadDatakitModule } from '../../src/drift/load-datakit-module.js';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../..');

function datakitModule(version: string, columns: string): string {
  return [
    "import { defineDatakit } from 'datakit-warehouse';",
    "import { integer, pgTable, text, varchar } from 'drizzle-orm/pg-core';",
    `export const customer = pgTable('customer', { ${columns} });`,
    `export const shop = defineDatakit({ name: 'shop', version: '${version}', tables: { customer } });`,
    '',
  ].join('\n');
}

const V1 = 'customer_id: integer().primaryKey(), email: varchar({ length: 255 }).notNull(), note: text()';

describe('datakit breaking against a git ref or a path', () => {
  let repo: string;
  const git = (...args: string[]) =>
    execFileSync('git', ['-c', 'user.name=dk', '-c', 'user.email=dk@example.com', ...args], {
      cwd: repo,
      stdio: 'pipe',
    });

  beforeAll(() => {
    repo = mkdtempSync(path.join(tmpdir(), 'dk-breaking-'));
    symlinkSync(path.join(repoRoot, 'node_modules'), path.join(repo, 'node_modules'), 'dir');
    writeFileSync(path.join(repo, '.gitignore'), 'node_modules\n');
    mkdirSync(path.join(repo, 'datakits/shop'), { recursive: true });
    writeFileSync(path.join(repo, 'datakits/shop/index.ts'), datakitModule('1.0.0', V1));
    git('init', '-q');
    git('add', '.');
    git('commit', '-q', '-m', 'shop 1.0.0');
    git('tag', 'v1.0.0');
    // The working tree drops "email" but only bumps the patch version.
    writeFileSync(
      path.join(repo, 'datakits/shop/index.ts'),
      datakitModule('1.0.1', 'customer_id: integer().primaryKey(), note: text()'),
    );
    mkdirSync(path.join(repo, 'released'));
    writeFileSync(path.join(repo, 'released/shop.ts'), datakitModule('1.0.0', V1));
  });
  afterAll(() => rmSync(repo, { recursive: true, force: true }));

  it('loads the datakit as it was at a ref, without touching the working tree', async () => {
    const older = await loadDatakitFromGitRef('v1.0.0', 'datakits/shop/index.ts', { cwd: repo });
    expect(older.name).toBe('shop');
    expect(older.version).toBe('1.0.0');
    expect(older.tables[0]?.columns.map((c) => c.name)).toEqual(['customer_id', 'email', 'note']);
    expect(git('status', '--porcelain').toString()).toBe(' M datakits/shop/index.ts\n?? released/\n');
  });

  it('flags a removed column that only bumps the patch version, against a tag, a version or a path', async () => {
    for (const against of ['v1.0.0', '1.0.0', 'HEAD', 'released/shop.ts']) {
      const result = await checkBreaking({ modulePath: 'datakits/shop/index.ts', against, cwd: repo });
      expect(result, against).toMatchObject({
        required: 'major',
        declared: 'patch',
        sufficient: false,
        suggestedVersion: '2.0.0',
      });
      expect(result.changes.map((c) => c.kind)).toEqual(['column-dropped']);
      expect(formatContractComparison(result)).toContain('Column "customer"."email": removed.');
    }
  });

  it('labels each side by its version and where it was read, so the same version reads apart', async () => {
    mkdirSync(path.join(repo, 'datakits/same'), { recursive: true });
    writeFileSync(path.join(repo, 'datakits/same/index.ts'), datakitModule('1.0.0', V1));
    git('add', 'datakits/same');
    git('commit', '-q', '-m', 'same 1.0.0');
    writeFileSync(
      path.join(repo, 'datakits/same/index.ts'),
      datakitModule('1.0.0', 'customer_id: integer().primaryKey(), note: text()'),
    );
    const result = await checkBreaking({ modulePath: 'datakits/same/index.ts', against: 'HEAD', cwd: repo });
    expect(result.older).toEqual({ name: 'shop', version: '1.0.0', source: 'HEAD' });
    expect(result.newer).toEqual({ name: 'shop', version: '1.0.0', source: 'working tree' });
    expect(formatContractComparison(result).split('\n')).toEqual([
      'major  Column "customer"."email": removed. 1.0.0 (HEAD) has varchar(255) not null; 1.0.0 (working tree) has no such column.',
      'shop 1.0.0 (HEAD) → 1.0.0 (working tree) declares no bump, but the changes need major: use 2.0.0.',
      '',
    ]);
    const byPath = await checkBreaking({
      modulePath: 'datakits/shop/index.ts',
      against: 'released/shop.ts',
      cwd: repo,
    });
    expect(formatContractComparison(byPath)).toContain(
      'shop 1.0.0 (released/shop.ts) → 1.0.1 (datakits/shop/index.ts) declares a patch bump',
    );
  });

  it('says what is wrong with a bad ref, a module missing at the ref, or a module without a datakit', async () => {
    await expect(
      checkBreaking({ modulePath: 'datakits/shop/index.ts', against: 'no-such-branch', cwd: repo }),
    ).rejects.toMatchObject({
      code: 'USAGE',
      message: expect.stringContaining('"no-such-branch" is not a git ref'),
    });
    await expect(
      loadDatakitFromGitRef('v1.0.0', 'datakits/other/index.ts', { cwd: repo }),
    ).rejects.toMatchObject({
      code: 'USAGE',
      message: expect.stringContaining('"datakits/other/index.ts" does not exist at v1.0.0'),
    });
    writeFileSync(path.join(repo, 'released/empty.ts'), 'export const x = 1;\n');
    await expect(loadDatakitModule(path.join(repo, 'released/empty.ts'))).rejects.toMatchObject({
      code: 'USAGE',
      hint: expect.stringContaining('defineDatakit'),
    });
  });
});
