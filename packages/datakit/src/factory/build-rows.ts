import type { Faker } from '@faker-js/faker';
import type { Table } from 'drizzle-orm';
import { DatakitError } from '../errors/datakit-error.js';
import type { BuildOptions } from './build-options.js';
import { buildSettings } from './build-settings.js';
import { assertNoCycle, type ForeignKeyPicker, foreignKeyPicker } from './foreign-key-picker.js';
import { keyGenerator } from './key-value.js';
import { type Random, seededFaker, seededRandom } from './random-stream.js';
import { isSequence } from './sequence.js';
import { type ColumnPlan, type ForeignKeyPlan, type TablePlan, tablePlan } from './table-plan.js';
import { tupleOf, withRowSuffix } from './unique-value.js';
import type { Person, ValueContext, ValueGenerator } from './value-context.js';
import { createdKeyOf, valueForColumn } from './value-for-column.js';

type Row = Record<string, unknown>;

interface ColumnStream {
  column: ColumnPlan;
  faker: Faker;
  nulls: Random;
  produce: ValueGenerator;
  overridden: boolean;
  /** Set by a foreign key, not generated. */
  referenced: boolean;
  neverNull: boolean;
}

interface ForeignKeyStream {
  fk: ForeignKeyPlan;
  picker?: ForeignKeyPicker;
  random: Random;
  nulls: Random;
}

function producerOf(override: unknown): ValueGenerator {
  if (isSequence(override)) return ({ index }) => override.make(override.start + index);
  if (typeof override === 'function') {
    const fn = override as (index: number, faker: Faker, row: Row) => unknown;
    return ({ index, faker, row }) => fn(index, faker, row);
  }
  return () => override;
}

/**
 * Builds `count` rows of a compiled table: overrides, sequential keys, realistic values, nulls
 * at `nullRate`, foreign keys pointing at `refs` (or at rows built for the referenced table), and
 * every primary key and unique set unique. `stack` guards against foreign-key cycles.
 *
 * @internal
 * @example
 * ```ts
 * buildRows(tablePlan(order), 50, { seed: 1, refs: { customer: customers } });
 * ```
 */
export function buildRows(
  plan: TablePlan,
  count: number,
  options: BuildOptions,
  stack: readonly Table[] = [],
): Row[] {
  const settings = buildSettings(plan, count, options);
  const { seed, now, nullRate, offset, overrides } = settings;
  const site = { tableName: plan.name, ...optional('createdKey', createdKeyOf(plan.columns, plan.name)) };
  const fkKeys = new Set(plan.foreignKeys.flatMap((fk) => fk.keys).filter((k) => !(k in overrides)));
  const keyColumns = new Set(
    plan.uniques.filter((set) => set === plan.primaryKey || set.length === 1).flat(),
  );
  const streams: ColumnStream[] = plan.columns.map((column) => {
    const overridden = column.key in overrides;
    const sequential = keyColumns.has(column.key) ? keyGenerator(column, plan.name) : undefined;
    return {
      column,
      faker: seededFaker(seed, plan.name, column.key),
      nulls: seededRandom(seed, plan.name, column.key, 'null'),
      produce: overridden ? producerOf(overrides[column.key]) : (sequential ?? valueForColumn(column, site)),
      overridden,
      referenced: fkKeys.has(column.key),
      neverNull: overridden || !column.nullable || sequential !== undefined,
    };
  });
  const byKey = new Map(streams.map((s) => [s.column.key, s]));

  const implicit = new Map<Table, Row[]>();
  const foreign: ForeignKeyStream[] = plan.foreignKeys
    .filter((fk) => fk.keys.some((k) => fkKeys.has(k)))
    .map((fk) => {
      const random = seededRandom(seed, plan.name, fk.keys.join(','), 'fk');
      const nulls = seededRandom(seed, plan.name, fk.keys.join(','), 'fk-null');
      const given = settings.refs[fk.tableName];
      if (fk.self && !given) return { fk, random, nulls };
      let parents: readonly object[] | undefined = given;
      if (!parents) {
        parents = implicit.get(fk.table);
        if (!parents && !(fk.nullable && stack.includes(fk.table))) {
          assertNoCycle(plan, fk, stack);
          parents = buildRows(
            tablePlan(fk.table),
            settings.refCount,
            { seed, now, nullRate, refCount: settings.refCount },
            [...stack, plan.table],
          );
          implicit.set(fk.table, parents as Row[]);
        }
      }
      return { fk, random, nulls, picker: foreignKeyPicker(plan, fk, parents ?? [], random, count) };
    });

  const person = seededFaker(seed, plan.name, '#person');
  const seen = plan.uniques.map(() => new Set<string>());
  const rows: Row[] = [];
  const emptyRow = Object.fromEntries(plan.columns.map((c) => [c.key, undefined]));
  let index = 0;
  let row: Row = {};
  let rowPerson: Person | undefined;
  const personOf = (): Person => {
    if (!rowPerson) {
      const sex = person.datatype.boolean() ? 'female' : 'male';
      rowPerson = { sex, firstName: person.person.firstName(sex), lastName: person.person.lastName() };
    }
    return rowPerson;
  };
  const contexts = new Map<ColumnStream, ValueContext>(
    streams.map((s) => [s, { index, faker: s.faker, row, person: personOf, now }]),
  );
  const produce = (stream: ColumnStream): unknown => {
    const context = contexts.get(stream) as ValueContext;
    context.index = index;
    context.row = row;
    return stream.produce(context);
  };
  const assign = (link: ForeignKeyStream, allowNull: boolean): void => {
    const isNull = link.fk.nullable && link.nulls.next() < nullRate && allowNull;
    const picked = isNull
      ? undefined
      : link.picker
        ? link.picker.pick(link.random)
        : selfPick(link, rows, row);
    for (const key of link.fk.keys) if (fkKeys.has(key)) row[key] = picked ? picked[key] : null;
    if (!picked && !link.fk.nullable) throw noParents(plan, link.fk);
  };
  const makeUnique = (set: readonly string[], taken: Set<string>): void => {
    let tuple = tupleOf(row, set);
    if (tuple === undefined || !taken.has(tuple)) {
      if (tuple !== undefined) taken.add(tuple);
      return;
    }
    const only = set.length === 1 ? byKey.get(set[0] as string) : undefined;
    if (
      only &&
      !only.overridden &&
      !only.referenced &&
      typeof row[only.column.key] === 'string' &&
      !only.column.type.enumValues &&
      only.column.type.kind !== 'uuid'
    ) {
      const suffixed = withRowSuffix(row[only.column.key] as string, index + 1, only.column.type.length);
      if (suffixed !== undefined && !taken.has(tupleOf({ v: suffixed }, ['v']) as string)) {
        row[only.column.key] = suffixed;
        taken.add(tupleOf(row, set) as string);
        return;
      }
    }
    const changeable = set.filter((k) => !byKey.get(k)?.overridden);
    for (let attempt = 0; attempt < 100 && changeable.length > 0; attempt++) {
      for (const link of foreign) if (link.fk.keys.some((k) => changeable.includes(k))) assign(link, false);
      for (const key of changeable) {
        const stream = byKey.get(key);
        if (stream && !stream.referenced) row[key] = produce(stream);
      }
      tuple = tupleOf(row, set);
      if (tuple !== undefined && !taken.has(tuple)) {
        taken.add(tuple);
        return;
      }
    }
    throw duplicate(plan, set, index, changeable.length === 0);
  };

  for (let i = 0; i < count; i++) {
    index = offset + i;
    row = { ...emptyRow };
    rowPerson = undefined;
    for (const link of foreign) if (link.picker) assign(link, true);
    for (const stream of streams) {
      if (stream.referenced) continue;
      const value = produce(stream);
      const isNull = !stream.neverNull && stream.nulls.next() < nullRate;
      row[stream.column.key] = isNull ? null : value;
    }
    for (const link of foreign) if (!link.picker) assign(link, true);
    for (let u = 0; u < plan.uniques.length; u++)
      makeUnique(plan.uniques[u] as string[], seen[u] as Set<string>);
    rows.push(row);
  }
  return rows;
}

function optional<K extends string, V>(key: K, value: V | undefined): { [P in K]?: V } {
  return (value === undefined ? {} : { [key]: value }) as { [P in K]?: V };
}

function selfPick(link: ForeignKeyStream, rows: readonly Row[], row: Row): Row | undefined {
  if (rows.length === 0 && link.fk.nullable) return undefined;
  const source = rows.length > 0 ? (rows[link.random.below(rows.length)] as Row) : row;
  return Object.fromEntries(link.fk.keys.map((key, i) => [key, source[link.fk.refKeys[i] as string]]));
}

function noParents(plan: TablePlan, fk: ForeignKeyPlan): DatakitError {
  return new DatakitError(
    'USAGE',
    `"${plan.name}"."${fk.keys.join('", "')}" must reference "${fk.tableName}", but no rows of "${fk.tableName}" were given`,
    {
      hint: `Pass rows: build(n, { refs: { ${fk.tableName}: factory(${fk.tableName}).build(10) } }), or use buildGraph.`,
      context: { table: plan.name, column: fk.keys.join(', ') },
    },
  );
}

function duplicate(
  plan: TablePlan,
  set: readonly string[],
  index: number,
  overridden: boolean,
): DatakitError {
  const columns = set.map((k) => `"${k}"`).join(', ');
  return new DatakitError(
    'USAGE',
    `Could not build unique values for ${columns} of "${plan.name}" at row ${index + 1}`,
    {
      hint: overridden
        ? `The override gives the same value twice; use sequence((n) => ...) or a function of the row index.`
        : 'Build fewer rows, give more referenced rows, widen the column, or override it with sequence((n) => ...).',
      context: { table: plan.name, column: set.join(', '), row: index + 1 },
    },
  );
}
