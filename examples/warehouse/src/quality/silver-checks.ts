import { bronze } from '@datakit-examples/bronze';
import { contractChecks, inLayer, type QualityCheck, rowCountCheck } from 'datakit-warehouse';

const t = bronze.tables;

/**
 * The checks of the silver layer: every table's contract (not null, keys, foreign keys), and
 * silver's customers reconciled with bronze's (silver dedupes, and bronze already holds one row
 * per customer, so the counts must match).
 *
 * @example
 * ```ts
 * tasks: [{ name: 'check-silver', checks: silverChecks }]
 * ```
 */
export const silverChecks: readonly QualityCheck[] = [
  ...[t.customer, t.address, t.category, t.product, t.order, t.order_line].flatMap((table) =>
    contractChecks(inLayer(table, 'silver')),
  ),
  rowCountCheck(inLayer(t.customer, 'silver'), inLayer(t.customer, 'bronze')),
];
