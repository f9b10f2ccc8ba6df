import type { TableSchema } from '../schema/table-schema.js';
import { type ChangeClassification, classifyChange } from './classify-change.js';
import { describeChange } from './describe-change.js';
import { detectChanges } from './detect-changes.js';
import type { ChangedTable, SchemaChange } from './schema-change.js';

/**
 * How much a drift change matters to a run: `breaking` stops it under the `fail` policy.
 *
 * @example
 * ```ts
 * const blocking = report.changes.filter((c) => c.severity === 'breaking');
 * ```
 */
export type DriftSeverity = 'safe' | 'breaking' | 'info';
/**
 * Whether the table is read (`source`) or written (`target`) by a run.
 *
 * @example
 * ```ts
 * diffTable(contract, live, { role: 'target' });
 * ```
 */
export type DriftRole = 'source' | 'target';

/**
 * One classified difference between a contract and the live table.
 *
 * @example
 * ```ts
 * for (const c of report.changes) console.log(c.severity, c.message, c.fix ?? '');
 * ```
 */
export type DriftChange = SchemaChange & {
  /** How a run sees it: derived from {@link DriftChange.classification} by {@link driftSeverity}. */
  severity: DriftSeverity;
  /** The one classification deploy, drift and evolve share (role `source` or `target`). */
  classification: ChangeClassification;
  /** What the contract says, e.g. `varchar(255) not null`. */
  contract: string;
  /** What the database has, e.g. `no such column`. */
  live: string;
  /** One sentence naming the table and column, the contract side and the database side. */
  message: string;
  /** The likely fix; present on every change that is not safe. */
  fix?: string;
};

/**
 * The drift of one table: every change, classified for the table's role.
 *
 * @example
 * ```ts
 * const report = diffTable(contract, live, { role: 'source' });
 * if (report.breaking) console.error(report.changes.filter((c) => c.severity === 'breaking'));
 * ```
 */
export interface DriftReport {
  table: ChangedTable;
  role: DriftRole;
  changes: DriftChange[];
  /** Whether any change is breaking. */
  breaking: boolean;
}

/**
 * Diffs a contract against the live table (undefined when it does not exist) with
 * {@link detectChanges} and classifies every change for the role the table plays with
 * {@link classifyChange}, the same classification deploy plans from. A source breaks when it can
 * hold what the contract refuses (a missing column, a wider or other type, NULLs, new enum values);
 * a target breaks when it refuses what the contract allows (a missing column, a narrower type,
 * NOT NULL, missing enum values). Pure: no database access.
 *
 * @example
 * ```ts
 * const report = diffTable(datakit.schemaOf('customer'), liveTables.find((t) => t.name === 'customer'), { role: 'source' });
 * ```
 */
export function diffTable(
  contract: TableSchema,
  live: TableSchema | undefined,
  options: { role: DriftRole },
): DriftReport {
  const changes = detectChanges(contract, live, { comments: 'declared' }).map((change) =>
    classify(change, options.role),
  );
  const table =
    contract.schema === undefined
      ? { name: contract.name }
      : { schema: contract.schema, name: contract.name };
  return { table, role: options.role, changes, breaking: changes.some((c) => c.severity === 'breaking') };
}

function classify(change: SchemaChange, role: DriftRole): DriftChange {
  const classification = classifyChange(change, role);
  const words = describeChange(change);
  const message =
    `${capitalize(words.subject)}: ${LABELS[change.kind]}. The contract says ${words.from}; ` +
    `the database has ${words.to}${words.note ? ` (${words.note})` : ''}. ${capitalize(classification.reason)}.`;
  const classified: DriftChange = {
    ...change,
    severity: driftSeverity(classification),
    classification,
    contract: words.from,
    live: words.to,
    message,
  };
  if (classification.fix && classification.severity !== 'safe') classified.fix = classification.fix;
  return classified;
}

/**
 * How a run sees a classification: `breaking` when it stops a run, `safe` when nothing needs to
 * change, `info` for what deploy would still change without stopping a run (a missing index, a
 * different default, a NOT NULL to tighten).
 *
 * @example
 * ```ts
 * driftSeverity(classifyChange(change, 'target')); // 'breaking' | 'info' | 'safe'
 * ```
 */
export function driftSeverity(classification: ChangeClassification): DriftSeverity {
  if (classification.blocksRun) return 'breaking';
  return classification.severity === 'safe' ? 'safe' : 'info';
}

const LABELS: Record<SchemaChange['kind'], string> = {
  'table-missing': 'missing from the database',
  'table-added': 'not in the contract',
  'column-dropped': 'missing from the database',
  'column-added': 'not in the contract',
  'column-type-changed': 'type changed',
  'nullability-changed': 'nullability changed',
  'enum-values-added': 'enum values added',
  'enum-values-removed': 'enum values removed',
  'enum-values-reordered': 'enum values reordered',
  'default-changed': 'default changed',
  'generated-changed': 'generation changed',
  'comment-changed': 'comment changed',
  'primary-key-changed': 'primary key changed',
  'index-added': 'index not in the contract',
  'index-dropped': 'index missing from the database',
  'unique-added': 'unique constraint not in the contract',
  'unique-dropped': 'unique constraint missing from the database',
  'foreign-key-added': 'foreign key not in the contract',
  'foreign-key-dropped': 'foreign key missing from the database',
  'check-added': 'check not in the contract',
  'check-dropped': 'check missing from the database',
};

function capitalize(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}
