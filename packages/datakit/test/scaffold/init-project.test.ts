import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { projectPackageJson } from '../../src/scaffold/project-package-json.js';
import { runCli } from '../cli/run-cli.js';
import { createTempProject } from '../cli/temp-project.js';

const dirs: string[] = [];
const tempDir = () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'dk-init-'));
  dirs.push(dir);
  return dir;
};
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

describe('datakit init (no sources)', () => {
  it('writes a project, refuses to overwrite it (listing the files), and overwrites with --force', async () => {
    const dir = tempDir();
    const first = await runCli(['init', 'my-warehouse'], dir);
    expect(first.code).toBe(0);
    const project = path.join(dir, 'my-warehouse');
    const manifest = JSON.parse(readFileSync(path.join(project, 'package.json'), 'utf8'));
    expect(manifest).toMatchObject({
      name: 'my-warehouse',
      type: 'module',
      scripts: { typecheck: 'tsc --noEmit' },
    });
    expect(manifest.dependencies['datakit-warehouse']).toMatch(/^\^\d+\.\d+\.\d+/);
    expect(manifest.dependencies.datakit).toBeUndefined();
    expect(readFileSync(path.join(project, 'datakit.config.ts'), 'utf8')).toContain(
      "url: 'pglite://.datakit/dev/warehouse'",
    );
    expect(readFileSync(path.join(project, '.gitignore'), 'utf8')).toContain('.env');
    expect(readFileSync(path.join(project, 'README.md'), 'utf8')).toContain('npx datakit deploy --env dev');

    const again = await runCli(['init', 'my-warehouse'], dir);
    expect(again.code).toBe(2);
    expect(again.stderr).toContain('datakit.config.ts, tsconfig.json, .env.example, .gitignore, README.md');
    expect(again.stderr).toContain('--force');
    const forced = await runCli(['init', 'my-warehouse', '--force'], dir);
    expect(forced.code).toBe(0);
  });

  it('writes a config the CLI accepts', async () => {
    const project = createTempProject('dk-init-config-');
    try {
      expect((await runCli(['init'], project.dir)).code).toBe(0);
      const { code, stdout } = await runCli(['config', '--json'], project.dir);
      expect(code).toBe(0);
      expect(JSON.parse(stdout)).toMatchObject({ ok: true, warehouse: 'main', env: 'dev', transfers: [] });
      const prod = await runCli(['config', '--env', 'prod'], project.dir);
      expect(prod.code).toBe(2);
      expect(prod.stderr).toContain('WAREHOUSE_PROD_URL is not set');
    } finally {
      project.remove();
    }
  });

  it('--from needs datakit-warehouse installed where the generated code can import it', async () => {
    const dir = tempDir();
    const { code, stderr } = await runCli(['init', '--from', 'postgres://u@127.0.0.1:1/db'], dir);
    expect(code).toBe(2);
    expect(stderr).toContain('npm install datakit-warehouse');
  });
});

describe('the package.json init writes or completes', () => {
  const versions = { library: { name: 'datakit-warehouse', version: '1.2.3' }, drizzle: '0.45.4' };

  it('keeps what an existing one has and adds what is missing', () => {
    const existing = {
      name: 'mine',
      dependencies: { 'datakit-warehouse': 'file:../datakit-warehouse.tgz', zod: '4.0.0' },
      scripts: { test: 'jest' },
    };
    const json = JSON.parse(projectPackageJson('x', existing, versions));
    expect(json).toMatchObject({ name: 'mine', type: 'module' });
    expect(json.dependencies).toEqual({
      'datakit-warehouse': 'file:../datakit-warehouse.tgz',
      'drizzle-orm': '0.45.4',
      zod: '4.0.0',
    });
    expect(json.scripts.test).toBe('jest');
    expect(json.scripts.typecheck).toBe('tsc --noEmit');
  });

  it("replaces the failing test script `npm init -y` writes, which is npm's placeholder", () => {
    const existing = { name: 'mine', scripts: { test: 'echo "Error: no test specified" && exit 1' } };
    expect(JSON.parse(projectPackageJson('x', existing, versions)).scripts.test).toBe('vitest run');
  });

  it('refuses a CommonJS package', () => {
    expect(() => projectPackageJson('x', { type: 'commonjs' }, versions)).toThrow('"type": "commonjs"');
  });

  it('is written next to the config, so the generated modules load as ESM', () => {
    const dir = tempDir();
    writeFileSync(path.join(dir, 'package.json'), '{"name":"x"}');
    expect(JSON.parse(projectPackageJson('x', { name: 'x' }, versions)).type).toBe('module');
  });
});
