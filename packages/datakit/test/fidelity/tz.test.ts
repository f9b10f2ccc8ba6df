import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { createTestDatabase, describeServer, type TestDatabase } from '../support/servers.js';

const ROWS = 1000;

function runChild(tz: string, source: string, target: string): Promise<string> {
  const script = fileURLToPath(new URL('./tz-child.ts', import.meta.url));
  return new Promise((resolve, reject) => {
    const child = spawn('npx', ['tsx', script, source, target, String(ROWS), '7'], {
      stdio: ['ignore', 'pipe', 'inherit'],
      env: { ...process.env, TZ: tz },
    });
    let out = '';
    child.stdout.on('data', (d: Buffer) => {
      out += d.toString();
    });
    child.once('error', reject);
    child.once('exit', (code) =>
      code === 0 ? resolve(out) : reject(new Error(`tz-child exited with ${code}`)),
    );
  });
}

// Whatever TZ the test runner has, the comparison also runs in processes east and west of UTC.
await describeServer('postgres', 'values are exact whatever the process time zone', () => {
  let source: TestDatabase;
  let target: TestDatabase;
  beforeAll(async () => {
    source = await createTestDatabase('postgres', 'fid_tz_src');
    target = await createTestDatabase('postgres', 'fid_tz_dst');
  });
  afterAll(async () => {
    await source?.drop();
    await target?.drop();
  });

  for (const [tz, offset] of [
    ['Asia/Kolkata', -330],
    ['America/New_York', 300],
  ] as const) {
    it(`under TZ=${tz}`, async () => {
      const line = (await runChild(tz, source.url, target.url)).trim().split('\n').pop() as string;
      const exact = { rows: ROWS, loaded: ROWS, rejects: [], onlySource: [], onlyTarget: [] };
      expect(JSON.parse(line)).toEqual({ tz, offsetMinutes: offset, postgres: exact, pglite: exact });
    }, 600_000);
  }
});
