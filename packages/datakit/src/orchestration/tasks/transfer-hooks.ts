import type { Table } from 'drizzle-orm';
import type { TransferOptions, TransferResult } from '../../transfer/transfer-options.js';

/**
 * How the transfer tasks of a run in this process run and report, beyond what their config says:
 * options every transfer gets (its progress line, `--reset-cursor`) and each attempt's full
 * result or error, as `datakit transfer` prints them.
 *
 * @example
 * ```ts
 * const transfers: TransferHooks = { options: { progress: true }, onEnd: (task, end) => ends.set(task, end) };
 * await runPipeline({ pipeline, environment: 'dev', store, endpoints, transfers });
 * ```
 */
export interface TransferHooks {
  options?: Pick<Partial<TransferOptions<Table, Table>>, 'progress' | 'resetCursor'>;
  onEnd?(task: string, end: { result: TransferResult } | { error: unknown }): void;
}
