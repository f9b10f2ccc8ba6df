// Run by kill.test.ts in a child process: a replace transfer that reports progress on stdout,
// so the parent can SIGKILL it mid-load.
import { transfer } from '../../src/transfer/transfer.js';
import { toBronze } from './fixtures.js';

const [from, to] = process.argv.slice(2) as [string, string];
let told = false;
await transfer({
  from,
  to,
  transform: toBronze,
  disposition: 'replace',
  onProgress: (p) => {
    if (!told && p.read >= 20_000) {
      told = true;
      process.stdout.write(`loading ${p.read}\n`);
    }
  },
});
process.stdout.write('finished\n');
