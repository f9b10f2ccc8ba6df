// The benchmark's steps written by hand in plain SQL, the baseline each datakit step is measured against.

import { numberPattern } from './contracts.js';

const REJECT_COLUMNS = `load_id, source_table, target_table, stage, "column", rule, message, row`;
export const handSilverCustomer = [
  `create temporary table s on commit drop as
   with c as (
     select distinct on (id) id, coalesce(trim(name), '') as name, coalesce(lower(trim(email)), '') as email,
       case lower(trim(status)) when 'act' then 'active' when 'active' then 'active' when 'on hold' then 'paused'
         when 'paused' then 'paused' when 'churned' then 'churned' end as status,
       upper(trim(country)) as country, updated_at, trim(name) <> '' as name_ok, email like '%@%' as email_ok
     from bronze.customer order by id, updated_at desc)
   select c.*, case when not coalesce(name_ok, false) then 'name-present' when not coalesce(email_ok, false) then 'email-format'
       when status is null then 'status-known' when char_length(email) > 80 then 'max-length'
       when row_number() over (partition by email order by id) > 1
         or exists (select 1 from silver.customer t where t.email = c.email and t.id <> c.id) then 'unique-email' end as reason
   from c`,
  `insert into datakit.rejects (${REJECT_COLUMNS})
   select gen_random_uuid(), 'bronze.customer', 'silver.customer', 'transform', null, reason, 'rejected (key id=' || id || ')', to_jsonb(s) - 'reason'
   from s where reason is not null`,
  `merge into silver.customer t using (select * from s where reason is null) s on t.id = s.id
   when matched and (t.name is distinct from s.name or t.email is distinct from s.email or t.status is distinct from s.status
     or t.country is distinct from s.country or t.updated_at is distinct from s.updated_at)
   then update set name = s.name, email = s.email, status = s.status, country = s.country, updated_at = s.updated_at
   when not matched then insert (id, name, email, status, country, updated_at) values (s.id, s.name, s.email, s.status, s.country, s.updated_at)`,
];
export const handSilverOrder = [
  `create temporary table s on commit drop as
   select id, coalesce(customer_id, -1) as customer_id, case when amount ~ '${numberPattern}' then amount::numeric(12,2) else 0 end as amount, ordered_at,
     case when amount !~ '${numberPattern}' or amount is null then 'amount-number'
       when count(*) over (partition by id) > 1 then 'duplicate-key'
       when not exists (select 1 from silver.customer c where c.id = coalesce(o.customer_id, -1)) then 'foreign-key' end as reason
   from bronze."order" o`,
  `insert into datakit.rejects (${REJECT_COLUMNS})
   select gen_random_uuid(), 'bronze.order', 'silver.order', 'transform', null, reason, 'rejected (key id=' || id || ')', to_jsonb(s) - 'reason'
   from s where reason is not null`,
  `merge into silver."order" t using (select * from s where reason is null) s on t.id = s.id
   when matched and (t.customer_id is distinct from s.customer_id or t.amount is distinct from s.amount or t.ordered_at is distinct from s.ordered_at)
   then update set customer_id = s.customer_id, amount = s.amount, ordered_at = s.ordered_at
   when not matched then insert (id, customer_id, amount, ordered_at) values (s.id, s.customer_id, s.amount, s.ordered_at)`,
];
// The classic hand-written SCD2: close changed and deleted current versions, open the missing ones.
export const handDimension = (at: string) => [
  `select pg_advisory_xact_lock(hashtext('datakit.dimension'), hashtext('gold.dim_customer'))`,
  `update gold.dim_customer d set valid_to = '${at}', is_current = false from silver.customer s
   where d.customer_id = s.id and d.is_current and d.customer_key <> -1
     and (d.is_inferred = false and (d.name is distinct from s.name or d.status is distinct from s.status or d.country is distinct from s.country))`,
  `update gold.dim_customer d set valid_to = '${at}', is_current = false
   where d.is_current and not d.is_inferred and d.customer_key <> -1 and not exists (select 1 from silver.customer s where s.id = d.customer_id)`,
  `insert into gold.dim_customer (customer_id, name, status, country, valid_from, valid_to, is_current, is_deleted, is_inferred)
   select s.id, s.name, s.status, s.country,
     case when exists (select 1 from gold.dim_customer v where v.customer_id = s.id) then '${at}'::timestamptz else '-infinity' end,
     'infinity', true, false, false
   from silver.customer s where not exists (select 1 from gold.dim_customer d where d.customer_id = s.id and d.is_current)`,
];
export const handFact = [
  `select pg_advisory_xact_lock(hashtext('datakit.dimension'), hashtext('gold.dim_customer'))`,
  `insert into gold.dim_customer (customer_id, name, status, valid_from, valid_to, is_current, is_deleted, is_inferred)
   select distinct o.customer_id, '(inferred)', 'inferred', '-infinity'::timestamptz, 'infinity'::timestamptz, true, false, true
   from silver."order" o where not exists (select 1 from gold.dim_customer d where d.customer_id = o.customer_id)`,
  `insert into gold.fact_order (order_id, customer_key, date_key, amount)
   select o.id, coalesce(c.customer_key, -1), coalesce(dd.date_key, -1), o.amount
   from silver."order" o
   left join gold.dim_customer c on c.customer_id = o.customer_id and c.valid_from <= o.ordered_at and o.ordered_at < c.valid_to
   left join gold.dim_date dd on dd.date = (o.ordered_at at time zone 'UTC')::date`,
];
