/**
 * The demo's revenue figures twice: computed by plain SQL on the source systems (System A's
 * customers and addresses, System D's orders and lines, System E's products and categories, all
 * in the demo's one sources database), with the rules the pipeline applies written out by hand,
 * and read from the gold layer. Each query gives `key`, `currency`, `revenue` (numeric as text).
 */
export interface GoldFigure {
  name: 'month' | 'country' | 'category';
  sourceSql: string;
  goldSql: string;
}

/** What bronze's customer transform accepts as an email. */
export const EMAIL = `'^[^@[:space:]]+@[^@[:space:]]+\\.[^@[:space:]]+$'`;

// The rules, by layer: bronze rejects bad emails, negative totals and quantities below 1 and
// drops cancelled orders; silver rejects the orders of customers bronze rejected, and a line
// follows its order; a customer's country is its billing address's, else its latest address's.
const LINES = `with "valid_customer" as (
    select "customer_id" from "customer" where lower(trim("email")) ~ ${EMAIL}
  ), "country" as (
    select distinct on ("customer_id") "customer_id", upper("country") as "country" from "address"
    order by "customer_id", ("kind" = 'billing') desc, "address_id" desc
  ), "line" as (
    select to_char(o."order_date", 'YYYY-MM') as "month", upper(o."currency") as "currency",
           coalesce(c."country", 'unknown') as "country", trim(cat."name") as "category",
           (l."unit_price" * l."quantity")::numeric(12,2) as "amount"
    from "order_line" l
    join "orders" o on o."order_id" = l."order_id"
    join "valid_customer" v on v."customer_id" = o."customer_id"
    left join "country" c on c."customer_id" = o."customer_id"
    join "product" p on upper(p."sku") = upper(l."product_sku")
    join "category" cat on cat."category_id" = p."category_id"
    where o."status" <> 'cancelled' and o."total" >= 0 and l."quantity" >= 1
  )`;

const bySource = (key: string) =>
  `${LINES} select ${key} as "key", "currency", sum("amount")::text as "revenue" from "line" group by 1, 2`;

/** Revenue per month, per customer country and per product category, each per currency. */
export const GOLD_FIGURES: readonly GoldFigure[] = [
  {
    name: 'month',
    sourceSql: bySource('"month"'),
    goldSql: `select "year_month" as "key", "currency", sum("revenue")::text as "revenue" from "gold"."monthly_revenue" group by 1, 2`,
  },
  {
    name: 'country',
    sourceSql: bySource('"country"'),
    goldSql: `select "country" as "key", "currency", sum("revenue")::text as "revenue" from "gold"."monthly_revenue" group by 1, 2`,
  },
  {
    name: 'category',
    sourceSql: bySource('"category"'),
    goldSql: `select p."category" as "key", f."currency", sum(f."amount")::text as "revenue"
      from "gold"."fact_order_line" f join "gold"."dim_product" p on p."product_key" = f."product_key" group by 1, 2`,
  },
];
