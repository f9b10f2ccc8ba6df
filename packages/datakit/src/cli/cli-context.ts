import path from 'node:path';
import { type LoadedConfig, loadConfig } from '../config/load-config.js';
import { type SelectedEnvironment, selectEnvironment } from '../config/select-environment.js';
import { connect } from '../dialect/connect.js';
import type { Connection } from '../dialect/connection.js';
import { validatePipelines } from '../orchestration/dag/validate-pipelines.js';
import type { CommonOptions } from './add-common-options.js';
import type { CliIO } from './cli-io.js';

export type { CommonOptions } from './add-common-options.js';
export { type CliIO, processIO } from './cli-io.js';

/**
 * Loads the config (its transfers and pipelines planned and compiled, so their errors are the
 * config file's) and selects the warehouse environment a command works on.
 *
 * @example
 * ```ts
 * const { target } = await loadTarget({ env: 'dev' }, processIO);
 * ```
 */
export async function loadTarget(
  options: CommonOptions,
  io: CliIO,
): Promise<{ loaded: LoadedConfig; target: SelectedEnvironment }> {
  const loaded = await loadChecked(options.config, io);
  const target = selectEnvironment(loaded, {
    ...(options.env ? { env: options.env } : {}),
    ...(options.warehouse ? { warehouse: options.warehouse } : {}),
  });
  return { loaded, target };
}

/**
 * Loads the config and checks what the warehouse plan checks: every transfer and pipeline.
 *
 * @example
 * ```ts
 * const loaded = await loadChecked(flags.config, io);
 * ```
 */
export async function loadChecked(file: string | undefined, io: CliIO): Promise<LoadedConfig> {
  const loaded = await loadConfig({ ...(file ? { file } : {}), cwd: io.cwd });
  validatePipelines(loaded.config, path.relative(io.cwd, loaded.file) || loaded.file);
  return loaded;
}

/**
 * Opens a connection for the duration of `fn` and always closes it.
 *
 * @example
 * ```ts
 * await withConnection(target.warehouseUrl(), (conn) => conn.query('select 1'));
 * ```
 */
export async function withConnection<T>(url: string, fn: (conn: Connection) => Promise<T>): Promise<T> {
  const conn = await connect(url);
  try {
    return await fn(conn);
  } finally {
    await conn.close();
  }
}
