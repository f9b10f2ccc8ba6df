// Run by the failure tests in a child process: one transfer described by a JSON argument. Prints
// `loading <rows>` once `signalAt` rows were read (so the parent can kill or terminate something
// mid-stream), then `RESULT <json>` or `ERROR <json>` and exits 0 or 1. No last-resort handler: a
// transfer that never settles shows up as Node's exit code 13.
import { DatakitError } from '../../src/errors/datakit-error.js';
import { transfer } from '../../src/transfer/transfer.js';
import type { TransferOptions } from '../../src/transfer/transfer-options.js';
import { toBronze, toHistory } from './fixtures.js';
import { mysqlToBronze } from './mysql-customer.js';

/** What the parent asks the child to run. */
export interface ChildSpec {
  from: string;
  to: string;
  transform?: 'bronze' | 'history' | 'mysql';
  disposition?: TransferOptions['disposition'];
  cursor?: 'updated_at';
  maxRejects?: number;
  partitions?: number;
  heartbeatMs?: number;
  lockTimeout?: number;
  signalAt?: number;
}

const spec = JSON.parse(process.argv[2] ?? '{}') as ChildSpec;
let told = false;
try {
  const result = await transfer({
    from: spec.from,
    to: spec.to,
    transform: (spec.transform === 'history'
      ? toHistory
      : spec.transform === 'mysql'
        ? mysqlToBronze
        : toBronze) as never,
    ...(spec.disposition ? { disposition: spec.disposition } : {}),
    ...(spec.cursor ? { cursor: spec.cursor as never } : {}),
    ...(spec.maxRejects === undefined ? {} : { maxRejects: spec.maxRejects }),
    ...(spec.partitions === undefined ? {} : { partitions: spec.partitions }),
    ...(spec.heartbeatMs === undefined ? {} : { heartbeatMs: spec.heartbeatMs }),
    ...(spec.lockTimeout === undefined ? {} : ({ lockTimeout: spec.lockTimeout } as object)),
    onProgress: (p) => {
      if (!told && spec.signalAt !== undefined && p.read >= spec.signalAt) {
        told = true;
        process.stdout.write(`loading ${p.read}\n`);
      }
    },
  });
  process.stdout.write(`RESULT ${JSON.stringify({ rows: result.rows, loadId: result.loadId })}\n`);
} catch (err) {
  const body =
    err instanceof DatakitError
      ? { ...err.toJSON(), datakit: true, cause: String((err.cause as Error | undefined)?.message ?? '') }
      : { message: String((err as Error)?.message ?? err), datakit: false };
  process.stdout.write(`ERROR ${JSON.stringify(body)}\n`);
  process.exitCode = 1;
}
