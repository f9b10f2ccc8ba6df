/**
 * What identifies a transfer's loads and cursor: the warehouse and environment it runs in, its
 * name, and the source it reads. @internal
 *
 * @example
 * ```ts
 * const key: LoadKey = { warehouse: 'main', environment: 'prod', transfer: 'customer', sourceSystem: 'system-a', sourceTable: 'crm.customer', targetTable: 'bronze.customer' };
 * ```
 */
export interface LoadKey {
  warehouse: string;
  environment: string;
  transfer: string;
  sourceSystem: string;
  sourceTable: string;
  targetTable: string;
}
