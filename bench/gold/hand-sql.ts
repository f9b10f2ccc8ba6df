// The benchmark's steps written by hand in plain SQL, the baseline each datakit step is measured against.

import { numberPattern } from './contracts.js';

/** The load id both sides' rejects carry in the benchmark. */
export const LOAD_ID = '00000000-0000-4000-8000-00000000b0b0';
const REJECT_COLUMNS = `load_id, source_table, target_table, stage, "column", rule, message, hint, row`;
const hint = (rule: string, transform: string) =>
  `Fix the source row, or change rule "${rule}" of transform "${transform}".`;
/** Each rule's stage, column, message and hint, as the rejects table records them. */
const rules = (rows: [rule: string, stage: string, column: string, message: string, hint: string][]) =>
  `(values ${rows.map((r) => `(${r.map((v) => `'${v.replaceAll("'", "''")}'`).join(', ')})`).join(', ')}) as r (rule, stage, "column", message, hint)`;
const rejects = (from: string, into: string, ruleList: string, extra: string) =>
  `insert into datakit.rejects (${REJECT_COLUMNS})
   select '${LOAD_ID}', '${from}', '${into}', r.stage, r."column", r.rule, '${into}: ' || r.message || ' (key id=' || s.id || ')', r.hint,
     to_jsonb(s) - 'reason'${extra}
   from s join ${ruleList} on r.rule = s.reason`;

export const handSilverCustomer = [
  `create temporary table s on commit drop as
   with c as (
     select distinct on (id) id, coalesce(trim(name), '') as name, coalesce(lower(trim(email)), '') as email,
       coalesce(case lower(trim(status)) when 'act' then 'active' when 'active' then 'active' when 'on hold' then 'paused'
         when 'paused' then 'paused' when 'churned' then 'churned' end, '') as status,
       upper(trim(country)) as country, updated_at, trim(name) <> '' as name_ok, email like '%@%' as email_ok
     from bronze.customer order by id, updated_at desc)
   select c.*, case when not coalesce(name_ok, false) then 'name-present' when not coalesce(email_ok, false) then 'email-format'
       when status = '' then 'status-known' when char_length(email) > 80 then 'max-length:80' when char_length(country) > 2 then 'max-length:2'
       when row_number() over (partition by email order by id) > 1
         or exists (select 1 from silver.customer t where t.email = c.email and t.id <> c.id) then 'unique:email' end as reason
   from c`,
  'analyze s',
  rejects(
    'bronze.customer',
    'silver.customer',
    rules([
      [
        'name-present',
        'transform',
        'name',
        'the customer has no name',
        hint('name-present', 'silver.customer'),
      ],
      ['email-format', 'transform', 'email', 'email has no @', hint('email-format', 'silver.customer')],
      ['status-known', 'transform', 'status', 'unknown status', hint('status-known', 'silver.customer')],
      [
        'max-length:80',
        'target',
        'email',
        'column "email" holds at most 80 characters',
        'Shorten "email" in the select map, or widen the column in the contract.',
      ],
      [
        'max-length:2',
        'target',
        'country',
        'column "country" holds at most 2 characters',
        'Shorten "country" in the select map, or widen the column in the contract.',
      ],
      [
        'unique:email',
        'target',
        'email',
        'another row already has this email',
        'Make email unique in the source, or drop the unique constraint from the contract.',
      ],
    ]),
    ` - 'name_ok' - 'email_ok'`,
  ),
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
       when not exists (select 1 from silver.customer c where c.id = coalesce(o.customer_id, -1)) then 'foreign-key:customer' end as reason
   from bronze."order" o`,
  'analyze s',
  rejects(
    'bronze.order',
    'silver.order',
    rules([
      [
        'amount-number',
        'transform',
        'amount',
        'amount is not a number',
        hint('amount-number', 'silver.order'),
      ],
      [
        'duplicate-key',
        'target',
        'id',
        'more than one row has this key (id)',
        'Deduplicate the source (`dedupe: { key, latest }`) so each key appears once.',
      ],
      [
        'foreign-key:customer',
        'target',
        'customer_id',
        'no customer row has id equal to this customer_id',
        'Load customer first (the pipeline orders it before this table), or fix the reference in the source.',
      ],
    ]),
    '',
  ),
  `merge into silver."order" t using (select * from s where reason is null) s on t.id = s.id
   when matched and (t.customer_id is distinct from s.customer_id or t.amount is distinct from s.amount or t.ordered_at is distinct from s.ordered_at)
   then update set customer_id = s.customer_id, amount = s.amount, ordered_at = s.ordered_at
   when not matched then insert (id, customer_id, amount, ordered_at) values (s.id, s.customer_id, s.amount, s.ordered_at)`,
];
// The classic hand-written SCD2: close changed and deleted current versions, open the missing ones
// (re-opened keys from the run's time). No inferred member waits to be completed in these runs, so
// it leaves that step out (datakit checks and skips it).
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
