// Run by kill.test.ts in a child process: a replace transfer that reports progress on stdout,
// so the parent can SIGKILL it mid-load. A short heartbeat, so its lease runs out quickly.
import { transfer } from '../../src/transfer/transfer.js';
import { toBronze } from './fixtures.js';

const [from, to] = process.argv.slice(2) as [string, string];
let told = false;
await transfer({
  from,
  to,
  transform: toBronze,
  disposition: 'replace',
  heartbeatMs: 200,
  onProgress: (p) => {
    if (!told && p.read >= 20_000) {
      told = true;
      process.stdout.write(`loading ${p.read}\n`);
    }
  },
});
process.stdout.write('finished\n');
