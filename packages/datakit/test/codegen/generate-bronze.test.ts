import { execFile } from 'node:child_process';
import { readFile, rm } from 'node:fs/promises';
import { createRequire } from 'node:module';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { promisify } from 'node:util';
import type { Table } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bronzeNames } from '../../src/codegen/bronze-names.js';
import { type GenerateBronzeResult, generateBronze } from '../../src/codegen/generate-bronze.js';
import { toSnakeCase } from '../../src/codegen/snake-case.js';
import { compileValidator } from '../../src/contract/compile-validator.js';
import type { Datakit } from '../../src/contract/define-datakit.js';
import type { Transform } from '../../src/contract/define-transform.js';
import { factory } from '../../src/factory/factory.js';
import { generatedDir, typeCheck } from './type-check.js';

const fixture = path.join(import.meta.dirname, 'fixtures', 'erp.ts');

describe('snake_case bronze names', () => {
  it('splits PascalCase, camelCase, acronyms and punctuation', () => {
    expect(toSnakeCase('OrderLines')).toBe('order_lines');
    expect(toSnakeCase('customerID')).toBe('customer_id');
    expect(toSnakeCase('HTTPServerLog')).toBe('http_server_log');
    expect(toSnakeCase('Address2Line')).toBe('address2_line');
    expect(toSnakeCase('Unit Price (EUR)')).toBe('unit_price_eur');
    expect(toSnakeCase('already_snake')).toBe('already_snake');
    expect(toSnakeCase('Größe')).toBe('größe');
    expect(toSnakeCase('__proto__')).toBe('proto');
    expect(toSnakeCase('"*/')).toBe('');
  });

  it('cuts names PostgreSQL would truncate, keeping long names apart', () => {
    const a = toSnakeCase(`${'VeryLong'.repeat(9)}A`);
    const b = toSnakeCase(`${'VeryLong'.repeat(9)}B`);
    expect(Buffer.byteLength(a)).toBeLessThanOrEqual(63);
    expect(a).not.toBe(b);
  });

  it('renames collisions with the mixin columns and with each other', () => {
    const [table] = bronzeNames(
      [{ name: 'T', columns: ['updated_at', 'UpdatedAt', 'order_id', 'OrderId', 'systime', '%%'] }],
      'transactional',
    );
    expect([...(table?.columns.values() ?? [])]).toEqual([
      'source_updated_at',
      'source_updated_at_2',
      'order_id',
      'order_id_2',
      'source_systime',
      'column_6',
    ]);
  });
});

describe('datakit generate bronze (from a MySQL-style PascalCase datakit)', () => {
  let dir: string;
  let first: GenerateBronzeResult;
  let code: Record<string, string>;

  beforeAll(async () => {
    dir = await generatedDir('bronze');
    first = await generateBronze({ source: fixture, out: path.join(dir, 'bronze-erp') });
    code = Object.fromEntries(
      await Promise.all(first.files.map(async (f) => [path.basename(f), await readFile(f, 'utf8')] as const)),
    );
  });
  afterAll(async () => {
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  it('writes tables, transforms, transfers and the name mapping', () => {
    expect(first.files.map((f) => path.basename(f))).toEqual([
      'index.ts',
      'transforms.ts',
      'transfers.ts',
      'names.ts',
    ]);
    expect(first).toMatchObject({
      system: 'erp',
      datakitExport: 'bronzeErp',
      transfersExport: 'erpTransfers',
    });
    expect(first.tables.map(({ source, bronze }) => ({ source, bronze }))).toEqual([
      { source: 'Customers', bronze: 'customers' },
      { source: 'OrderLines', bronze: 'order_lines' },
      { source: 'auditLog', bronze: 'audit_log' },
    ]);
    expect(code['index.ts']).toContain('source_updated_at: timestamp({ precision: 3 }).notNull(),');
    expect(code['index.ts']).toContain('(t) => [primaryKey({ columns: [t.order_id, t.line_no] })],');
    expect(code['index.ts']).toContain("constructor_: text('constructor'),");
    expect(code['transforms.ts']).toContain("unit_price_eur: row['Unit Price (EUR)'],");
    expect(code['names.ts']).toContain("'Unit Price (EUR)': 'unit_price_eur',");
    expect(code['transfers.ts']).toContain('erp_order_lines: {');
  });

  it('regenerates byte-identical files', async () => {
    const again = await generateBronze({ source: fixture, out: path.join(dir, 'bronze-erp') });
    for (const file of again.files) expect(await readFile(file, 'utf8')).toBe(code[path.basename(file)]);
  });

  it('type-checks under the strict tsconfig and is formatted as Biome writes it', async () => {
    expect(await typeCheck(path.join(dir, 'bronze-erp'))).toEqual([]);
    const biome = path.resolve(
      path.dirname(createRequire(import.meta.url).resolve('@biomejs/biome/package.json')),
      'bin/biome',
    );
    const outcome = await promisify(execFile)(biome, ['check', ...first.files]).then(
      () => '',
      (error: { stdout?: string; stderr?: string }) => `${error.stdout ?? ''}${error.stderr ?? ''}`,
    );
    expect(outcome).toBe('');
  }, 180_000);

  it('transforms every factory row of the source into a valid bronze row', async () => {
    const transforms = (await import(pathToFileURL(first.files[1] as string).href)) as Record<
      string,
      Transform<Table, Table>
    >;
    const bronze = ((await import(pathToFileURL(first.files[0] as string).href)) as Record<string, Datakit>)
      .bronzeErp as Datakit;
    expect(Object.keys(transforms).sort()).toEqual([
      'auditLogFromErp',
      'customersFromErp',
      'orderLinesFromErp',
    ]);
    for (const transform of Object.values(transforms)) {
      const validate = compileValidator(transform.target, { mode: 'insert' });
      for (const row of factory(transform.source).build(50, { seed: 1 })) {
        expect(validate.explainAll(transform.apply(row))).toEqual([]);
      }
    }
    expect(bronze.keys).toEqual(['customers', 'orderLines', 'auditLog']);
    expect(bronze.optionsOf('auditLog').writeDisposition).toBe('replace');
    expect(bronze.schemaOf('orderLines').primaryKey?.columns).toEqual(['order_id', 'line_no']);
    expect(bronze.schemaOf('customers').foreignKeys).toEqual([]);
  });
});
