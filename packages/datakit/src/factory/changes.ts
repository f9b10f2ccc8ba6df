import type { Table } from 'drizzle-orm';
import { DatakitError } from '../errors/datakit-error.js';
import { type BuildOptions, DEFAULT_NOW, type RowOf } from './build-options.js';
import { buildRows } from './build-rows.js';
import { formatInstant } from './date-value.js';
import { hashParts, seededRandom } from './random-stream.js';
import { semanticOf } from './semantic-of.js';
import { tablePlan } from './table-plan.js';
import { tupleOf } from './unique-value.js';

/**
 * Options of {@link changes}: those of `build`, plus how many rows to start with, how many steps,
 * and what each step does (defaults scale with `initial`).
 *
 * @example
 * ```ts
 * const options: ChangesOptions<typeof customer> = { seed: 1, initial: 20, steps: 5, deletes: 2 };
 * ```
 */
export interface ChangesOptions<T extends Table> extends Omit<BuildOptions<T>, 'offset'> {
  /** Rows in the first snapshot (default 20). */
  initial?: number;
  /** Steps after the first snapshot (default 5). */
  steps?: number;
  /** Rows updated per step (default 20% of `initial`, at least 1). */
  updates?: number;
  /** Rows deleted per step (default 10% of `initial`, at least 1). */
  deletes?: number;
  /** New rows per step (default 10% of `initial`, at least 1). */
  inserts?: number;
  /** Previously deleted keys inserted again per step, from step 2 (default 1). */
  reinserts?: number;
  /** Time between snapshots in milliseconds (default one day); snapshot 0 is at `now`. */
  interval?: number;
}

/** What happened to one key in one step. */
export type ChangeKind = 'insert' | 'update' | 'delete' | 'reinsert';

/**
 * One change: the step (0 for the initial rows), the key, and the row before and/or after.
 *
 * @example
 * ```ts
 * const event: ChangeEvent<Customer> = { step: 1, at, kind: 'delete', key: { customerId: 3 }, before: row };
 * ```
 */
export interface ChangeEvent<R> {
  step: number;
  at: Date;
  kind: ChangeKind;
  /** Primary key values (or the first unique key's, for a table without a primary key). */
  key: Partial<R>;
  before?: R;
  after?: R;
}

/**
 * The result of {@link changes}: `snapshots[s]` is the full table after step `s` (0 = initial),
 * taken at `times[s]`; `events` lists every change in order.
 *
 * @example
 * ```ts
 * const { snapshots, events, times } = changes(customer, { seed: 1 });
 * ```
 */
export interface ChangeSet<R> {
  snapshots: R[][];
  times: Date[];
  events: ChangeEvent<R>[];
}

type Row = Record<string, unknown>;

/**
 * A deterministic series of snapshots of one table for history (SCD2) tests: each step updates
 * some rows (one or two non-key columns, and any `updated_at` column to the step's time),
 * deletes some, inserts new keys, and from step 2 re-inserts keys deleted earlier with new values.
 * A row has at most one change per step.
 *
 * @example
 * ```ts
 * const { snapshots, events } = changes(customer, { seed: 1, initial: 20, steps: 5 });
 * snapshots[0].length; // 20
 * events.filter((e) => e.kind === 'reinsert').length; // 4
 * ```
 */
export function changes<T extends Table>(table: T, options: ChangesOptions<T> = {}): ChangeSet<RowOf<T>> {
  const plan = tablePlan(table);
  const {
    initial = 20,
    steps = 5,
    interval = 86_400_000,
    updates: u,
    deletes: d,
    inserts: ins,
    reinserts: re,
    ...build
  } = options;
  const perStep = (given: number | undefined, share: number) =>
    given ?? Math.max(1, Math.round(initial * share));
  const counts = {
    initial,
    steps,
    interval,
    updates: perStep(u, 0.2),
    deletes: perStep(d, 0.1),
    inserts: perStep(ins, 0.1),
    reinserts: re ?? 1,
  };
  for (const [name, value] of Object.entries(counts)) {
    if (!Number.isInteger(value) || value < 0) {
      throw new DatakitError(
        'USAGE',
        `changes() option ${name} for "${plan.name}" must be a whole number >= 0, got ${value}`,
        {
          hint: 'Pass e.g. { initial: 20, steps: 5 }.',
          context: { table: plan.name },
        },
      );
    }
  }
  const { updates, deletes, inserts, reinserts } = counts;
  const key = plan.primaryKey.length > 0 ? plan.primaryKey : plan.uniques[0];
  if (!key) {
    throw new DatakitError(
      'USAGE',
      `changes() needs a key, and table "${plan.name}" has no primary key or unique column`,
      {
        hint: 'Give the table a primary key, or build snapshots with factory(...).build instead.',
        context: { table: plan.name },
      },
    );
  }
  const seed = build.seed ?? 1;
  const buildOptions = build as BuildOptions;
  const pool = buildRows(plan, initial + steps * inserts, buildOptions);
  const fresh = buildRows(plan, Math.max(1, steps * (updates + reinserts)), {
    ...buildOptions,
    seed: hashParts(seed, 'changes') | 0,
  });
  const overridden = new Set(Object.keys(build.overrides ?? {}));
  const fixed = new Set([...plan.uniques.flat(), ...plan.foreignKeys.flatMap((fk) => fk.keys)]);
  const updatable = plan.columns
    .filter((c) => !fixed.has(c.key) && !overridden.has(c.key) && !c.generated)
    .filter((c) => !['createdAt', 'updatedAt'].includes(semanticOf(c.name, plan.name)));
  const stamped = plan.columns.filter(
    (c) =>
      !overridden.has(c.key) &&
      semanticOf(c.name, plan.name) === 'updatedAt' &&
      ['date', 'timestamp', 'timestamptz'].includes(c.type.kind),
  );
  const random = seededRandom(seed, plan.name, 'changes');
  const now = new Date(build.now ?? DEFAULT_NOW).getTime();
  const times = Array.from({ length: steps + 1 }, (_, s) => new Date(now + s * interval));

  const live = new Map<string, Row>();
  const deleted = new Map<string, Row>();
  const events: ChangeEvent<Row>[] = [];
  const keyOf = (row: Row): Row => Object.fromEntries(key.map((k) => [k, row[k]]));
  const idOf = (row: Row): string => tupleOf(row, key) ?? '';
  let nextInsert = 0;
  let nextFresh = 0;
  const mutate = (row: Row, at: Date): Row => {
    const source = fresh[nextFresh++ % fresh.length] as Row;
    const next: Row = { ...row };
    const order = updatable.map((c) => c.key);
    const start = order.length > 0 ? random.below(order.length) : 0;
    let changed = 0;
    for (let j = 0; j < order.length && changed < 2; j++) {
      const column = order[(start + j) % order.length] as string;
      if (tupleOf(source, [column]) !== tupleOf(next, [column])) {
        next[column] = source[column];
        changed++;
      }
    }
    for (const column of stamped) next[column.key] = formatInstant(column, at.getTime());
    return next;
  };
  const take = (from: Map<string, Row>, n: number, skip: Set<string>): string[] => {
    const ids = [...from.keys()].filter((id) => !skip.has(id));
    const chosen: string[] = [];
    while (chosen.length < n && ids.length > 0)
      chosen.push(ids.splice(random.below(ids.length), 1)[0] as string);
    return chosen;
  };

  for (const row of pool.slice(0, initial)) {
    live.set(idOf(row), row);
    events.push({ step: 0, at: times[0] as Date, kind: 'insert', key: keyOf(row), after: row });
  }
  nextInsert = initial;
  const snapshots: Row[][] = [[...live.values()]];
  for (let step = 1; step <= steps; step++) {
    const at = times[step] as Date;
    const touched = new Set<string>();
    const reinsertable = [...deleted.keys()];
    for (const id of updatable.length > 0 || stamped.length > 0 ? take(live, updates, touched) : []) {
      const before = live.get(id) as Row;
      const after = mutate(before, at);
      live.set(id, after);
      touched.add(id);
      events.push({ step, at, kind: 'update', key: keyOf(before), before, after });
    }
    for (const id of take(live, deletes, touched)) {
      const before = live.get(id) as Row;
      live.delete(id);
      deleted.set(id, before);
      touched.add(id);
      events.push({ step, at, kind: 'delete', key: keyOf(before), before });
    }
    for (let n = 0; n < inserts && nextInsert < pool.length; n++) {
      const base = pool[nextInsert++] as Row;
      const after: Row = { ...base };
      for (const column of stamped) after[column.key] = formatInstant(column, at.getTime());
      live.set(idOf(after), after);
      events.push({ step, at, kind: 'insert', key: keyOf(after), after });
    }
    for (const id of take(
      new Map(reinsertable.map((r) => [r, deleted.get(r) as Row])),
      reinserts,
      new Set(),
    )) {
      const before = deleted.get(id) as Row;
      const after = mutate(before, at);
      deleted.delete(id);
      live.set(id, after);
      events.push({ step, at, kind: 'reinsert', key: keyOf(after), after });
    }
    snapshots.push([...live.values()]);
  }
  return { snapshots, times, events } as unknown as ChangeSet<RowOf<T>>;
}
