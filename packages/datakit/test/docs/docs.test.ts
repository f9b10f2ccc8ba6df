import { readFileSync } from 'node:fs';
import path from 'node:path';
import { integer, pgTable, text } from 'drizzle-orm/pg-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { validateConfig } from '../../src/config/load-config.js';
import { lineageColumns } from '../../src/contract/lineage-columns.js';
import { connect } from '../../src/dialect/connect.js';
import type { Connection } from '../../src/dialect/connection.js';
import { transfer } from '../../src/transfer/transfer.js';
import { crmBronze } from './datakit-options.js';
import { category } from './raw-category.js';
import config from './warehouse-config.js';

const repo = path.resolve(import.meta.dirname, '../../../..');

/** The README's `<!-- docs: <file> -->` blocks and the code that follows each. */
function readmeBlocks(): { file: string; code: string }[] {
  const readme = readFileSync(path.join(repo, 'README.md'), 'utf8');
  return [...readme.matchAll(/<!-- docs: (\S+) -->\n```ts\n([\s\S]*?)```/g)].map((m) => ({
    file: m[1] as string,
    code: m[2] as string,
  }));
}

/** The `// #region readme` part of a file, or the whole file. */
function region(file: string): string {
  const text = readFileSync(path.join(repo, file), 'utf8');
  const found = /\/\/ #region readme\n([\s\S]*?)\/\/ #endregion\n/.exec(text);
  return found ? (found[1] as string) : text;
}

describe('README examples are the compiled files under test/docs', () => {
  it('quotes each file exactly', () => {
    const blocks = readmeBlocks();
    expect(blocks.map((b) => b.file).sort()).toEqual([
      'packages/datakit/test/docs/datakit-options.ts',
      'packages/datakit/test/docs/raw-category.ts',
      'packages/datakit/test/docs/warehouse-config.ts',
    ]);
    for (const block of blocks) expect(block.code, block.file).toBe(region(block.file));
  });

  it('the warehouse config is valid, as the CLI checks it', () => {
    const checked = validateConfig(config, 'warehouse-config.ts');
    expect(Object.keys(checked.warehouses.main?.transfers ?? {})).toEqual([
      'customer',
      'order',
      'raw_category',
    ]);
    expect(crmBronze.optionsOf('price')).toMatchObject({
      writeDisposition: 'history',
      driftPolicy: 'evolve',
    });
    expect(crmBronze.optionsOf('customer')).toMatchObject({ writeDisposition: 'merge', driftPolicy: 'fail' });
  });
});

describe('a transfer without a transform', () => {
  const source = pgTable('category', {
    category_id: integer().primaryKey(),
    name: text().notNull(),
    parent_id: integer(),
  });
  const lineageSql =
    '_load_id uuid not null, _loaded_at timestamptz not null, _source_system text not null, _source_table text not null';
  let from: Connection;
  let to: Connection;

  beforeAll(async () => {
    [from, to] = await Promise.all([connect('pglite://memory'), connect('pglite://memory')]);
    await from.query(
      'create table category (category_id integer primary key, name text not null, parent_id integer)',
    );
    await from.query("insert into category values (1, 'Tools', null), (2, 'Saws', 1)");
  });
  afterAll(async () => {
    await from?.close();
    await to?.close();
  });

  it('copies every target column whose key the source has, lineage filled by the engine', async () => {
    await to.query(
      `create table raw_category (category_id integer primary key, name text not null, parent_id integer, ${lineageSql})`,
    );
    const result = await transfer({ from, to, source, target: category, sourceSystem: 'system-e' });
    expect(result.rows).toMatchObject({ read: 2, loaded: 2, rejected: 0 });
    const { rows } = await to.query(
      'select category_id, name, parent_id, _source_system from raw_category order by 1',
    );
    expect(rows).toEqual([
      { category_id: 1, name: 'Tools', parent_id: null, _source_system: 'system-e' },
      { category_id: 2, name: 'Saws', parent_id: 1, _source_system: 'system-e' },
    ]);
  });

  it('rejects rows whose target needs a column the source does not have, naming it', async () => {
    const target = pgTable('needs_more', {
      category_id: integer().primaryKey(),
      label: text().notNull(),
      ...lineageColumns(),
    });
    await to.query(
      `create table needs_more (category_id integer primary key, label text not null, ${lineageSql})`,
    );
    const result = await transfer({ from, to, source, target, maxRejects: 2 });
    expect(result.rows).toMatchObject({ read: 2, loaded: 0, rejected: 2 });
    const { rows } = await to.query<{ message: string }>(
      "select message from datakit.rejects where target_table like '%needs_more%'",
    );
    expect(rows[0]?.message).toContain('label');
  });
});
