import type { SelectedEnvironment } from '../../config/select-environment.js';
import type { CompiledPipeline } from '../dag/compiled-pipeline.js';
import type { ConnectionEndpoints } from '../execute/attempt-connections.js';

/**
 * The URLs a pipeline's tasks connect to in an environment: the warehouse, and every source
 * system the environment names. A system a transfer task reads must resolve now (its
 * `${env:…}` set); the others are left out when they do not, so a pipeline never needs the
 * secrets of systems it does not use.
 *
 * @example
 * ```ts
 * const endpoints = pipelineEndpoints(target, pipeline);
 * ```
 */
export function pipelineEndpoints(
  target: SelectedEnvironment,
  pipeline: CompiledPipeline,
): ConnectionEndpoints {
  const needed = new Set(
    [...pipeline.tables.values()].flatMap((p) => (p.layer === 'source' ? [p.system] : [])),
  );
  const sources: Record<string, string> = {};
  for (const system of Object.keys(target.environment.sources ?? {})) {
    try {
      sources[system] = target.sourceUrl(system);
    } catch (error) {
      if (needed.has(system)) throw error;
    }
  }
  for (const system of needed) if (!(system in sources)) sources[system] = target.sourceUrl(system);
  return { warehouse: target.warehouseUrl(), sources };
}
