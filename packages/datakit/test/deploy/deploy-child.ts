// Run by deploy-lock.test.ts in a child process: loads the repository's config, connects to the
// `test` warehouse, waits until the wall-clock time given as argument (so two children start
// planning at the same moment), deploys, and prints `RESULT <status>` or `ERROR <message>`.
import { loadConfig } from '../../src/config/load-config.js';
import { selectEnvironment } from '../../src/config/select-environment.js';
import { deployWarehouse } from '../../src/deploy/deploy-warehouse.js';
import { connect } from '../../src/dialect/connect.js';

const [cwd, startAt] = process.argv.slice(2) as [string, string];
const loaded = await loadConfig({ cwd });
const target = selectEnvironment(loaded, { env: 'test' });
const connection = await connect(target.warehouseUrl());
try {
  await new Promise((resolve) => setTimeout(resolve, Math.max(0, Number(startAt) - Date.now())));
  const result = await deployWarehouse({ warehouse: target.warehouse, connection, apply: true });
  process.stdout.write(`RESULT ${JSON.stringify({ status: result.status })}\n`);
} catch (err) {
  process.stdout.write(`ERROR ${JSON.stringify({ message: (err as Error).message })}\n`);
  process.exitCode = 1;
} finally {
  await connection.close();
}
