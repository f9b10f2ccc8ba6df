import { createHash } from 'node:crypto';
import type { WarehouseConfig } from '../../config/define-config.js';
import type { PipelineConfig, TaskConfig } from '../../config/pipeline-config.js';
import { DatakitError } from '../../errors/datakit-error.js';
import { nearestName } from '../../errors/nearest-name.js';
import type { PlacedTable } from '../../warehouse/placed-table.js';
import { planWarehouse } from '../../warehouse/plan-warehouse.js';
import { taskKindOf } from '../tasks/task-kinds.js';
import type { CompiledPipeline, CompiledTask, EdgeReason, ResolvedPolicy } from './compiled-pipeline.js';
import { findCycle } from './find-cycle.js';
import { addGateEdges } from './gate-edges.js';

/**
 * Checks a pipeline and builds its DAG. Every table a task names is placed by the warehouse plan;
 * a task that reads a table runs after every task that writes it, and after every quality task
 * whose checks cover it; `after` adds edges. Unknown transfers, tables and `after` names,
 * duplicate task names and cycles (shown as their path) are `CONFIG` errors naming the task.
 *
 * @example
 * ```ts
 * const nightly = compilePipeline(config.warehouses.demo, 'demo', 'nightly');
 * ```
 */
export function compilePipeline(
  warehouse: WarehouseConfig,
  warehouseName: string,
  name: string,
): CompiledPipeline {
  const config = warehouse.pipelines?.[name];
  const base = `warehouses.${warehouseName}.pipelines`;
  if (!config) {
    const names = Object.keys(warehouse.pipelines ?? {});
    const near = nearestName(name, names);
    throw new DatakitError('USAGE', `Warehouse "${warehouseName}" has no pipeline "${name}"`, {
      hint: near
        ? `Did you mean "${near}"?`
        : names.length
          ? `Pipelines: ${names.join(', ')}.`
          : `Declare one under ${base}.`,
    });
  }
  return compilePipelineConfig(warehouse, warehouseName, name, config, `${base}.${name}`);
}

/**
 * Compiles a pipeline given as its config rather than by its name in the warehouse (such as
 * `datakit transfer`'s pipeline of the transfers it runs); `where` names it in errors.
 *
 * @example
 * ```ts
 * const adHoc = compilePipelineConfig(warehouse, 'main', '(transfer)', { tasks: [{ transfer: 'customer' }] }, 'warehouses.main.transfers');
 * ```
 */
export function compilePipelineConfig(
  warehouse: WarehouseConfig,
  warehouseName: string,
  name: string,
  config: PipelineConfig,
  at: string,
): CompiledPipeline {
  const scope = { warehouse, warehouseName, plan: planWarehouse({ warehouse, warehouseName }) };
  const where = (i: number) => `${at}.tasks[${i}]`;
  const tasks: CompiledTask[] = [];
  const byName = new Map<string, CompiledTask>();
  const placements = new Map<string, PlacedTable>();
  config.tasks.forEach((task, index) => {
    const kind = taskKindOf(task, where(index));
    const taskName = task.name ?? kind.defaultName(task);
    if (!taskName)
      throw new DatakitError('CONFIG', `${where(index)} has no name`, {
        hint: "Give it one: name: 'refresh-stats'.",
        context: { key: where(index) },
      });
    const previous = byName.get(taskName);
    if (previous) {
      throw new DatakitError(
        'CONFIG',
        `${where(index)} is named "${taskName}", like ${where(previous.index)}`,
        {
          hint: `Task names are unique within a pipeline: rename one (name: '${taskName}-2').`,
          context: { key: where(index) },
        },
      );
    }
    const { reads, writes } = kind.tables(task, scope, where(index));
    const gates = kind.gates?.(task, scope, where(index)) ?? [];
    for (const p of [...reads, ...writes]) placements.set(p.id, p);
    const compiled: CompiledTask = {
      index,
      name: taskName,
      kind: kind.kind,
      config: task,
      reads: reads.map((p) => p.id),
      writes: writes.map((p) => p.id),
      gates: gates.map((p) => p.id),
      upstream: [],
      reasons: [],
      policy: policyOf(task, config),
    };
    tasks.push(compiled);
    byName.set(taskName, compiled);
  });
  linkTasks(tasks, byName, where);
  const cycle = findCycle(tasks.map((t) => t.upstream));
  if (cycle) throw cycleError(cycle, tasks, at);
  addGateEdges(tasks, new Map(tasks.filter((t) => t.gates.length > 0).map((t) => [t.index, t.gates])));
  return {
    warehouse: warehouseName,
    name,
    config,
    tasks,
    byName,
    hash: hashOf(config, tasks),
    datakits: datakitsOf(warehouse),
    concurrency: config.concurrency ?? 4,
    kindConcurrency: config.kindConcurrency ?? {},
    maxActiveRuns: config.maxActiveRuns ?? 1,
    catchup: config.catchup ?? 'latest',
    scope,
    tables: placements,
  };
}

function linkTasks(
  tasks: CompiledTask[],
  byName: Map<string, CompiledTask>,
  where: (i: number) => string,
): void {
  const writers = new Map<string, number[]>();
  for (const t of tasks) {
    for (const key of t.writes) {
      const list = writers.get(key);
      if (list) list.push(t.index);
      else writers.set(key, [t.index]);
    }
  }
  for (const t of tasks) {
    const upstream = new Map<number, EdgeReason>();
    for (const key of t.reads)
      for (const w of writers.get(key) ?? [])
        if (w !== t.index && !upstream.has(w)) upstream.set(w, { table: key });
    (t.config.after ?? []).forEach((name, i) => {
      const other = byName.get(name);
      if (!other || other === t) {
        const near = other ? undefined : nearestName(name, byName.keys());
        throw new DatakitError(
          'CONFIG',
          `${where(t.index)}.after[${i}] names ${other ? 'the task itself' : `task "${name}", which the pipeline does not have`}`,
          {
            hint: near ? `Did you mean "${near}"?` : 'Name another task of this pipeline.',
            context: { key: `${where(t.index)}.after[${i}]` },
          },
        );
      }
      if (!upstream.has(other.index)) upstream.set(other.index, { after: true });
    });
    t.upstream = [...upstream.keys()];
    t.reasons = [...upstream.values()];
  }
}

function cycleError(cycle: number[], tasks: CompiledTask[], where: string): DatakitError {
  const steps = cycle.slice(0, -1).map((node, i) => {
    const task = tasks[node] as CompiledTask;
    const next = cycle[i + 1] as number;
    const reason = task.reasons[task.upstream.indexOf(next)];
    const why = reason && 'table' in reason ? `reads ${reason.table}, written by` : 'is after';
    return `"${task.name}" ${why} "${tasks[next]?.name}"`;
  });
  const path = cycle.map((i) => tasks[i]?.name).join(' → ');
  return new DatakitError('CONFIG', `${where} has a cycle: ${path} (${steps.join('; ')})`, {
    hint: 'Break it: drop an `after`, or let one task not read a table another in the cycle writes.',
    context: { key: where },
  });
}

function policyOf(task: TaskConfig, pipeline: PipelineConfig): ResolvedPolicy {
  const d = pipeline.defaults ?? {};
  return {
    retries: task.retries ?? d.retries ?? 0,
    retryDelayMs: task.retryDelayMs ?? d.retryDelayMs ?? 1000,
    maxRetryDelayMs: task.maxRetryDelayMs ?? d.maxRetryDelayMs ?? 300_000,
    timeoutMs: task.timeoutMs ?? d.timeoutMs,
  };
}

function hashOf(config: PipelineConfig, tasks: readonly CompiledTask[]): string {
  const { tasks: _tasks, defaults: _defaults, ...settings } = config;
  const body = tasks.map((t) => ({
    name: t.name,
    kind: t.kind,
    transfer: 'transfer' in t.config ? t.config.transfer : undefined,
    run: 'run' in t.config ? String(t.config.run) : undefined,
    reads: t.reads,
    writes: t.writes,
    upstream: t.upstream,
    policy: t.policy,
  }));
  return createHash('sha256')
    .update(JSON.stringify({ settings, tasks: body }))
    .digest('hex');
}

function datakitsOf(warehouse: WarehouseConfig): { name: string; version: string }[] {
  const all = [
    ...Object.values(warehouse.layers).flatMap((l) => l?.datakits ?? []),
    ...Object.values(warehouse.sources ?? {}),
  ];
  const seen = new Map(all.map((d) => [`${d.name}@${d.version}`, { name: d.name, version: d.version }]));
  return [...seen.values()].sort((a, b) => a.name.localeCompare(b.name));
}
