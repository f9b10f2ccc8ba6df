import { expect, it } from 'vitest';
import type { Connection } from '../../src/dialect/connection.js';
import { suiteHelpers } from './suite-helpers.js';

/** SQL the dialect writes for others: string literals, a row with its own generated key, partial indexes. */
export function describeStatements(connection: () => Connection, schemaOf: () => string): void {
  const { ph, t, q, create, simple, int, text, insertMany } = suiteHelpers(connection, schemaOf);
  const ddl = () => connection().dialect.createDdlCompiler();

  it('quotes string literals the server reads back as written (quotes, backslashes, newlines)', async () => {
    const hostile = ["it's", "''", '\\', 'C:\\temp\\new', "\\'; select 1; --", 'a\nb\tc', "E'x'", 'naïve ✓'];
    for (const value of hostile) {
      const { rows } = await connection().query<{ v: string }>(
        `select ${connection().dialect.adapter.quoteString(value)} as v`,
      );
      expect(rows[0]?.v, value).toBe(value);
    }
  });

  it('inserts a row with its own value for a generated key, once (insertKeyedRow)', async () => {
    const table = simple(
      'keyed_row',
      [{ name: 'k', type: { kind: 'integer' }, nullable: false, generated: 'identity' }, text('note')],
      'k',
    );
    await create(table);
    const keyed = ddl().insertKeyedRow(table, {
      key: 'k',
      columns: ['k', 'note'],
      values: ['-1', connection().dialect.adapter.quoteString('unknown')],
    });
    await connection().query(keyed);
    await connection().query(keyed);
    await connection().query(`INSERT INTO ${t('keyed_row')} (${q('note')}) VALUES (${ph(1)})`, ['next']);
    const { rows } = await connection().query<{ k: number; note: string }>(
      `SELECT ${q('k')} AS k, ${q('note')} AS note FROM ${t('keyed_row')} ORDER BY ${q('k')}`,
    );
    expect(rows.map((r) => [Number(r.k), r.note])).toEqual([
      [-1, 'unknown'],
      [1, 'next'],
    ]);
  });

  it('creates a partial index where the family has them, else says UNSUPPORTED', async () => {
    const table = simple(
      'partial_ix',
      [int('id'), int('k'), { name: 'cur', type: { kind: 'boolean' }, nullable: false }],
      'id',
    );
    await create(table);
    const index = { name: 'partial_ix_current', columns: ['k'], unique: true };
    const partial = () => ddl().createIndex(table, index, q('cur'));
    if (connection().dialect.adapter.family === 'mysql') {
      expect(partial).toThrow(expect.objectContaining({ code: 'UNSUPPORTED' }));
      return;
    }
    await connection().query(partial());
    await insertMany(
      'partial_ix',
      ['id', 'k', 'cur'],
      [
        [1, 7, false],
        [2, 7, false],
        [3, 7, true],
      ],
    );
    await expect(connection().query(`INSERT INTO ${t('partial_ix')} VALUES (4, 7, true)`)).rejects.toThrow();
  });
}
