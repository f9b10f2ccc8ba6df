import type { TableSchema } from '../schema/table-schema.js';
import { type ChangeClassification, type ChangeSeverity, classifyChange } from './classify-change.js';
import { describeChange } from './describe-change.js';
import { detectChanges } from './detect-changes.js';
import type { SchemaChange } from './schema-change.js';
import { bumpCovers, declaredBump, maxBump, nextVersion, type SemverBump } from './semver-bump.js';

/**
 * One version of a datakit as plain schemas: what `datakit breaking` compares.
 *
 * @example
 * ```ts
 * const older: DatakitSnapshot = { name: 'crm', version: '1.0.0', tables: [customerV1] };
 * ```
 */
export interface DatakitSnapshot {
  name?: string;
  version: string;
  /** Where this version was read: a git ref (`HEAD~1`), a module path, or `working tree`. */
  source?: string;
  tables: readonly TableSchema[];
}

/** One side of a comparison: the datakit's name, version and where it was read. */
type SnapshotId = Pick<DatakitSnapshot, 'name' | 'version' | 'source'>;

/**
 * One contract change and the semver bump it needs.
 *
 * @example
 * ```ts
 * for (const c of result.changes) console.log(`${c.bump}  ${c.message}`);
 * ```
 */
export type ContractChange = SchemaChange & {
  bump: Exclude<SemverBump, 'none'>;
  /** The shared classification, as a version sees it (role `version`). */
  classification: ChangeClassification;
  /** Names the table and column, the older and the newer state. */
  message: string;
};

/**
 * The changes between two versions of a datakit, the bump they need and whether the declared
 * versions provide it.
 *
 * @example
 * ```ts
 * const result = compareDatakits(older, newer);
 * if (!result.sufficient) console.error(`needs a ${result.required} bump: ${result.suggestedVersion}`);
 * ```
 */
export interface ContractComparison {
  older: SnapshotId;
  newer: SnapshotId;
  changes: ContractChange[];
  /** The strongest bump any change needs (`none` when nothing changed). */
  required: SemverBump;
  /** The bump the versions declare (below 1.0.0 a minor bump counts as major). */
  declared: SemverBump | 'downgrade';
  sufficient: boolean;
  /** The smallest version after the older one that would suffice. */
  suggestedVersion: string;
}

/**
 * Compares two versions of a datakit table by table (matched by schema and name) and gives each
 * change its semver bump. Major: a removed table or column, a changed or narrowed type, a
 * nullability change, a new NOT NULL column without a default, a removed enum value, a changed
 * primary key. Minor: a new table, a new nullable (or defaulted) column, a widened type, a new
 * enum value, a changed identity, added or removed uniques, foreign keys and checks. Patch:
 * indexes, defaults, comments, enum order.
 *
 * @example
 * ```ts
 * const result = compareDatakits(
 *   { version: '1.0.0', tables: [customerV1] },
 *   { version: '1.1.0', tables: [customerV2] },
 * );
 * result.required; // 'major' when customerV2 dropped a column
 * ```
 */
export function compareDatakits(older: DatakitSnapshot, newer: DatakitSnapshot): ContractComparison {
  const key = (t: TableSchema) => `${t.schema ?? ''}\u0000${t.name}`;
  const newerByKey = new Map(newer.tables.map((t) => [key(t), t]));
  const olderKeys = new Set(older.tables.map(key));
  const raw: SchemaChange[] = [];
  for (const table of [...older.tables].sort(byName))
    raw.push(...detectChanges(table, newerByKey.get(key(table))));
  for (const table of [...newer.tables].sort(byName))
    if (!olderKeys.has(key(table))) raw.push(...detectChanges(undefined, table));
  const changes = raw.map((change) => classify(change, versionLabel(older), versionLabel(newer)));
  const required = changes.reduce<SemverBump>((bump, c) => maxBump(bump, c.bump), 'none');
  const declared = declaredBump(older.version, newer.version);
  const sufficient = required === 'none' || (declared !== 'downgrade' && bumpCovers(declared, required));
  return {
    older: snapshotId(older),
    newer: snapshotId(newer),
    changes,
    required,
    declared,
    sufficient,
    suggestedVersion: nextVersion(older.version, required),
  };
}

const BUMPS: Record<ChangeSeverity, Exclude<SemverBump, 'none'>> = {
  safe: 'patch',
  additive: 'minor',
  breaking: 'major',
};

/**
 * The semver bump one change needs: its {@link classifyChange} severity as a version sees it
 * (safe → patch, additive → minor, breaking → major).
 *
 * @example
 * ```ts
 * bumpFor({ kind: 'table-added', table: { name: 'invoice' } }); // 'minor'
 * ```
 */
export function bumpFor(change: SchemaChange): Exclude<SemverBump, 'none'> {
  return BUMPS[classifyChange(change, 'version').severity];
}

const VERBS: Record<SchemaChange['kind'], string> = {
  'table-missing': 'removed',
  'table-added': 'added',
  'column-dropped': 'removed',
  'column-added': 'added',
  'column-type-changed': 'type changed',
  'nullability-changed': 'nullability changed',
  'enum-values-added': 'enum values added',
  'enum-values-removed': 'enum values removed',
  'enum-values-reordered': 'enum values reordered',
  'default-changed': 'default changed',
  'generated-changed': 'generation changed',
  'comment-changed': 'comment changed',
  'primary-key-changed': 'primary key changed',
  'index-added': 'index added',
  'index-dropped': 'index removed',
  'unique-added': 'unique constraint added',
  'unique-dropped': 'unique constraint removed',
  'foreign-key-added': 'foreign key added',
  'foreign-key-dropped': 'foreign key removed',
  'check-added': 'check added',
  'check-dropped': 'check removed',
};

/**
 * How a comparison names one side: its version, and where it was read when known, so two sides
 * with the same version stay apart (`1.0.0 (HEAD~1)`, `1.0.0 (working tree)`).
 *
 * @example
 * ```ts
 * versionLabel({ version: '1.0.0', source: 'HEAD~1' }); // '1.0.0 (HEAD~1)'
 * ```
 */
export function versionLabel(side: SnapshotId): string {
  return side.source === undefined ? side.version : `${side.version} (${side.source})`;
}

function classify(change: SchemaChange, olderLabel: string, newerLabel: string): ContractChange {
  const words = describeChange(change);
  const subject = words.subject.charAt(0).toUpperCase() + words.subject.slice(1);
  const message =
    `${subject}: ${VERBS[change.kind]}. ${olderLabel} has ${words.from}; ${newerLabel} has ${words.to}` +
    `${words.note ? ` (${words.note})` : ''}.`;
  const classification = classifyChange(change, 'version');
  return { ...change, bump: BUMPS[classification.severity], classification, message };
}

function byName(a: TableSchema, b: TableSchema): number {
  const ka = `${a.schema ?? ''}.${a.name}`;
  const kb = `${b.schema ?? ''}.${b.name}`;
  return ka < kb ? -1 : ka > kb ? 1 : 0;
}

function snapshotId(snapshot: DatakitSnapshot): SnapshotId {
  return {
    ...(snapshot.name === undefined ? {} : { name: snapshot.name }),
    version: snapshot.version,
    ...(snapshot.source === undefined ? {} : { source: snapshot.source }),
  };
}
