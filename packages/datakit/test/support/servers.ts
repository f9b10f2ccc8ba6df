import { randomBytes } from 'node:crypto';
import net from 'node:net';
import { describe } from 'vitest';

/** A database server the server suites talk to. */
export type ServerKind = 'postgres' | 'mysql';

const DEFAULT_URLS: Record<ServerKind, string> = {
  postgres: 'postgres://postgres@127.0.0.1:5432/test',
  mysql: 'mysql://root@127.0.0.1:3306/test',
};
const ENV_NAMES: Record<ServerKind, string> = {
  postgres: 'DATAKIT_TEST_PG_URL',
  mysql: 'DATAKIT_TEST_MYSQL_URL',
};

/** The admin URL of a test server: the env variable, or the local default. */
export function serverUrl(kind: ServerKind): string {
  return process.env[ENV_NAMES[kind]] ?? DEFAULT_URLS[kind];
}

/** In CI (`CI` or `DATAKIT_TEST_SERVERS=required`) an unreachable server fails instead of skipping. */
export function serversRequired(): boolean {
  return process.env.DATAKIT_TEST_SERVERS === 'required' || (process.env.CI ?? '') !== '';
}

const probes = new Map<ServerKind, Promise<boolean>>();

/** Whether a TCP connection to the server's port opens within 2 s. */
export function serverReachable(kind: ServerKind): Promise<boolean> {
  let probe = probes.get(kind);
  if (!probe) {
    const url = new URL(serverUrl(kind));
    const port = Number(url.port || (kind === 'postgres' ? 5432 : 3306));
    probe = new Promise<boolean>((resolve) => {
      const socket = net.connect({ host: url.hostname, port, timeout: 2000 });
      socket.once('connect', () => {
        socket.destroy();
        resolve(true);
      });
      socket.once('timeout', () => {
        socket.destroy();
        resolve(false);
      });
      socket.once('error', () => resolve(false));
    });
    probes.set(kind, probe);
  }
  return probe;
}

/**
 * `describe` for a suite that needs a real server: runs when it is reachable; when it is not,
 * skips with a message on a laptop, and runs anyway in CI so that the suite fails loudly.
 */
export async function describeServer(kind: ServerKind, name: string, body: () => void): Promise<void> {
  const reachable = await serverReachable(kind);
  if (!reachable && !serversRequired()) {
    console.warn(
      `[datakit tests] ${kind} suite "${name}" SKIPPED: no server at ${new URL(serverUrl(kind)).host}. ` +
        `Start one or set ${ENV_NAMES[kind]}; set DATAKIT_TEST_SERVERS=required to make this a failure.`,
    );
    describe.skip(`${name} [${kind}: no server]`, body);
    return;
  }
  describe(`${name} [${kind}]`, body);
}

/** A throwaway database on a test server; `drop()` removes it. */
export interface TestDatabase {
  url: string;
  name: string;
  drop(): Promise<void>;
}

/**
 * Creates a fresh database named `dk_<prefix>_<random>` so concurrent test files never collide.
 *
 * @example
 * ```ts
 * const db = await createTestDatabase('postgres', 'deploy');
 * afterAll(() => db.drop());
 * ```
 */
export async function createTestDatabase(kind: ServerKind, prefix: string): Promise<TestDatabase> {
  const name = `dk_${prefix.replace(/[^a-z0-9_]/gi, '_').toLowerCase()}_${randomBytes(4).toString('hex')}`;
  const admin = new URL(serverUrl(kind));
  const url = new URL(admin.toString());
  url.pathname = `/${name}`;
  if (kind === 'postgres') {
    const { default: pg } = await import('pg');
    const run = async (sql: string) => {
      const client = new pg.Client({ connectionString: admin.toString() });
      await client.connect();
      try {
        await client.query(sql);
      } finally {
        await client.end();
      }
    };
    await run(`create database "${name}"`);
    return { url: url.toString(), name, drop: () => run(`drop database if exists "${name}" with (force)`) };
  }
  const mysql = await import('mysql2/promise');
  const run = async (sql: string) => {
    const conn = await mysql.createConnection({ uri: admin.toString() });
    try {
      await conn.query(sql);
    } finally {
      await conn.end();
    }
  };
  await run(`create database \`${name}\``);
  return { url: url.toString(), name, drop: () => run(`drop database if exists \`${name}\``) };
}
