import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect, it } from 'vitest';
import { jsonLine, runScript } from '../support/child-process.js';
import { createTestDatabase, describeServer } from '../support/servers.js';

const repo = path.resolve(import.meta.dirname, '../../../..');
const CHILD = fileURLToPath(new URL('./deploy-child.ts', import.meta.url));
const BIN = fileURLToPath(new URL('../../bin/datakit.js', import.meta.url));

function envFor(url: string): Record<string, string> {
  return {
    DATAKIT_TEST_WAREHOUSE_URL: url,
    DATAKIT_TEST_SYSTEM_A_URL: url,
    DATAKIT_TEST_SYSTEM_D_URL: url,
    DATAKIT_TEST_SYSTEM_E_URL: url,
  };
}

await describeServer('postgres', 'concurrent deploys of one warehouse', () => {
  for (const trial of [1, 2, 3]) {
    it(`two processes deploying a fresh warehouse at the same moment both end well: one applies, the other finds no changes (trial ${trial})`, async () => {
      const db = await createTestDatabase('postgres', 'deploy_race');
      try {
        const startAt = String(Date.now() + 6000);
        const deploy = () => runScript(CHILD, [repo, startAt], { env: envFor(db.url), timeoutMs: 120_000 });
        const outcomes = await Promise.all([deploy().outcome, deploy().outcome]);
        for (const o of outcomes) {
          expect({ code: o.code, timedOut: o.timedOut, error: jsonLine(o.stdout, 'ERROR') }).toEqual({
            code: 0,
            timedOut: false,
            error: undefined,
          });
        }
        const statuses = outcomes.map((o) => jsonLine<{ status: string }>(o.stdout, 'RESULT')?.status).sort();
        expect(statuses).toEqual(['applied', 'unchanged']);
      } finally {
        await db.drop();
      }
    }, 150_000);
  }

  it('two `datakit deploy` commands at once both exit 0', async () => {
    const db = await createTestDatabase('postgres', 'deploy_race_cli');
    try {
      const deploy = () =>
        runScript(BIN, ['deploy', '--env', 'test', '--json'], {
          cwd: repo,
          env: envFor(db.url),
          timeoutMs: 120_000,
        });
      const outcomes = await Promise.all([deploy().outcome, deploy().outcome]);
      for (const o of outcomes) expect({ code: o.code, stderr: o.stderr }).toEqual({ code: 0, stderr: '' });
      const statuses = outcomes.map((o) => (JSON.parse(o.stdout) as { status: string }).status).sort();
      expect(statuses).toEqual(['applied', 'unchanged']);
    } finally {
      await db.drop();
    }
  }, 150_000);
});
