/**
 * The catalog queries of the PostgreSQL introspector. `$1` is the schema, `$2` a `text[]` of
 * table names or null for all. Names are cast to text so every driver returns plain strings.
 * @internal
 */
export const postgresCatalogQueries = {
  tables: `
    select c.relname::text as table_name, obj_description(c.oid, 'pg_class') as comment
    from pg_class c join pg_namespace n on n.oid = c.relnamespace
    where n.nspname = $1 and c.relkind in ('r', 'p') and ($2::text[] is null or c.relname = any($2::text[]))`,

  columns: `
    select c.relname::text as table_name, a.attname::text as name, a.attnum::int as position,
      a.attnotnull as not_null, format_type(a.atttypid, a.atttypmod) as type_sql,
      a.attndims::int as dims, (t.typcategory = 'A' and t.typelem <> 0) as is_array,
      et.oid::int as elem_oid, et.typtype::text as elem_kind, et.typname::text as elem_name,
      pg_get_expr(d.adbin, d.adrelid) as default_sql, a.attidentity::text as identity,
      a.attgenerated::text as generated, col_description(c.oid, a.attnum) as comment
    from pg_class c
    join pg_namespace n on n.oid = c.relnamespace
    join pg_attribute a on a.attrelid = c.oid and a.attnum > 0 and not a.attisdropped
    join pg_type t on t.oid = a.atttypid
    join pg_type et on et.oid = case when t.typcategory = 'A' and t.typelem <> 0 then t.typelem else t.oid end
    left join pg_attrdef d on d.adrelid = c.oid and d.adnum = a.attnum
    where n.nspname = $1 and c.relkind in ('r', 'p') and ($2::text[] is null or c.relname = any($2::text[]))
    order by a.attrelid, a.attnum`,

  enumValues: `
    select e.enumtypid::int as type_oid, array_agg(e.enumlabel::text order by e.enumsortorder) as labels
    from pg_enum e where e.enumtypid = any($1::int[]) group by e.enumtypid`,

  constraints: `
    select con.conname::text as name, con.contype::text as type, cl.relname::text as table_name,
      array(select a.attname::text from unnest(con.conkey) with ordinality k(num, ord)
            join pg_attribute a on a.attrelid = con.conrelid and a.attnum = k.num order by k.ord) as columns,
      fcl.relname::text as ref_table, fn.nspname::text as ref_schema,
      array(select a.attname::text from unnest(con.confkey) with ordinality k(num, ord)
            join pg_attribute a on a.attrelid = con.confrelid and a.attnum = k.num order by k.ord) as ref_columns,
      con.confdeltype::text as on_delete, con.confupdtype::text as on_update,
      pg_get_constraintdef(con.oid) as definition
    from pg_constraint con
    join pg_class cl on cl.oid = con.conrelid
    join pg_namespace n on n.oid = cl.relnamespace
    left join pg_class fcl on fcl.oid = con.confrelid
    left join pg_namespace fn on fn.oid = fcl.relnamespace
    where n.nspname = $1 and con.contype in ('p', 'u', 'f', 'c')
      and ($2::text[] is null or cl.relname = any($2::text[]))`,

  indexes: `
    select i.relname::text as name, cl.relname::text as table_name, ix.indisunique as is_unique,
      array(select case when k.num > 0 then a.attname::text else pg_get_indexdef(ix.indexrelid, k.ord::int, true) end
            from unnest(ix.indkey) with ordinality k(num, ord)
            left join pg_attribute a on a.attrelid = ix.indrelid and a.attnum = k.num
            where k.ord <= ix.indnkeyatts order by k.ord) as columns
    from pg_index ix
    join pg_class i on i.oid = ix.indexrelid
    join pg_class cl on cl.oid = ix.indrelid
    join pg_namespace n on n.oid = cl.relnamespace
    where n.nspname = $1 and cl.relkind in ('r', 'p')
      and ($2::text[] is null or cl.relname = any($2::text[]))
      and not exists (select 1 from pg_constraint c
                      where c.conindid = ix.indexrelid and c.conrelid = ix.indrelid and c.contype in ('p', 'u', 'x'))`,

  schemas: `
    select nspname::text as name from pg_namespace
    where nspname not like 'pg\\_%' and nspname <> 'information_schema'`,
} as const;
