/**
 * The information_schema queries of the MySQL/MariaDB introspector. The first `?` is the database;
 * `{tables:<column>}` is replaced by `and <column> in (?)` when only some tables are read.
 * @internal
 */
export const mysqlCatalogQueries = {
  tables: `
    select TABLE_NAME as table_name, TABLE_COMMENT as comment from information_schema.TABLES
    where TABLE_SCHEMA = ? and TABLE_TYPE = 'BASE TABLE' {tables:TABLE_NAME}`,

  columns: `
    select TABLE_NAME as table_name, COLUMN_NAME as name, ORDINAL_POSITION as position,
      IS_NULLABLE as is_nullable, COLUMN_TYPE as column_type, COLUMN_DEFAULT as default_sql,
      EXTRA as extra, COLUMN_COMMENT as comment
    from information_schema.COLUMNS where TABLE_SCHEMA = ? {tables:TABLE_NAME}
    order by TABLE_NAME, ORDINAL_POSITION`,

  keys: `
    select s.TABLE_NAME as table_name, s.INDEX_NAME as name, s.NON_UNIQUE as non_unique,
      s.COLUMN_NAME as column_name, s.SEQ_IN_INDEX as seq
    from information_schema.STATISTICS s where s.TABLE_SCHEMA = ? {tables:s.TABLE_NAME}
    order by s.TABLE_NAME, s.INDEX_NAME, s.SEQ_IN_INDEX`,

  foreignKeys: `
    select k.TABLE_NAME as table_name, k.CONSTRAINT_NAME as name, k.COLUMN_NAME as column_name,
      k.REFERENCED_TABLE_SCHEMA as ref_schema, k.REFERENCED_TABLE_NAME as ref_table,
      k.REFERENCED_COLUMN_NAME as ref_column, r.DELETE_RULE as on_delete, r.UPDATE_RULE as on_update
    from information_schema.KEY_COLUMN_USAGE k
    join information_schema.REFERENTIAL_CONSTRAINTS r
      on r.CONSTRAINT_SCHEMA = k.CONSTRAINT_SCHEMA and r.CONSTRAINT_NAME = k.CONSTRAINT_NAME and r.TABLE_NAME = k.TABLE_NAME
    where k.TABLE_SCHEMA = ? and k.REFERENCED_TABLE_NAME is not null {tables:k.TABLE_NAME}
    order by k.TABLE_NAME, k.CONSTRAINT_NAME, k.ORDINAL_POSITION`,

  /** MariaDB: check names are unique per table, and CHECK_CONSTRAINTS has the table. */
  mariadbChecks: `
    select c.TABLE_NAME as table_name, c.CONSTRAINT_NAME as name, c.CHECK_CLAUSE as clause, c.LEVEL as level
    from information_schema.CHECK_CONSTRAINTS c where c.CONSTRAINT_SCHEMA = ? {tables:c.TABLE_NAME}`,

  /** MySQL 8: check names are unique per schema; the table comes from TABLE_CONSTRAINTS. */
  mysqlChecks: `
    select t.TABLE_NAME as table_name, c.CONSTRAINT_NAME as name, c.CHECK_CLAUSE as clause, 'Table' as level
    from information_schema.TABLE_CONSTRAINTS t
    join information_schema.CHECK_CONSTRAINTS c
      on c.CONSTRAINT_SCHEMA = t.CONSTRAINT_SCHEMA and c.CONSTRAINT_NAME = t.CONSTRAINT_NAME
    where t.CONSTRAINT_TYPE = 'CHECK' and t.TABLE_SCHEMA = ? {tables:t.TABLE_NAME}`,

  schemas: `
    select SCHEMA_NAME as name from information_schema.SCHEMATA
    where SCHEMA_NAME not in ('mysql', 'information_schema', 'performance_schema', 'sys')`,
} as const;
