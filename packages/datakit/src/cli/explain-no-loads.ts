import type { SelectedEnvironment } from '../config/select-environment.js';
import type { Connection } from '../dialect/connection.js';
import { DatakitError } from '../errors/datakit-error.js';
import { nearestName } from '../errors/nearest-name.js';
import { listLoadNames } from '../store/loads/list-load-names.js';
import type { RejectLoadFilter } from '../store/loads/list-reject-loads.js';
import { getRun } from '../store/runs/get-run.js';
import type { StoreSchema } from '../store/store-schema.js';

/**
 * Why `datakit rejects` found no load: a usage error for a load, transfer or run the store does
 * not know (with the nearest transfer name), else the line to print (a declared transfer that has
 * not run yet, a run without loads, a warehouse without loads).
 *
 * @example
 * ```ts
 * io.out(await explainNoLoads(conn, { filter, scope, where: 'warehouse "shop" (dev)', target }, store));
 * ```
 */
export async function explainNoLoads(
  conn: Connection,
  ask: {
    filter: RejectLoadFilter;
    scope: { warehouse: string; environment: string };
    where: string;
    target: SelectedEnvironment;
  },
  store: StoreSchema,
): Promise<string> {
  const { filter, scope, where, target } = ask;
  switch (filter.by) {
    case 'latest':
    case 'all':
      return `No ${filter.by === 'all' ? 'rejected rows' : 'loads'} in ${where} yet.`;
    case 'load':
      throw new DatakitError('USAGE', `No load ${filter.loadId} in ${where}`, {
        hint: 'datakit rejects shows the latest load of each transfer; datakit rejects --run <id> the loads of a run.',
      });
    case 'run': {
      const found = await getRun(conn, filter.runId, store);
      if (!found || found.run.warehouse !== scope.warehouse || found.run.environment !== scope.environment)
        throw new DatakitError('USAGE', `No run ${filter.runId} in ${where}`, {
          hint: 'List the runs with: datakit runs',
        });
      return `Run ${filter.runId} (${found.run.pipeline}, ${found.run.state}) recorded no loads: none of its tasks moved rows.`;
    }
    case 'transfer': {
      const declared = Object.keys(target.warehouse.transfers ?? {});
      if (declared.includes(filter.name))
        return `Transfer "${filter.name}" has no loads in ${where} yet: run datakit transfer ${filter.name}.`;
      const names = [...new Set([...declared, ...(await listLoadNames(conn, scope, store))])].sort();
      const near = nearestName(filter.name, names);
      throw new DatakitError(
        'USAGE',
        `No transfer or SQL transform ${JSON.stringify(filter.name)} has loads in ${where}`,
        {
          hint: near
            ? `Did you mean "${near}"?`
            : names.length > 0
              ? `Names with loads or declared: ${names.join(', ')}.`
              : 'Nothing has loaded yet: run datakit transfer or datakit run first.',
        },
      );
    }
  }
}
