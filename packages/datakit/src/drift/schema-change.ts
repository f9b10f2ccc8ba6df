import type {
  CheckSchema,
  ColumnSchema,
  ColumnType,
  ForeignKeySchema,
  IndexSchema,
  KeyConstraint,
} from '../schema/table-schema.js';
import type { TypeChange } from './compare-column-types.js';

/**
 * A table named in a change: its schema (when known) and name.
 *
 * @example
 * ```ts
 * const table: ChangedTable = { schema: 'shop', name: 'customer' };
 * ```
 */
export interface ChangedTable {
  schema?: string;
  name: string;
}

/**
 * One difference between two descriptions of a table, `from` → `to`: the contract and the live
 * database for drift, the older and the newer datakit version for `datakit breaking`. "dropped"
 * means `to` lacks what `from` has; "added" means `to` has what `from` lacks.
 *
 * @example
 * ```ts
 * const change: SchemaChange = {
 *   kind: 'column-type-changed', table: { name: 'customer' }, column: 'email',
 *   from: { kind: 'varchar', length: 255 }, to: { kind: 'varchar', length: 100 }, change: 'narrowed',
 * };
 * ```
 */
export type SchemaChange =
  | { kind: 'table-missing'; table: ChangedTable }
  | { kind: 'table-added'; table: ChangedTable }
  | {
      kind: 'column-dropped';
      table: ChangedTable;
      column: string;
      definition: ColumnSchema;
      renamedTo?: string;
    }
  | {
      kind: 'column-added';
      table: ChangedTable;
      column: string;
      definition: ColumnSchema;
      renamedFrom?: string;
    }
  | {
      kind: 'column-type-changed';
      table: ChangedTable;
      column: string;
      from: ColumnType;
      to: ColumnType;
      change: Exclude<TypeChange, 'same'>;
    }
  | { kind: 'nullability-changed'; table: ChangedTable; column: string; from: boolean; to: boolean }
  | {
      kind: 'enum-values-added';
      table: ChangedTable;
      column: string;
      values: string[];
      from: ColumnType;
      to: ColumnType;
    }
  | {
      kind: 'enum-values-removed';
      table: ChangedTable;
      column: string;
      values: string[];
      from: ColumnType;
      to: ColumnType;
    }
  | { kind: 'enum-values-reordered'; table: ChangedTable; column: string; from: ColumnType; to: ColumnType }
  | { kind: 'default-changed'; table: ChangedTable; column: string; from?: string; to?: string }
  | {
      kind: 'generated-changed';
      table: ChangedTable;
      column: string;
      from?: ColumnSchema['generated'];
      to?: ColumnSchema['generated'];
    }
  | { kind: 'comment-changed'; table: ChangedTable; column?: string; from?: string; to?: string }
  | { kind: 'primary-key-changed'; table: ChangedTable; from?: KeyConstraint; to?: KeyConstraint }
  | { kind: 'index-added' | 'index-dropped'; table: ChangedTable; index: IndexSchema }
  | { kind: 'unique-added' | 'unique-dropped'; table: ChangedTable; unique: KeyConstraint }
  | { kind: 'foreign-key-added' | 'foreign-key-dropped'; table: ChangedTable; foreignKey: ForeignKeySchema }
  | { kind: 'check-added' | 'check-dropped'; table: ChangedTable; check: CheckSchema };

/**
 * The kind names of {@link SchemaChange}.
 *
 * @example
 * ```ts
 * const kind: SchemaChangeKind = 'column-dropped';
 * ```
 */
export type SchemaChangeKind = SchemaChange['kind'];
