import { expect, it } from 'vitest';
import type { Connection } from '../../src/dialect/connection.js';

/** COPY in and out with hostile values where the adapter supports it; absent methods where not. */
export function describeCopy(connection: () => Connection, schemaOf: () => string): void {
  const values: (string | null)[] = [
    'tab\there',
    'line\nbreak\r\n',
    'back\\slash \\N',
    null,
    '',
    'ünïcødé ✓',
    'quote \' "',
  ];
  const copyEscape = (v: string | null) =>
    v === null
      ? '\\N'
      : v.replaceAll('\\', '\\\\').replaceAll('\t', '\\t').replaceAll('\n', '\\n').replaceAll('\r', '\\r');
  const copyText = values.map((v, i) => `${i + 1}\t${copyEscape(v)}\n`).join('');

  it('copies text in and out with tabs, newlines, backslashes and NULL, or has no COPY at all', async () => {
    const conn = connection();
    if (!conn.dialect.adapter.supportsCopy) {
      expect(conn.copyFrom).toBeUndefined();
      expect(conn.copyTo).toBeUndefined();
      return;
    }
    const table = conn.dialect.adapter.quoteTable({ schema: schemaOf(), name: 'dk_copy' });
    await conn.query(`DROP TABLE IF EXISTS ${table}`);
    await conn.query(`CREATE TABLE ${table} (id integer primary key, value text)`);
    const bytes = new TextEncoder().encode(copyText);
    async function* pieces() {
      // 7-byte pieces split rows, escapes and multi-byte characters.
      for (let i = 0; i < bytes.length; i += 7) yield bytes.subarray(i, i + 7);
    }
    expect(await conn.copyFrom?.(`COPY ${table} (id, value) FROM STDIN`, pieces())).toBe(values.length);
    const { rows } = await conn.query<{ value: string | null }>(`SELECT value FROM ${table} ORDER BY id`);
    expect(rows.map((r) => r.value)).toEqual(values);

    const chunks: Uint8Array[] = [];
    for await (const chunk of copyTo(conn, `COPY (SELECT id, value FROM ${table} ORDER BY id) TO STDOUT`))
      chunks.push(chunk);
    expect(Buffer.concat(chunks).toString('utf8')).toBe(copyText);

    await conn.transaction(async (tx) => {
      expect(
        await tx.copyFrom?.(
          `COPY ${table} (id, value) FROM STDIN`,
          (async function* () {
            yield '100\tin a tx\n';
          })(),
        ),
      ).toBe(1);
    });
    expect((await conn.query(`SELECT * FROM ${table} WHERE id = 100`)).rows).toHaveLength(1);
  });

  it('reports bad COPY data as a QUERY error, passes a source error through, and keeps working', async () => {
    const conn = connection();
    if (!conn.dialect.adapter.supportsCopy) return;
    const table = conn.dialect.adapter.quoteTable({ schema: schemaOf(), name: 'dk_copy' });
    const bad = copyFrom(
      conn,
      `COPY ${table} (id, value) FROM STDIN`,
      (async function* () {
        yield 'not a number\tx\n';
      })(),
    );
    await expect(bad).rejects.toMatchObject({ code: 'QUERY', context: { driverCode: '22P02' } });
    const sourceError = new Error('source failed');
    const failing = copyFrom(
      conn,
      `COPY ${table} (id, value) FROM STDIN`,
      (async function* () {
        yield '200\tok\n';
        throw sourceError;
      })(),
    );
    await expect(failing).rejects.toBe(sourceError);
    expect((await conn.query(`SELECT * FROM ${table} WHERE id = 200`)).rows).toHaveLength(0);
  });
}

function copyFrom(
  conn: Connection,
  sql: string,
  chunks: AsyncIterable<Uint8Array | string>,
): Promise<number> {
  if (!conn.copyFrom) throw new Error(`${conn.dialect.name} says supportsCopy but has no copyFrom`);
  return conn.copyFrom(sql, chunks);
}

function copyTo(conn: Connection, sql: string): AsyncIterable<Uint8Array> {
  if (!conn.copyTo) throw new Error(`${conn.dialect.name} says supportsCopy but has no copyTo`);
  return conn.copyTo(sql);
}
