import { DatakitError } from '../errors/datakit-error.js';
import { nearestName } from '../errors/nearest-name.js';
import { type BuildOptions, DEFAULT_NOW } from './build-options.js';
import type { TablePlan } from './table-plan.js';

/** Build options checked and defaulted. @internal */
export interface BuildSettings {
  seed: number;
  now: Date;
  nullRate: number;
  offset: number;
  refCount: number;
  refs: Readonly<Record<string, readonly object[]>>;
  overrides: Readonly<Record<string, unknown>>;
}

function usage(plan: TablePlan, message: string, hint: string, column?: string): DatakitError {
  return new DatakitError('USAGE', message, {
    hint,
    context: { table: plan.name, ...(column ? { column } : {}) },
  });
}

function wholeNumber(plan: TablePlan, name: string, value: number): number {
  if (!Number.isInteger(value) || value < 0) {
    throw usage(
      plan,
      `Factory option ${name} for "${plan.name}" must be a whole number >= 0, got ${value}`,
      `Pass e.g. ${name}: 10.`,
    );
  }
  return value;
}

/**
 * Checks and defaults the options of one build: the row count, seed, `now`, `nullRate`, and that
 * every override and `refs` entry names something the table has (with the nearest valid name).
 *
 * @internal
 * @example
 * ```ts
 * buildSettings(plan, 10, { seed: 2 }).now; // 2025-01-01T00:00:00.000Z
 * ```
 */
export function buildSettings(plan: TablePlan, count: number, options: BuildOptions): BuildSettings {
  wholeNumber(plan, 'count', count);
  const seed = options.seed ?? 1;
  if (!Number.isInteger(seed))
    throw usage(
      plan,
      `Factory seed for "${plan.name}" must be an integer, got ${seed}`,
      'Pass e.g. seed: 1.',
    );
  const now = options.now === undefined ? DEFAULT_NOW : new Date(options.now);
  if (Number.isNaN(now.getTime())) {
    throw usage(
      plan,
      `Factory option now for "${plan.name}" is not a date: ${String(options.now)}`,
      "Pass a Date or an ISO string, e.g. now: '2025-01-01'.",
    );
  }
  const nullRate = options.nullRate ?? 0.1;
  if (!(nullRate >= 0 && nullRate <= 1)) {
    throw usage(
      plan,
      `Factory option nullRate for "${plan.name}" must be between 0 and 1, got ${nullRate}`,
      'Pass e.g. nullRate: 0.1, or 0 for no nulls.',
    );
  }
  const overrides = (options.overrides ?? {}) as Record<string, unknown>;
  const keys = plan.columns.map((c) => c.key);
  for (const key of Object.keys(overrides)) {
    if (!plan.byKey.has(key)) {
      const nearest = nearestName(key, keys);
      throw usage(
        plan,
        `Table "${plan.name}" has no column "${key}" to override`,
        `${nearest ? `Did you mean "${nearest}"? ` : ''}Columns are: ${keys.join(', ')}.`,
        key,
      );
    }
  }
  const refs = options.refs ?? {};
  const referenced = [...new Set(plan.foreignKeys.map((fk) => fk.tableName))];
  for (const name of Object.keys(refs)) {
    if (!referenced.includes(name)) {
      const nearest = nearestName(name, referenced);
      throw usage(
        plan,
        `Table "${plan.name}" has no foreign key to "${name}", given in refs`,
        referenced.length === 0
          ? `"${plan.name}" references no table; leave refs out.`
          : `${nearest ? `Did you mean "${nearest}"? ` : ''}It references: ${referenced.join(', ')}.`,
      );
    }
  }
  return {
    seed,
    now,
    nullRate,
    offset: wholeNumber(plan, 'offset', options.offset ?? 0),
    refCount: wholeNumber(plan, 'refCount', options.refCount ?? 10),
    refs,
    overrides,
  };
}
