import { DatakitError } from '../errors/datakit-error.js';
import type { PlannedTransfer } from './plan-transfers.js';

/**
 * One task of a warehouse's graph: a transfer, the tables it reads and writes (by id), and the
 * tasks it must run after.
 *
 * @example
 * ```ts
 * const task: WarehouseTask = { id: 'silver_customer', transfer: 'silver_customer', reads: ['bronze.customer'], writes: ['silver.customer'], after: ['customer'] };
 * ```
 */
export interface WarehouseTask {
  id: string;
  transfer: string;
  reads: string[];
  writes: string[];
  after: string[];
}

/**
 * Why a task waits for another: it reads a table the other writes (`data`), or it writes a table
 * whose foreign key references a table the other writes (`foreign-key`).
 *
 * @example
 * ```ts
 * const edge: TaskEdge = { from: 'customer', to: 'silver_customer', table: 'bronze.customer', reason: 'data' };
 * ```
 */
export interface TaskEdge {
  from: string;
  to: string;
  table: string;
  reason: 'data' | 'foreign-key';
}

/**
 * The tasks, the edges between them, and one order that respects every edge (declaration order
 * where nothing constrains it).
 *
 * @example
 * ```ts
 * for (const id of graph.order) await run(graph.tasks.find((t) => t.id === id)!);
 * ```
 */
export interface TaskGraph {
  tasks: WarehouseTask[];
  edges: TaskEdge[];
  order: string[];
}

/**
 * Builds the task graph of a warehouse's transfers from the data they move: a task reading a
 * table runs after every task writing it, and a task writing a table with foreign keys (silver,
 * gold) runs after the tasks writing the referenced tables. A cycle is a `CONFIG` error naming it.
 *
 * @example
 * ```ts
 * buildTaskGraph(planTransfers('main', warehouse)).order; // ['customer', 'address', 'silver_customer', ...]
 * ```
 */
export function buildTaskGraph(transfers: readonly PlannedTransfer[]): TaskGraph {
  const writers = new Map<string, string[]>();
  for (const t of transfers) writers.set(t.target.id, [...(writers.get(t.target.id) ?? []), t.name]);
  const edges: TaskEdge[] = [];
  for (const t of transfers) {
    for (const from of writers.get(t.source.id) ?? [])
      if (from !== t.name) edges.push({ from, to: t.name, table: t.source.id, reason: 'data' });
    for (const fk of t.target.contract.foreignKeys) {
      const id = `${fk.references.schema ?? t.target.schema}.${fk.references.table}`;
      if (id === t.target.id) continue;
      for (const from of writers.get(id) ?? [])
        edges.push({ from, to: t.name, table: id, reason: 'foreign-key' });
    }
  }
  const tasks = transfers.map(
    (t): WarehouseTask => ({
      id: t.name,
      transfer: t.name,
      reads: [t.source.id],
      writes: [t.target.id],
      after: [...new Set(edges.filter((e) => e.to === t.name).map((e) => e.from))],
    }),
  );
  return { tasks, edges, order: topologicalOrder(tasks) };
}

function topologicalOrder(tasks: readonly WarehouseTask[]): string[] {
  const order: string[] = [];
  const state = new Map<string, 'visiting' | 'done'>();
  const byId = new Map(tasks.map((t) => [t.id, t]));
  const visit = (task: WarehouseTask, path: string[]) => {
    if (state.get(task.id) === 'done') return;
    if (state.get(task.id) === 'visiting') {
      const cycle = [...path.slice(path.indexOf(task.id)), task.id];
      throw new DatakitError('CONFIG', `The transfers form a cycle: ${cycle.join(' → ')}`, {
        hint: 'A transfer cannot (indirectly) read a table it writes; split or remove one of them.',
        context: { key: `transfers.${task.id}` },
      });
    }
    state.set(task.id, 'visiting');
    for (const id of task.after) {
      const before = byId.get(id);
      if (before) visit(before, [...path, task.id]);
    }
    state.set(task.id, 'done');
    order.push(task.id);
  };
  for (const task of tasks) visit(task, []);
  return order;
}
