import fc from 'fast-check';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { connect } from '../../src/dialect/connect.js';
import type { Connection } from '../../src/dialect/connection.js';
import { transfer } from '../../src/transfer/transfer.js';
import { createTestDatabase, describeServer, type TestDatabase } from '../support/servers.js';
import { typeRow } from './mysql-arbitraries.js';
import { diffInSql } from './mysql-compare.js';
import { fidSource, fidTarget, TYPE_CASES, typeTableSql } from './mysql-type-cases.js';

const RUNS = 5;
const ROWS_PER_RUN = 2000;

await describeServer('mysql', 'property: random MariaDB rows arrive exactly', () => {
  let mysqlDb: TestDatabase;
  let pgDb: TestDatabase;
  let source: Connection;
  let target: Connection;
  beforeAll(async () => {
    mysqlDb = await createTestDatabase('mysql', 'fid_property');
    pgDb = await createTestDatabase('postgres', 'fid_property_dw');
    source = await connect(mysqlDb.url);
    target = await connect(pgDb.url);
    const sql = typeTableSql();
    for (const statement of sql.mysql.slice(0, 2)) await source.query(statement);
    await target.query(sql.pg);
  });
  afterAll(async () => {
    await source?.close();
    await target?.close();
    await mysqlDb?.drop();
    await pgDb?.drop();
  });

  it(`keeps ${(RUNS * ROWS_PER_RUN).toLocaleString('en-US')} random rows of every type exactly (compared both ways in SQL)`, async () => {
    const placeholders = `(?, ${TYPE_CASES.map(() => '?').join(', ')})`;
    let read = 0;
    await fc.assert(
      fc.asyncProperty(
        fc.array(typeRow, { minLength: ROWS_PER_RUN, maxLength: ROWS_PER_RUN }),
        async (rows) => {
          await source.query('truncate fid');
          for (let from = 0; from < rows.length; from += 250) {
            const chunk = rows.slice(from, from + 250);
            await source.query(
              `insert into fid (id, ${TYPE_CASES.map((c) => `\`${c.name}\``).join(', ')}) values ${chunk.map(() => placeholders).join(', ')}`,
              chunk.flatMap((row, i) => [from + i + 1, ...row]),
            );
          }
          const result = await transfer({
            from: source,
            to: target,
            source: fidSource,
            target: fidTarget,
            disposition: 'replace',
            batchSize: 500,
          });
          read += result.rows.read;
          expect(result.rejects).toEqual([]);
          expect(result.rows).toMatchObject({ read: ROWS_PER_RUN, loaded: ROWS_PER_RUN });
          const diff = await diffInSql(source, 'fid', target, 'fid', TYPE_CASES);
          if (diff.missing.length + diff.extra.length > 0)
            throw new Error(
              `${diff.missing.length} source rows differ in the target: ${diff.columns.map((c) => c.slice(0, 200)).join('; ')}`,
            );
        },
      ),
      {
        numRuns: RUNS,
        endOnFailure: true,
        // 2,000-row counterexamples are unreadable: report the seed and the rows that differ instead.
        reporter: (run) => {
          if (!run.failed) return;
          const cause =
            run.errorInstance instanceof Error ? run.errorInstance.message : String(run.errorInstance);
          throw new Error(`Property failed (seed ${run.seed}, path ${run.counterexamplePath}): ${cause}`);
        },
      },
    );
    expect(read).toBe(RUNS * ROWS_PER_RUN);
  }, 600_000);
});
