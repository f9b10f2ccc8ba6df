import type { DatakitConfig } from '../../config/define-config.js';
import { DatakitError } from '../../errors/datakit-error.js';
import { compilePipeline } from './compile-pipeline.js';

/**
 * Compiles every pipeline of a config, so that a cycle, an unknown table, transfer or task name,
 * or a duplicate is reported when the config loads, prefixed with the config file.
 *
 * @example
 * ```ts
 * validatePipelines(config, 'datakit.config.ts');
 * ```
 */
export function validatePipelines(config: DatakitConfig, file: string): void {
  for (const [warehouseName, warehouse] of Object.entries(config.warehouses)) {
    for (const name of Object.keys(warehouse.pipelines ?? {})) {
      try {
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
}
