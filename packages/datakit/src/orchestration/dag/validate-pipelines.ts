import type { DatakitConfig } from '../../config/define-config.js';
import { DatakitError } from '../../errors/datakit-error.js';
import { compilePipeline } from './compile-pipeline.js';
import { compileTransfers } from './compile-transfers.js';

/**
 * Plans every warehouse of a config and compiles its transfers (as `datakit transfer` runs them)
 * and every pipeline, so that a bad transfer, a cycle, an unknown table, transfer or task name,
 * or a duplicate is reported when the config loads, prefixed with the config file.
 *
 * @example
 * ```ts
 * validatePipelines(config, 'datakit.config.ts');
 * ```
 */
export function validatePipelines(config: DatakitConfig, file: string): void {
  for (const [warehouseName, warehouse] of Object.entries(config.warehouses)) {
    try {
      compileTransfers(warehouse, warehouseName);
      for (const name of Object.keys(warehouse.pipelines ?? {}))
        compilePipeline(warehouse, warehouseName, name);
    } catch (error) {
      if (!(error instanceof DatakitError)) throw error;
      throw new DatakitError(error.code, `${file}: ${error.message}`, {
        ...(error.hint ? { hint: error.hint } : {}),
        context: error.context,
        cause: error,
      });
    }
  }
}
