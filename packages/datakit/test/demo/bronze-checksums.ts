/**
 * Per bronze table: the source rows as the bronze transform would write them, computed in SQL on
 * the source (filter = the transform's drops and rejects, expressions = its column mapping), and
 * the same columns read from bronze. Both sides give `count` and an md5 over the ordered rows.
 */
export interface BronzeCheck {
  target: string;
  sourceSql: string;
  bronzeSql: string;
}

const v = (expr: string) => `coalesce((${expr})::text, '∅')`;
const utc = (expr: string) => `to_char((${expr}) at time zone 'UTC', 'YYYY-MM-DD HH24:MI:SS.MS')`;
const plain = (expr: string) => `to_char(${expr}, 'YYYY-MM-DD HH24:MI:SS.MS')`;

function digest(columns: readonly string[], from: string, orderBy: string): string {
  return `select count(*)::int as "n", coalesce(md5(string_agg(concat_ws('|', ${columns.map(v).join(', ')}), E'\\n' order by ${orderBy})), '') as "md5" from ${from}`;
}

const EMAIL = `'^[^@[:space:]]+@[^@[:space:]]+\\.[^@[:space:]]+$'`;

/** The checks for the six bronze tables of the demo warehouse. */
export const BRONZE_CHECKS: readonly BronzeCheck[] = [
  {
    target: 'customer',
    sourceSql: digest(
      [
        'customer_id',
        'upper(trim(full_name))',
        'lower(trim(email))',
        'phone',
        'status',
        utc('created_at'),
        utc('updated_at'),
      ],
      `"customer" where lower(trim(email)) ~ ${EMAIL}`,
      'customer_id',
    ),
    bronzeSql: digest(
      ['id', 'name', 'email', 'phone', 'status', utc('source_created_at'), utc('source_updated_at')],
      'bronze."customer"',
      'id',
    ),
  },
  {
    target: 'address',
    sourceSql: digest(
      [
        'address_id',
        'customer_id',
        'kind',
        'street',
        'city',
        `nullif(trim(postal_code), '')`,
        'upper(country)',
      ],
      '"address"',
      'address_id',
    ),
    bronzeSql: digest(
      ['id', 'customer_id', 'kind', 'street', 'city', 'postal_code', 'country'],
      'bronze."address"',
      'id',
    ),
  },
  {
    target: 'category',
    sourceSql: digest(['category_id', 'trim(name)', 'parent_id'], '"category"', 'category_id'),
    bronzeSql: digest(['id', 'name', 'parent_id'], 'bronze."category"', 'id'),
  },
  {
    target: 'product',
    sourceSql: digest(
      ['upper(sku)', 'name', 'category_id', 'list_price', 'active', 'attributes', utc('updated_at')],
      '"product"',
      'upper(sku)',
    ),
    bronzeSql: digest(
      ['sku', 'name', 'category_id', 'list_price', 'active', 'attributes', utc('source_updated_at')],
      'bronze."product"',
      'sku',
    ),
  },
  {
    target: 'order',
    sourceSql: digest(
      [
        'order_id',
        'customer_id',
        plain('order_date'),
        'status',
        'upper(currency)',
        'total',
        plain('updated_at'),
      ],
      `"orders" where status <> 'cancelled' and total >= 0`,
      'order_id',
    ),
    bronzeSql: digest(
      [
        'id',
        'customer_id',
        utc('ordered_at'),
        'status',
        'currency',
        'total_amount',
        utc('source_updated_at'),
      ],
      'bronze."order"',
      'id',
    ),
  },
  {
    target: 'order_line',
    sourceSql: digest(
      [
        'order_id',
        'line_no',
        'upper(product_sku)',
        'quantity',
        'unit_price',
        '(unit_price * quantity)::numeric(12,2)',
      ],
      '"order_line" where quantity >= 1',
      'order_id, line_no',
    ),
    bronzeSql: digest(
      ['order_id', 'line_no', 'sku', 'quantity', 'unit_price', 'line_amount'],
      'bronze."order_line"',
      'order_id, line_no',
    ),
  },
];
