import type { TableSchema } from '../schema/table-schema.js';
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
  severity: DriftSeverity;
  /** What the contract says, e.g. `varchar(255) not null`. */
  contract: string;
  /** What the database has, e.g. `no such column`. */
  live: string;
  /** One sentence naming the table and column, the contract side and the database side. */
  message: string;
  /** The likely fix; present on every breaking change. */
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
 * Fix texts shared by messages and tests.
 *
 * @example
 * ```ts
 * change.fix?.includes(DRIFT_FIXES.rename);
 * ```
 */
export const DRIFT_FIXES = {
  introspect: 're-run `datakit introspect` and review the diff',
  rename: 'add a transform for the renamed column',
  destructive: 'bump the contract and deploy with --allow-destructive',
  deploy: 'run `datakit deploy` (or set the drift policy to evolve)',
} as const;

/**
 * Diffs a contract against the live table (undefined when it does not exist) and classifies
 * every change for the role the table plays. Safe: a new nullable column in a source, a widened
 * type, a new index. Breaking: a missing table or column (a same-typed new column is named as a
 * possible rename), a changed type, nullable → NOT NULL in a target, a new NOT NULL column without
 * a default in a target, a narrowed length or precision, a removed enum value, a changed primary
 * key. Everything else is info. Pure: no database access.
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
  const { severity, fix, remark } = rule(change, role);
  const words = describeChange(change);
  const note = [words.note, remark].filter(Boolean).join('; ');
  const message =
    `${capitalize(words.subject)}: ${LABELS[change.kind]}. The contract says ${words.from}; ` +
    `the database has ${words.to}${note ? ` (${note})` : ''}.`;
  const classified: DriftChange = { ...change, severity, contract: words.from, live: words.to, message };
  if (fix) classified.fix = fix;
  return classified;
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

interface Rule {
  severity: DriftSeverity;
  fix?: string;
  remark?: string;
}

const REJECTED = 'rows that do not fit the contract will be rejected by validation';

function rule(change: SchemaChange, role: DriftRole): Rule {
  const source = role === 'source';
  switch (change.kind) {
    case 'table-missing':
      return {
        severity: 'breaking',
        fix: source ? `check the schema and table name, or ${DRIFT_FIXES.introspect}` : DRIFT_FIXES.deploy,
      };
    case 'column-dropped':
      if (change.renamedTo) {
        return {
          severity: 'breaking',
          fix: source
            ? `${DRIFT_FIXES.rename} ("${change.renamedTo}" → "${change.column}"), or ${DRIFT_FIXES.introspect}`
            : `rename "${change.renamedTo}" back to "${change.column}", or ${DRIFT_FIXES.destructive}`,
        };
      }
      return { severity: 'breaking', fix: source ? DRIFT_FIXES.introspect : DRIFT_FIXES.deploy };
    case 'column-added': {
      const def = change.definition;
      if (source)
        return def.nullable ? { severity: 'safe' } : { severity: 'info', remark: 'not read by the contract' };
      if (def.nullable || def.default !== undefined || def.generated) return { severity: 'info' };
      return {
        severity: 'breaking',
        remark: 'inserts that leave it out will fail',
        fix: `give "${change.column}" a default or drop its NOT NULL, or ${DRIFT_FIXES.introspect}`,
      };
    }
    case 'column-type-changed':
      if (change.change === 'widened') return { severity: 'safe', ...(source ? { remark: REJECTED } : {}) };
      if (change.change === 'narrowed') {
        return {
          severity: 'breaking',
          fix: source
            ? DRIFT_FIXES.introspect
            : 'widen the column in the database (the evolve drift policy does it), or ' +
              DRIFT_FIXES.destructive,
        };
      }
      return {
        severity: 'breaking',
        fix: source
          ? `${DRIFT_FIXES.introspect}, and adapt the transform to the new type`
          : DRIFT_FIXES.destructive,
      };
    case 'nullability-changed':
      if (!source && change.from && !change.to) {
        return {
          severity: 'breaking',
          remark: 'NULLs from the contract will be refused',
          fix: `drop NOT NULL in the database (the evolve drift policy does it), or ${DRIFT_FIXES.destructive}`,
        };
      }
      return source && !change.from && change.to
        ? { severity: 'info', remark: 'rows with NULL will be rejected by validation' }
        : { severity: 'info' };
    case 'enum-values-removed':
      return {
        severity: 'breaking',
        fix: source
          ? DRIFT_FIXES.introspect
          : `add the values back (the evolve drift policy does it), or ${DRIFT_FIXES.destructive}`,
      };
    case 'enum-values-added':
      return source ? { severity: 'info', remark: REJECTED } : { severity: 'info' };
    case 'primary-key-changed':
      return { severity: 'breaking', fix: source ? DRIFT_FIXES.introspect : DRIFT_FIXES.destructive };
    case 'index-added':
      return { severity: 'safe' };
    case 'index-dropped':
      return source ? { severity: 'info' } : { severity: 'info', fix: DRIFT_FIXES.deploy };
    default:
      return { severity: 'info' };
  }
}

function capitalize(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}
