import type { ForeignKeySchema, KeyConstraint } from '../schema/table-schema.js';
import { describeColumn, describeColumnType } from './describe-column-type.js';
import type { ChangedTable, SchemaChange } from './schema-change.js';

/**
 * The two sides of a change in words, for drift and version messages alike.
 *
 * @example
 * ```ts
 * const { subject, from, to } = describeChange(change);
 * ```
 */
export interface ChangeDescription {
  /** `table "shop"."customer"` or `column "customer"."email"`. */
  subject: string;
  /** The state on the `from` side (contract, older version). */
  from: string;
  /** The state on the `to` side (database, newer version). */
  to: string;
  /** A remark such as `possibly renamed to "email_address"` or `narrowed`. */
  note?: string;
}

/**
 * Describes both sides of a {@link SchemaChange} in words.
 *
 * @example
 * ```ts
 * describeChange(change); // { subject: 'column "customer"."email"', from: 'varchar(255) not null', to: 'no such column' }
 * ```
 */
export function describeChange(change: SchemaChange): ChangeDescription {
  const table = quoteTable(change.table);
  const subject =
    'column' in change && change.column !== undefined
      ? `column ${table}."${change.column}"`
      : `table ${table}`;
  const base = { subject };
  switch (change.kind) {
    case 'table-missing':
      return { ...base, from: 'the table', to: 'no such table' };
    case 'table-added':
      return { ...base, from: 'no such table', to: 'the table' };
    case 'column-dropped':
      return withNote(
        { ...base, from: describeColumn(change.definition), to: 'no such column' },
        change.renamedTo && `possibly renamed to "${change.renamedTo}"`,
      );
    case 'column-added':
      return withNote(
        { ...base, from: 'no such column', to: describeColumn(change.definition) },
        change.renamedFrom && `possibly renamed from "${change.renamedFrom}"`,
      );
    case 'column-type-changed':
      return {
        ...base,
        from: describeColumnType(change.from),
        to: describeColumnType(change.to),
        note: change.change,
      };
    case 'nullability-changed':
      return { ...base, from: change.from ? 'null' : 'not null', to: change.to ? 'null' : 'not null' };
    case 'enum-values-added':
    case 'enum-values-removed':
      return {
        ...base,
        from: describeColumnType(change.from),
        to: describeColumnType(change.to),
        note: `${change.kind === 'enum-values-added' ? 'added' : 'removed'} ${change.values.map((v) => `'${v}'`).join(', ')}`,
      };
    case 'enum-values-reordered':
      return {
        ...base,
        from: describeColumnType(change.from),
        to: describeColumnType(change.to),
        note: 'reordered',
      };
    case 'default-changed':
      return { ...base, from: change.from ?? 'no default', to: change.to ?? 'no default' };
    case 'generated-changed':
      return { ...base, from: change.from ?? 'not generated', to: change.to ?? 'not generated' };
    case 'comment-changed':
      return { ...base, from: change.from ?? 'no comment', to: change.to ?? 'no comment' };
    case 'primary-key-changed':
      return {
        ...base,
        from: describeKey('primary key', change.from),
        to: describeKey('primary key', change.to),
      };
    case 'index-added':
    case 'index-dropped': {
      const index = `${change.index.unique ? 'unique index' : 'index'} "${change.index.name}" (${change.index.columns.join(', ')})`;
      return change.kind === 'index-added'
        ? { ...base, from: 'no such index', to: index }
        : { ...base, from: index, to: 'no such index' };
    }
    case 'unique-added':
    case 'unique-dropped': {
      const unique = describeKey('unique', change.unique);
      return change.kind === 'unique-added'
        ? { ...base, from: 'no such unique constraint', to: unique }
        : { ...base, from: unique, to: 'no such unique constraint' };
    }
    case 'foreign-key-added':
    case 'foreign-key-dropped': {
      const fk = describeForeignKey(change.foreignKey);
      return change.kind === 'foreign-key-added'
        ? { ...base, from: 'no such foreign key', to: fk }
        : { ...base, from: fk, to: 'no such foreign key' };
    }
    case 'check-added':
    case 'check-dropped': {
      const check = `check "${change.check.name}" (${change.check.expression})`;
      return change.kind === 'check-added'
        ? { ...base, from: 'no such check', to: check }
        : { ...base, from: check, to: 'no such check' };
    }
  }
}

/**
 * `"shop"."customer"`, or `"customer"` without a schema.
 *
 * @example
 * ```ts
 * quoteTable({ schema: 'shop', name: 'customer' }); // '"shop"."customer"'
 * ```
 */
export function quoteTable(table: ChangedTable): string {
  return table.schema === undefined ? `"${table.name}"` : `"${table.schema}"."${table.name}"`;
}

function describeKey(label: string, key: KeyConstraint | undefined): string {
  if (!key) return `no ${label}`;
  return `${label}${key.name ? ` "${key.name}"` : ''} (${key.columns.join(', ')})`;
}

function describeForeignKey(fk: ForeignKeySchema): string {
  const actions = [
    fk.onDelete && `on delete ${fk.onDelete}`,
    fk.onUpdate && `on update ${fk.onUpdate}`,
  ].filter(Boolean);
  return `foreign key${fk.name ? ` "${fk.name}"` : ''} (${fk.columns.join(', ')}) references "${fk.references.table}" (${fk.references.columns.join(', ')})${actions.length > 0 ? ` ${actions.join(' ')}` : ''}`;
}

function withNote(description: ChangeDescription, note: string | undefined): ChangeDescription {
  return note ? { ...description, note } : description;
}
