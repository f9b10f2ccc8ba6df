import type { CompiledTask, EdgeReason } from './compiled-pipeline.js';

/**
 * Adds the edges of gating tasks (quality checks): every task that reads a table a gate covers,
 * and does not write it, waits for the gate, so a failed gate stops it. Other gates are not held
 * back (all checks run and report), and a reader that the gate itself waits for (it writes
 * something the checks read) keeps its place, since the checks are about its output.
 *
 * @example
 * ```ts
 * addGateEdges(tasks, new Map([[2, ['silver.customer']]]));
 * tasks[3].reasons; // [..., { table: 'silver.customer', gate: true }]
 * ```
 * @internal
 */
export function addGateEdges(tasks: CompiledTask[], gates: ReadonlyMap<number, readonly string[]>): void {
  for (const [gate, tables] of gates) {
    if (tables.length === 0) continue;
    const before = ancestors(tasks, gate);
    for (const t of tasks) {
      if (t.index === gate || gates.has(t.index) || before.has(t.index) || t.upstream.includes(gate))
        continue;
      const table = tables.find((key) => t.reads.includes(key) && !t.writes.includes(key));
      if (table === undefined) continue;
      const reason: EdgeReason = { table, gate: true };
      t.upstream = [...t.upstream, gate];
      t.reasons = [...t.reasons, reason];
    }
  }
}

function ancestors(tasks: readonly CompiledTask[], index: number): Set<number> {
  const seen = new Set<number>();
  const stack = [...(tasks[index]?.upstream ?? [])];
  while (stack.length > 0) {
    const i = stack.pop() as number;
    if (seen.has(i)) continue;
    seen.add(i);
    stack.push(...(tasks[i]?.upstream ?? []));
  }
  return seen;
}
