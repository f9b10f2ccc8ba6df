import type { SchemaChange } from './schema-change.js';

/**
 * From whose side a change is judged: a `source` is read by runs, a `target` is written by runs
 * and deployed by `datakit deploy`, a `version` is the newer release of a contract that consumers
 * upgrade to (`datakit breaking`).
 *
 * @example
 * ```ts
 * classifyChange(change, 'target');
 * ```
 */
export type ChangeRole = 'source' | 'target' | 'version';

/**
 * `safe`: nothing needs to change (the live table serves the contract as it is; a patch release).
 * `additive`: something is missing or too tight, and DDL that loses nothing fixes it (deploy and
 * the evolve policy apply it; a minor release). `breaking`: only a destructive change, work by
 * hand or a change of the contract fixes it (deploy needs `--allow-destructive`; a major release).
 *
 * @example
 * ```ts
 * const severity: ChangeSeverity = 'additive';
 * ```
 */
export type ChangeSeverity = 'safe' | 'additive' | 'breaking';

/**
 * The one classification of a change that deploy, drift, evolve and `datakit breaking` share.
 *
 * @example
 * ```ts
 * const c = classifyChange(change, 'target');
 * if (c.severity === 'breaking') console.error(`${c.reason}; fix: ${c.fix}`);
 * ```
 */
export interface ChangeClassification {
  severity: ChangeSeverity;
  /** A run stops on it under the `fail` drift policy (never for `version`). */
  blocksRun: boolean;
  /** Why, in one clause, e.g. `values the contract allows may not fit`. */
  reason: string;
  /** What to do; present on every change that is not safe. */
  fix?: string;
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
  quarantine: 'or set the drift policy to quarantine to reject such rows one by one',
  major: 'release it as a new major version',
  minor: 'release it as a new minor version (or major)',
} as const;

type Rule = Record<ChangeRole, ChangeClassification>;

const safe = (reason: string): ChangeClassification => ({ severity: 'safe', blocksRun: false, reason });
const additive = (reason: string, fix: string, blocksRun: boolean): ChangeClassification => ({
  severity: 'additive',
  blocksRun,
  reason,
  fix,
});
const breaking = (reason: string, fix: string, blocksRun = true): ChangeClassification => ({
  severity: 'breaking',
  blocksRun,
  reason,
  fix,
});
const minor = (reason: string) => additive(reason, DRIFT_FIXES.minor, false);
const major = (reason: string) => breaking(reason, DRIFT_FIXES.major, false);

/**
 * Classifies one change `from` → `to` (contract → live table for sources and targets, older →
 * newer for versions). A source must not hold values the contract refuses (a wider type, NULLs, new
 * enum values are breaking; a narrower one is safe); a target must accept every value the contract
 * allows (the reverse), and deploy never drops what it finds (extra columns, indexes, enum values
 * and constraints are kept, as safe). Pure.
 *
 * @example
 * ```ts
 * classifyChange({ kind: 'nullability-changed', table: { name: 'customer' }, column: 'email', from: false, to: true }, 'source');
 * // { severity: 'breaking', blocksRun: true, reason: 'the database allows NULL where the contract does not: …', fix: … }
 * ```
 */
export function classifyChange(change: SchemaChange, role: ChangeRole): ChangeClassification {
  return rules(change)[role];
}

function rules(change: SchemaChange): Rule {
  switch (change.kind) {
    case 'table-missing':
      return {
        source: breaking(
          'the table does not exist',
          `check the schema and table name, or ${DRIFT_FIXES.introspect}`,
        ),
        target: additive('the table does not exist yet', DRIFT_FIXES.deploy, true),
        version: major('the table was removed'),
      };
    case 'table-added':
      return {
        source: safe('a table the contract does not describe'),
        target: safe('a table the contract does not describe: kept'),
        version: minor('a new table'),
      };
    case 'column-dropped': {
      const def = change.definition;
      const fillable = def.nullable || def.default !== undefined || def.generated !== undefined;
      const renamed = change.renamedTo;
      return {
        source: breaking(
          'the contract reads a column the database does not have',
          renamed
            ? `${DRIFT_FIXES.rename} ("${renamed}" → "${change.column}"), or ${DRIFT_FIXES.introspect}`
            : DRIFT_FIXES.introspect,
        ),
        target: fillable
          ? additive(
              'the column does not exist yet',
              renamed
                ? `rename "${renamed}" back to "${change.column}", or ${DRIFT_FIXES.deploy}`
                : DRIFT_FIXES.deploy,
              true,
            )
          : breaking(
              'a NOT NULL column without a default: adding it fails on a table with rows',
              renamed
                ? `rename "${renamed}" back to "${change.column}", or ${DRIFT_FIXES.destructive}`
                : `give "${change.column}" a default in the contract, or ${DRIFT_FIXES.destructive} on an empty table`,
            ),
        version: major('the column was removed'),
      };
    }
    case 'column-added': {
      const def = change.definition;
      const optional = def.nullable || def.default !== undefined || def.generated !== undefined;
      return {
        source: safe('a column the contract does not read'),
        target: optional
          ? safe('a column the contract does not write: kept')
          : additive(
              'a NOT NULL column without a default that the contract does not write: every insert fails',
              `drop its NOT NULL or give it a default: ${DRIFT_FIXES.deploy}`,
              true,
            ),
        version: optional ? minor('a new optional column') : major('a new NOT NULL column without a default'),
      };
    }
    case 'column-type-changed':
      if (change.change === 'widened') {
        return {
          source: breaking(
            'the database column is wider than the contract: values that do not fit are rejected',
            `widen the contract (${DRIFT_FIXES.introspect}), ${DRIFT_FIXES.quarantine}`,
          ),
          target: safe('the database column is wider than the contract: every value fits'),
          version: minor('a wider type'),
        };
      }
      if (change.change === 'narrowed') {
        return {
          source: safe('the database column is narrower than the contract: every value fits'),
          target: additive(
            'values the contract allows may not fit',
            `widen the column: ${DRIFT_FIXES.deploy}`,
            true,
          ),
          version: major('a narrower type'),
        };
      }
      return {
        source: breaking(
          'the type changed',
          `${DRIFT_FIXES.introspect}, and adapt the transform to the new type`,
        ),
        target: breaking(
          'the type changed: converting it can fail or change values',
          DRIFT_FIXES.destructive,
        ),
        version: major('a different type'),
      };
    case 'nullability-changed':
      if (change.to) {
        return {
          source: breaking(
            'the database allows NULL where the contract does not: rows with NULL are rejected',
            `make the column nullable in the contract (${DRIFT_FIXES.introspect}) and handle NULL in the transform, ${DRIFT_FIXES.quarantine}`,
          ),
          target: breaking(
            'the database allows NULL where the contract does not: setting NOT NULL fails if a row holds NULL',
            DRIFT_FIXES.destructive,
            false,
          ),
          version: major('the column became nullable'),
        };
      }
      return {
        source: safe('the database refuses NULL: every row has a value'),
        target: additive(
          'NULLs from the contract will be refused',
          `drop NOT NULL: ${DRIFT_FIXES.deploy}`,
          true,
        ),
        version: major('the column became NOT NULL'),
      };
    case 'enum-values-added':
      return {
        source: breaking(
          'rows with the new values are rejected',
          `add the values to the contract (${DRIFT_FIXES.introspect}), ${DRIFT_FIXES.quarantine}`,
        ),
        target: safe('the database accepts more values than the contract: kept'),
        version: minor('new enum values'),
      };
    case 'enum-values-removed':
      return {
        source: safe('every value the database holds is in the contract'),
        target: additive(
          'rows with the missing values will be refused',
          `add the values back: ${DRIFT_FIXES.deploy}`,
          true,
        ),
        version: major('enum values were removed'),
      };
    case 'enum-values-reordered':
      return {
        source: safe('only the order differs'),
        target: safe('only the order differs'),
        version: safe('only the order differs'),
      };
    case 'default-changed':
      return {
        source: safe('defaults do not matter to reads'),
        target: additive('the default differs', DRIFT_FIXES.deploy, false),
        version: safe('a different default'),
      };
    case 'generated-changed':
      return {
        source: safe('generation does not matter to reads'),
        target: breaking(
          'the identity (generated key) differs: deploy does not change it',
          `change the identity by hand, or ${DRIFT_FIXES.introspect}`,
          false,
        ),
        version: minor('a different identity'),
      };
    case 'comment-changed':
      return {
        source: safe('comments do not matter to runs'),
        target: safe('comments are not deployed'),
        version: safe('a different comment'),
      };
    case 'primary-key-changed':
      return {
        source: breaking('keys drive merges, history and partitions', DRIFT_FIXES.introspect),
        target:
          change.from && !change.to
            ? additive('the table has no primary key', DRIFT_FIXES.deploy, true)
            : breaking(
                'the primary key differs: deploy does not change it',
                `migrate the key by hand, or ${DRIFT_FIXES.destructive}`,
              ),
        version: major('a different primary key'),
      };
    case 'index-added':
      return {
        source: safe('indexes do not matter to reads'),
        target: safe('an index the contract does not declare: kept'),
        version: safe('a new index'),
      };
    case 'index-dropped':
      return {
        source: safe('indexes do not matter to reads'),
        target: additive('a declared index is missing', DRIFT_FIXES.deploy, false),
        version: safe('an index was removed'),
      };
    case 'unique-added':
    case 'foreign-key-added':
    case 'check-added':
      return {
        source: safe('constraints do not matter to reads'),
        target: safe('a constraint the contract does not declare: kept'),
        version: minor('a new constraint'),
      };
    case 'unique-dropped':
    case 'foreign-key-dropped':
    case 'check-dropped':
      return {
        source: safe('constraints do not matter to reads'),
        target: additive('a declared constraint is missing', DRIFT_FIXES.deploy, false),
        version: minor('a constraint was removed'),
      };
  }
}
