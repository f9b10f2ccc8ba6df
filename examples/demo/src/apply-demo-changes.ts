import type { Connection } from 'datakit-warehouse';
import { type Column, getTableColumns, type Table } from 'drizzle-orm';
import { sourceTableFor } from './create-source-tables.js';
import type { DemoChanges } from './demo-changes.js';
import type { DemoSources } from './demo-rows.js';
import { insertRows } from './insert-rows.js';

/** What {@link applyDemoChanges} wrote to the sources. */
export interface AppliedDemoChanges {
  /** The day's start (ISO), which the second run uses as its logical time. */
  at: string;
  updatedCustomers: number;
  newCustomers: number;
  newOrders: number;
  newOrderLines: number;
}

/**
 * Applies the demo's second day to the sources, as their applications would: an UPDATE of the
 * changed columns of each updated System A customer, then INSERTs of the new customers and of
 * System D's new orders and order lines.
 *
 * @example
 * ```ts
 * const applied = await applyDemoChanges(rows.changes, { sources, connections });
 * applied.updatedCustomers; // 100
 * ```
 */
export async function applyDemoChanges(
  changes: DemoChanges,
  target: { sources: DemoSources; connections: Readonly<Record<string, Connection>> },
): Promise<AppliedDemoChanges> {
  const a = connectionOf(target.connections, 'system-a');
  const d = connectionOf(target.connections, 'system-d');
  const systemA = target.sources['system-a'];
  const systemD = target.sources['system-d'];
  const customer = systemA.tables.customer as Table;
  const customerSchema = sourceTableFor(systemA.schemaOf('customer'), a.dialect.adapter.supportsEnumTypes);
  const names = new Map(
    Object.entries(getTableColumns(customer) as Record<string, Column>).map(([k, c]) => [k, c.name]),
  );
  const ad = a.dialect.adapter;
  await a.transaction(async (tx) => {
    for (const { key, set } of changes.customerUpdates) {
      const params: unknown[] = [];
      const assign = (entries: [string, unknown][], glue: string) =>
        entries
          .map(([k, v]) => {
            params.push(v);
            return `${ad.quoteIdentifier(names.get(k) ?? k)} = ${ad.placeholder(params.length)}`;
          })
          .join(glue);
      const sets = assign(Object.entries(set), ', ');
      const where = assign(Object.entries(key), ' and ');
      await tx.query(`UPDATE ${ad.quoteTable(customerSchema)} SET ${sets} WHERE ${where}`, params);
    }
  });
  await insertRows(a, customer, customerSchema, changes.newCustomers);
  const enumTypes = d.dialect.adapter.supportsEnumTypes;
  await insertRows(
    d,
    systemD.tables.orders as Table,
    sourceTableFor(systemD.schemaOf('orders'), enumTypes),
    changes.newOrders,
  );
  await insertRows(
    d,
    systemD.tables.order_line as Table,
    sourceTableFor(systemD.schemaOf('order_line'), enumTypes),
    changes.newLines,
  );
  return {
    at: changes.at.toISOString(),
    updatedCustomers: changes.customerUpdates.length,
    newCustomers: changes.newCustomers.length,
    newOrders: changes.newOrders.length,
    newOrderLines: changes.newLines.length,
  };
}

function connectionOf(connections: Readonly<Record<string, Connection>>, system: string): Connection {
  const conn = connections[system];
  if (!conn) throw new Error(`internal: the demo has no connection for ${system}`);
  return conn;
}
