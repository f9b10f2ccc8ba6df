import { afterAll, beforeAll, describe } from 'vitest';
import { connect } from '../../src/dialect/connect.js';
import type { Connection } from '../../src/dialect/connection.js';
import { createTestDatabase, describeServer, type TestDatabase } from '../support/servers.js';

/** A source and a target connection for one direction of a fidelity suite. */
export interface Pair {
  source: Connection;
  target: Connection;
  /** Target is PGlite (no COPY: INSERT parameters). */
  targetIsPglite: boolean;
  sourceIsPglite: boolean;
}

type Kind = 'postgres' | 'pglite';

async function open(kind: Kind, prefix: string): Promise<{ conn: Connection; drop: () => Promise<void> }> {
  if (kind === 'pglite') {
    const conn = await connect('pglite://memory');
    return { conn, drop: async () => {} };
  }
  const db: TestDatabase = await createTestDatabase('postgres', prefix);
  const conn = await connect(db.url);
  return { conn, drop: () => db.drop() };
}

/**
 * Runs `body` for PostgreSQL → PostgreSQL (two databases), PostgreSQL → PGlite and PGlite →
 * PostgreSQL. The pairs that need the server are skipped (or fail, in CI) without one.
 */
export async function forEachPair(name: string, body: (pair: () => Pair) => void): Promise<void> {
  const directions: [Kind, Kind][] = [
    ['postgres', 'postgres'],
    ['postgres', 'pglite'],
    ['pglite', 'postgres'],
  ];
  for (const [from, to] of directions) {
    const title = `${name}: ${from} → ${to}`;
    const suite = () => {
      let pair: Pair | undefined;
      const drops: (() => Promise<void>)[] = [];
      beforeAll(async () => {
        const source = await open(from, 'fid_src');
        const target = await open(to, 'fid_dst');
        drops.push(source.drop, target.drop);
        pair = {
          source: source.conn,
          target: target.conn,
          sourceIsPglite: from === 'pglite',
          targetIsPglite: to === 'pglite',
        };
      });
      afterAll(async () => {
        await pair?.source.close();
        await pair?.target.close();
        for (const drop of drops) await drop();
      });
      body(() => pair as Pair);
    };
    if (from === 'pglite' && to === 'pglite') describe(title, suite);
    else await describeServer('postgres', title, suite);
  }
}
