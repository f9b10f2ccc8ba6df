import path from 'node:path';
import { integer, pgTable } from 'drizzle-orm/pg-core';
import { describe, expect, it } from 'vitest';
import { loadConfig, validateConfig } from '../../src/config/load-config.js';
import { resolveEnvVars } from '../../src/config/resolve-env-vars.js';
import { selectEnvironment } from '../../src/config/select-environment.js';
import { defineDatakit } from '../../src/contract/define-datakit.js';
import { DatakitError } from '../../src/errors/datakit-error.js';

const kit = defineDatakit({
  name: 'kit',
  version: '1.0.0',
  layer: 'bronze',
  tables: { t: pgTable('t', { id: integer().primaryKey() }) },
});
const good = {
  warehouses: {
    main: {
      layers: { bronze: { datakits: [kit] } },
      sources: { crm: kit },
      environments: {
        dev: { url: 'pglite://.datakit/dev', sources: { crm: 'pglite://memory' } },
        prod: { url: '${env:DK_TEST_PROD_URL}', sources: { crm: 'postgres://u:s3cret@db:5432/crm' } },
      },
    },
  },
};

function errorOf(fn: () => unknown): DatakitError {
  try {
    fn();
  } catch (error) {
    if (error instanceof DatakitError) return error;
    throw error;
  }
  throw new Error('expected a DatakitError');
}

describe('config', () => {
  it('accepts a valid config', () => {
    expect(validateConfig(good).warehouses.main?.layers.bronze?.datakits).toHaveLength(1);
  });

  it('names an unknown key and the nearest valid one', () => {
    const error = errorOf(() =>
      validateConfig({
        warehouses: { main: { layers: {}, enviroments: { dev: { url: 'pglite://memory' } } } },
      }),
    );
    expect(error.code).toBe('CONFIG');
    expect(error.message).toContain('warehouses.main.enviroments');
    expect(error.message).toContain('did you mean "environments"');
  });

  it('names a typo in a nested layer key', () => {
    const error = errorOf(() =>
      validateConfig({
        warehouses: { main: { layers: { bronz: { datakits: [kit] } }, environments: { dev: { url: 'x' } } } },
      }),
    );
    expect(error.message).toContain('warehouses.main.layers.bronz');
    expect(error.hint).toContain('"bronze"');
  });

  it('rejects a transfer from an undeclared source system with the nearest name', () => {
    const transfers = { t: { from: 'crn', source: kit.tables.t, target: kit.tables.t } };
    const error = errorOf(() =>
      validateConfig({ warehouses: { main: { ...good.warehouses.main, transfers } } }),
    );
    expect(error.message).toContain('warehouses.main.transfers.t.from');
    expect(error.hint).toContain('"crm"');
  });

  it('loads a config file and reports a typo in it with the file name', async () => {
    const file = path.join(import.meta.dirname, 'fixtures/typo.config.ts');
    const error = await loadConfig({ file }).then(
      () => undefined,
      (e: unknown) => e as DatakitError,
    );
    expect(error?.message).toContain('typo.config.ts: unknown key "warehouses.main.enviroments"');
  });

  it('says when there is no config file', async () => {
    const error = await loadConfig({ cwd: import.meta.dirname }).catch((e: unknown) => e as DatakitError);
    expect(error).toBeInstanceOf(DatakitError);
    expect((error as DatakitError).hint).toContain('--config');
  });

  it('resolves ${env:NAME} only when the URL is used, and names a missing variable without printing secrets', () => {
    const target = selectEnvironment(
      { config: validateConfig(good), file: '/x/datakit.config.ts', root: '/x' },
      { env: 'prod' },
    );
    const error = errorOf(() => target.warehouseUrl());
    expect(error.message).toBe(
      'Environment variable DK_TEST_PROD_URL is not set (used by warehouses.main.environments.prod.url)',
    );
    expect(error.hint).toContain('export DK_TEST_PROD_URL=');
    expect(target.sourceUrl('crm')).toBe('postgres://u:s3cret@db:5432/crm');
    expect(resolveEnvVars('${env:DK_X}/db', 'k', { DK_X: 'postgres://h' })).toBe('postgres://h/db');
  });

  it('makes relative pglite paths absolute against the config folder', () => {
    const target = selectEnvironment({
      config: validateConfig(good),
      file: '/x/datakit.config.ts',
      root: '/x',
    });
    expect(target.envName).toBe('dev');
    expect(target.warehouseUrl()).toBe('pglite:///x/.datakit/dev');
    expect(target.sourceUrl('crm')).toBe('pglite://memory');
  });

  it('suggests the nearest environment for a mistyped --env', () => {
    const error = errorOf(() =>
      selectEnvironment({ config: validateConfig(good), file: 'f', root: '/' }, { env: 'prd' }),
    );
    expect(error.code).toBe('USAGE');
    expect(error.hint).toBe('Did you mean --env prod?');
  });
});
